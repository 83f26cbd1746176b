package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.sandbox.RogueCsr;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import java.time.Duration;

/**
 * The figures of docs/benchmarks.md "Recovery": the whole procedure on the sandbox, against its critical path (the waits no tool can
 * avoid). Not a test: run it by hand (command in docs/benchmarks.md). Arguments: how many runs (default 3); the delays, {@code demo}
 * (default) or {@code realistic}; how many masters restart at once (default 1, as documented); how many workers (default 2); the
 * OpenShift release (default 4.3); on 4.6+ how many days the cluster was off (default the spec's). On 4.6+ the sandbox also holds
 * every rogue CSR of that release, and each run prints how many of them were approved (the goal is none); there the ratio is
 * taken from the cluster's boot (the sandbox's start, when kube-apiserver's start delay begins), as for the naive loop of
 * {@code SandboxBenchmark}.
 */
public final class RecoveryBenchmark {
    private RecoveryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        SandboxSpec spec =
                args.length > 1 && args[1].equals("realistic") ? SandboxSpec.realistic() : SandboxSpec.demo();
        int masterParallelism = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : spec.workers();
        spec = spec.withNodes(spec.masters(), workers);
        if (args.length > 4) {
            spec = spec.withOpenShiftVersion(args[4]).withRogueCsrs(RogueCsr.values());
        }
        if (args.length > 5) {
            spec = spec.withDaysOff(Integer.parseInt(args[5]));
        }
        Duration critical = criticalPath(spec);
        // The options users get (poll every second), but for the masters restarted at once.
        RecoveryOptions options = RecoveryOptions.defaults().toBuilder()
                .owner("benchmark")
                .parallelism(masterParallelism, RecoveryOptions.defaults().workerParallelism())
                .build();
        System.out.printf(
                "OpenShift %s, %d days off, delays %s, critical path %.1f s, masterParallelism %d, %d masters + %d"
                        + " workers%n",
                spec.ocpVersion().text(),
                spec.daysOff(),
                args.length > 1 ? args[1] : "demo",
                critical.toMillis() / 1000.0,
                masterParallelism,
                spec.masters(),
                workers);
        for (int i = 1; i <= runs; i++) {
            long booted = System.nanoTime();
            try (SandboxCluster cluster = new SandboxCluster(spec)) {
                long cpu = os.getProcessCpuTime();
                long start = System.nanoTime();
                RecoverySummary summary =
                        new RecoveryProcedure(cluster.context(options), CsrApprovalPolicy.ALL_VALID).execute();
                long end = System.nanoTime();
                Duration wall = Duration.ofNanos(end - start);
                // 4.6+: the cluster's waits run from its boot (the sandbox's start), not from the engine's start
                Duration measured = spec.ocpVersion().minor() == 3 ? wall : Duration.ofNanos(end - booted);
                int nodes = spec.masters() + workers;
                System.out.printf(
                        "run %d: wall %.1f s (%.1f s from the cluster's boot), critical path %.1f s, ratio %.2f, CPU %.1f s,"
                                + " %d SSH commands (%.1f per node),"
                                + " %d tool calls, healthy=%s, rogue CSRs approved %d of %d, load %.1f on %d CPUs%n",
                        i,
                        wall.toMillis() / 1000.0,
                        Duration.ofNanos(end - booted).toMillis() / 1000.0,
                        critical.toMillis() / 1000.0,
                        (double) measured.toMillis() / critical.toMillis(),
                        (os.getProcessCpuTime() - cpu) / 1e9,
                        cluster.sandbox.execEvents().size(),
                        cluster.sandbox.execEvents().size() / (double) nodes,
                        cluster.sandbox.toolEvents().size(),
                        summary.allNodesReady() && cluster.sandbox.healthy(),
                        rogues(cluster, true),
                        rogues(cluster, false),
                        os.getSystemLoadAverage(),
                        os.getAvailableProcessors());
                summary.operations()
                        .forEach(o -> System.out.printf(
                                "  %-28s %6.1f s%n", o.operation(), o.took().toMillis() / 1000.0));
                cluster.listener.lines.clear();
            }
        }
    }

    /**
     * The waits no tool can avoid. 4.3: recovery API server start, then for the kubelets (all at once) start, client CSR, serving
     * CSR. 4.6+: the kubelets start with the hosts, so kube-apiserver's start (or the kubelet's, if longer), then client CSR and
     * serving CSR (with the OVN CSR on 4.14+).
     */
    static Duration criticalPath(SandboxSpec spec) {
        Duration kubeletsReach = spec.ocpVersion().minor() == 3
                ? spec.apiserverStartDelay().plus(spec.kubeletStartDelay())
                : max(spec.apiserverStartDelay(), spec.kubeletStartDelay());
        return kubeletsReach.plus(spec.csrDelay()).plus(spec.servingCsrDelay());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static long rogues(SandboxCluster cluster, boolean approvedOnly) {
        return cluster.sandbox.csrs().stream()
                .filter(c -> c.rogue() != null)
                .filter(c -> !approvedOnly || c.approved())
                .count();
    }
}
