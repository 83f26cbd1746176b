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
 * steps 8 and 9 for one node before the next instead of in waves. Not a test: run it by hand (command in docs/benchmarks.md).
 */
public final class SandboxBenchmark {
    private SandboxBenchmark() {}

    public static void main(String[] args) throws Exception {
        boolean realistic = args.length > 0 && args[0].equals("realistic");
        SandboxSpec procedureSpec = realistic ? SandboxSpec.realistic() : SandboxSpec.demo();
        boolean hostByHost = args.length > 1 && args[1].equals("host-by-host");
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
            try {
                DocumentedProcedureTest.runProcedure(sandbox, ssh, hostByHost);
            } finally {
                for (SshSession session : ssh.values()) {
                    session.close();
                }
            }
            System.out.println("documented procedure over SSH" + (hostByHost ? ", host by host," : "") + " with "
                    + (realistic ? "realistic" : "demo") + " delays (start included): "
                    + Duration.between(begin, Instant.now()).toMillis() + " ms, "
                    + sandbox.execEvents().size()
                    + " SSH commands, " + sandbox.toolEvents().size() + " tool calls, healthy=" + sandbox.healthy());
        }
    }
}
