package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.ssh.FanOut;
import io.jenkins.plugins.certrecovery.ssh.OutputSink;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.ShellQuoting;
import io.jenkins.plugins.certrecovery.ssh.SshClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.SshIdentity;
import io.jenkins.plugins.certrecovery.ssh.SshOptions;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * docs/benchmarks.md "Expiry scan": the expiry check against 1 and 100 sandbox hosts, and the usual shell loop (one OpenSSH
 * {@code ssh HOST 'openssl x509 -enddate -noout -in FILE'} per file, sequential) over the same files of the same hosts.
 * Arguments: masters workers (default 3 97).
 */
public final class ExpiryScanBenchmark {
    private ExpiryScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int masters = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 97;
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withNodes(masters, workers))) {
            Inventory all = InventoryLoader.forCli().load(sandbox.inventoryFile().toString());
            SshIdentity identity = SshIdentity.privateKey(Files.readString(sandbox.clientKeyFile()), null);
            Inventory one = new Inventory(all.ocpVersion(), all.releaseImage(), all.ssh(), List.of(all.firstMaster()), List.of());
            scan("1 host (warm-up, not reported)", one, identity);
            scan("1 host (master)", one, identity);
            breakdown(one, identity);
            ExpiryReport report = scan(all.nodes().size() + " hosts, parallelism " + ExpiryCheckSettings.DEFAULT_PARALLELISM, all,
                    identity);
            scan(all.nodes().size() + " hosts, again", all, identity);
            breakdown(all, identity);
            loop(sandbox, all, report);
        }
    }

    private static ExpiryReport scan(String label, Inventory inventory, SshIdentity identity) throws Exception {
        Usage usage = new Usage();
        long start = System.nanoTime();
        ExpiryReport report;
        try (SshClusterHosts hosts = new SshClusterHosts(inventory, identity, SshOptions.defaults(), new SecretMasker(),
                OutputSink.DISCARD)) {
            report = new ExpiryCheck(inventory, hosts, ExpiryCheckSettings.defaults(), Clock.systemUTC()).execute();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("expiry check, %s: %.2f s, %d rows, %d errors, result %s%n", label, took.toMillis() / 1000.0,
                report.rows().size(), report.errors().size(), report.result().label());
        usage.print("expiry check, " + label, inventory.nodes().size());
        return report;
    }

    /**
     * Where the time of a scan of all hosts goes, phase by phase over all hosts at the check's parallelism: connecting (handshake,
     * authentication), the scan command alone (sudo included), and the command with parsing. Each
     * phase shows wall time and CPU time: of this JVM (the SSH client and every sandbox SSH server) and of the processes the
     * sandbox servers ran for the hosts (sh, sudo, find, cat), which a real cluster spreads over its machines.
     */
    private static void breakdown(Inventory inventory, SshIdentity identity) throws Exception {
        List<HostCertificateScan> scans = new ExpiryCheck(inventory, null, ExpiryCheckSettings.defaults(), Clock.systemUTC()).plan()
                .hosts();
        FanOut fanOut = new FanOut(ExpiryCheckSettings.DEFAULT_PARALLELISM);
        String marker = "@@certscan-benchmark";
        try (SshClusterHosts hosts = new SshClusterHosts(inventory, identity, SshOptions.defaults(), new SecretMasker(),
                OutputSink.DISCARD)) {
            Usage connect = new Usage();
            fanOut.run(scans, scan -> scan.node().name(), scan -> hosts.host(scan.node()));
            connect.print("breakdown: connect", scans.size());
            Usage command = new Usage();
            fanOut.run(scans, scan -> scan.node().name(), scan -> hosts.host(scan.node()).runQuietly(scan.command(marker)));
            command.print("breakdown: scan command", scans.size());
            Usage read = new Usage();
            fanOut.run(scans, scan -> scan.node().name(), scan -> scan.read(hosts.host(scan.node()), marker,
                    ExpiryThresholds.DEFAULT, java.time.Instant.now(), hosts.masker()));
            read.print("breakdown: scan command + parsing", scans.size());
        }
    }

    /** Wall and CPU time since creation: this JVM's, and its waited-for child processes' (from /proc/self/stat). */
    private static final class Usage {
        private final long wall = System.nanoTime();
        private final long jvmCpu = jvmCpu();
        private final long childCpu = childCpu();

        void print(String phase, int hosts) throws java.io.IOException {
            double wallS = (System.nanoTime() - wall) / 1e9;
            double jvmS = (jvmCpu() - jvmCpu) / 1e9;
            double childS = (childCpu() - childCpu) / 100.0;
            System.out.printf("  %s, %d hosts: wall %.2f s; CPU: JVM (client + SSH servers) %.2f s = %.0f ms per host, "
                    + "host processes %.2f s = %.0f ms per host; load %s%n", phase, hosts, wallS, jvmS, jvmS * 1000 / hosts, childS,
                    childS * 1000 / hosts, Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
        }

        private static long jvmCpu() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /** cutime + cstime in clock ticks (USER_HZ, 100 on Linux). */
        private static long childCpu() {
            try {
                String stat = Files.readString(java.nio.file.Path.of("/proc/self/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // After "pid (comm) ", fields start at the state (field 3): cutime is field 16, cstime field 17.
                return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** The per-file OpenSSH loop over the certificate files the check found (bundles and kubeconfig fields counted once per file). */
    private static void loop(Sandbox sandbox, Inventory inventory, ExpiryReport report) throws Exception {
        List<List<String>> calls = new ArrayList<>();
        for (ClusterNode node : inventory.nodes()) {
            report.rows().stream()
                    .filter(row -> row.host().equals(node.name()) && row.sourceKind() == SourceKind.FILE && !row.isError())
                    .map(row -> row.source().replaceFirst(" \\[\\d+/\\d+\\]$", ""))
                    .distinct()
                    .forEach(path -> calls.add(List.of("ssh", "-q", "-i", sandbox.clientKeyFile().toString(),
                            "-o", "UserKnownHostsFile=" + sandbox.knownHostsFile(), "-o", "StrictHostKeyChecking=yes",
                            "-o", "BatchMode=yes", "-p", String.valueOf(node.port()), "core@127.0.0.1",
                            "sudo -n openssl x509 -enddate -noout -in " + ShellQuoting.quote(node.pathPrefix() + path))));
        }
        Usage usage = new Usage();
        long start = System.nanoTime();
        int failed = 0;
        for (List<String> call : calls) {
            Process process = new ProcessBuilder(call).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0 || !out.startsWith("notAfter=")) {
                failed++;
                if (failed == 1) {
                    System.out.println("first failing call: " + String.join(" ", call) + " -> " + out.strip());
                }
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("sequential ssh+openssl loop, %d hosts, %d files: %.2f s (%.0f ms per file), %d failed%n",
                inventory.nodes().size(), calls.size(), took.toMillis() / 1000.0, (double) took.toMillis() / calls.size(), failed);
        usage.print("sequential ssh+openssl loop (host processes include the ssh clients)", inventory.nodes().size());
    }
}
