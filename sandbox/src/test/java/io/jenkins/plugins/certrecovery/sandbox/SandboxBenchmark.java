package io.jenkins.plugins.certrecovery.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of docs/benchmarks.md "Sandbox": start times of a 3 + 2 cluster (first in a fresh JVM, then warm) and the documented
 * procedure typed over SSH. Arguments: the delays, {@code demo} (default) or {@code realistic}; then {@code host-by-host} to finish
 * steps 8 and 9 for one node before the next instead of in waves, or {@code naive} followed by a 4.6+ release (e.g. {@code 4.14}) for
 * the approach people script on 4.6+ instead: approve every CSR each second until every node is Ready (with every rogue CSR of the
 * release in the sandbox, which that loop approves too). Not a test: run it by hand (command in docs/benchmarks.md).
 */
public final class SandboxBenchmark {
    private SandboxBenchmark() {}

    public static void main(String[] args) throws Exception {
        boolean realistic = args.length > 0 && args[0].equals("realistic");
        SandboxSpec procedureSpec = realistic ? SandboxSpec.realistic() : SandboxSpec.demo();
        boolean hostByHost = args.length > 1 && args[1].equals("host-by-host");
        boolean naive = args.length > 1 && args[1].equals("naive");
        if (naive) {
            procedureSpec = procedureSpec.withOpenShiftVersion(args[2]).withRogueCsrs(RogueCsr.values());
        }
        List<String> starts = new ArrayList<>();
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < 5; i++) {
            Instant begin = Instant.now();
            long cpu = os.getProcessCpuTime();
            try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults())) {
                starts.add(Duration.between(begin, Instant.now()).toMillis() + " ms wall / "
                        + (os.getProcessCpuTime() - cpu) / 1_000_000 + " ms CPU");
            }
        }
        System.out.println("start 3+2, first in a fresh JVM then warm: " + starts);
        System.out.println("load average at the end of the starts: " + os.getSystemLoadAverage() + " on "
                + os.getAvailableProcessors() + " CPUs");

        Instant begin = Instant.now();
        try (Sandbox sandbox = Sandbox.start(procedureSpec)) {
            Map<String, SshSession> ssh = new LinkedHashMap<>();
            for (String host : sandbox.hostNames()) {
                ssh.put(host, new SshSession(sandbox, host));
            }
            String what;
            try {
                if (naive) {
                    int rounds = approveEverythingUntilReady(sandbox, ssh.get("master-0"));
                    what = "naive loop on OpenShift "
                            + procedureSpec.ocpVersion().text() + " (" + rounds
                            + " rounds, rogue CSRs approved "
                            + sandbox.csrs().stream()
                                    .filter(c -> c.rogue() != null && c.approved())
                                    .count()
                            + " of "
                            + sandbox.csrs().stream()
                                    .filter(c -> c.rogue() != null)
                                    .count() + ")";
                } else {
                    DocumentedProcedureTest.runProcedure(sandbox, ssh, hostByHost);
                    what = "documented procedure" + (hostByHost ? ", host by host," : "");
                }
            } finally {
                for (SshSession session : ssh.values()) {
                    session.close();
                }
            }
            System.out.println(what + " over SSH with "
                    + (realistic ? "realistic" : "demo") + " delays (start included): "
                    + Duration.between(begin, Instant.now()).toMillis() + " ms, "
                    + sandbox.execEvents().size()
                    + " SSH commands, " + sandbox.toolEvents().size() + " tool calls, healthy=" + sandbox.healthy()
                    + ", load average " + os.getSystemLoadAverage());
        }
    }

    /**
     * What people script on 4.6+ (crc, kubevirtci, answers on the web): on the first master, with its localhost-recovery
     * kubeconfig, {@code oc get csr -o name | xargs oc adm certificate approve} every second (the engine's poll interval) until
     * {@code oc get nodes} shows every node Ready. It checks nothing, so it approves rogue CSRs and superseded ones alike.
     *
     * @return how many rounds it took
     */
    static int approveEverythingUntilReady(Sandbox sandbox, SshSession master) throws Exception {
        String approveAll = "sudo -n sh -c 'export KUBECONFIG=" + OpenShift4xProcedureTest.LOCALHOST_RECOVERY
                + "; oc get csr -o name | xargs oc adm certificate approve'";
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(15));
        for (int round = 1; Instant.now().isBefore(giveUp); round++) {
            master.run(approveAll);
            long ready = master.run(OpenShift4xProcedureTest.AS_ADMIN + "oc get nodes --no-headers")
                    .out()
                    .lines()
                    .filter(l -> l.split("\\s+")[1].equals("Ready"))
                    .count();
            if (ready == sandbox.hostNames().size()) {
                return round;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the nodes were not all Ready after 15 minutes of approving every CSR");
    }
}
