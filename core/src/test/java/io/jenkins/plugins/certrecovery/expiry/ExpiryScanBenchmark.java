package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
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
            ExpiryReport report = scan(all.nodes().size() + " hosts, parallelism " + ExpiryCheckSettings.DEFAULT_PARALLELISM, all,
                    identity);
            scan(all.nodes().size() + " hosts, again", all, identity);
            loop(sandbox, all, report);
        }
    }

    private static ExpiryReport scan(String label, Inventory inventory, SshIdentity identity) throws Exception {
        long start = System.nanoTime();
        ExpiryReport report;
        try (SshClusterHosts hosts = new SshClusterHosts(inventory, identity, SshOptions.defaults(), new SecretMasker(),
                OutputSink.DISCARD)) {
            report = new ExpiryCheck(inventory, hosts, ExpiryCheckSettings.defaults(), Clock.systemUTC()).execute();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("expiry check, %s: %.2f s, %d rows, %d errors, result %s%n", label, took.toMillis() / 1000.0,
                report.rows().size(), report.errors().size(), report.result().label());
        return report;
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
    }
}
