package io.jenkins.plugins.certrecovery.ssh;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.NodeRole;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import io.jenkins.plugins.certrecovery.cluster.SshSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measured main (not a test) for docs/benchmarks.md: (a) 200 short commands over one reused connection vs 200 fresh
 * connections (with a plain and with a passphrase-protected key); (b) one short command on 50 hosts with fan-out vs one host after another. The hosts are MINA servers in this
 * JVM that run each command through /bin/sh. Run:
 * {@code mvn -B -q -pl core test-compile exec:java -Dexec.mainClass=io.jenkins.plugins.certrecovery.ssh.SshTransportBenchmark -Dexec.classpathScope=test}
 */
public final class SshTransportBenchmark {
    private static final int COMMANDS = 200;
    private static final int HOSTS = 50;
    private static final String SUDO_USER = "ocpcr-nopasswd";

    private SshTransportBenchmark() {}

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private static double millis(Body body) throws Exception {
        long started = System.nanoTime();
        body.run();
        return (System.nanoTime() - started) / 1e6;
    }

    private static void reusedVersusFresh(
            String server, SshTarget target, String knownHosts, SshIdentity identity, SshOptions options)
            throws Exception {
        RemoteCommand shortCommand = RemoteCommand.readOnly("true");
        try (SshConnector connector = new SshConnector(
                identity,
                HostKeyTrust.verified(knownHosts, Map.of()),
                options,
                new SecretMasker(),
                OutputSink.DISCARD)) {
            try (JschRemoteHost warm = new JschRemoteHost(target, connector)) {
                for (int i = 0; i < 20; i++) {
                    warm.run(shortCommand);
                    try (JschRemoteHost once = new JschRemoteHost(target, connector)) {
                        once.run(shortCommand);
                    }
                }
            }
            double reused = millis(() -> {
                try (JschRemoteHost host = new JschRemoteHost(target, connector)) {
                    for (int i = 0; i < COMMANDS; i++) {
                        host.run(shortCommand);
                    }
                }
            });
            double fresh = millis(() -> {
                for (int i = 0; i < COMMANDS; i++) {
                    try (JschRemoteHost host = new JschRemoteHost(target, connector)) {
                        host.run(shortCommand);
                    }
                }
            });
            System.out.printf(
                    "(a) %s, %d x `true` on one host: reused connection %.0f ms, fresh connections %.0f ms, ratio %.1fx%n",
                    server, COMMANDS, reused, fresh, fresh / reused);
        }
    }

    public static void main(String[] args) throws Exception {
        KeyPair key = TestKeys.generate(TestKeys.Type.ED25519);
        SshIdentity identity = SshIdentity.privateKey(TestKeys.openSsh(key, null), null);
        SshOptions options = SshOptions.defaults();
        RemoteCommand shortCommand = RemoteCommand.readOnly("true");

        try (MinaSshServer server =
                MinaSshServer.builder().authorize(key.getPublic()).start()) {
            reusedVersusFresh(
                    "MINA SSHD in this JVM",
                    server.target("bench-0", "root"),
                    server.knownHostsLine(),
                    identity,
                    options);
            // An encrypted OpenSSH key (bcrypt KDF): decrypted once per connector, so a fresh connection should cost as
            // above.
            SshIdentity encrypted =
                    SshIdentity.privateKey(TestKeys.openSsh(key, "bench passphrase"), "bench passphrase");
            reusedVersusFresh(
                    "MINA SSHD in this JVM, passphrase-protected key",
                    server.target("bench-0", "root"),
                    server.knownHostsLine(),
                    encrypted,
                    options);
        }
        String noOpenSsh = OpenSshServer.unavailableBecause()
                .or(() -> Files.isDirectory(Path.of("/home", SUDO_USER))
                        ? java.util.Optional.empty()
                        : java.util.Optional.of("user " + SUDO_USER + " does not exist (.ci/run creates it)"))
                .orElse(null);
        if (noOpenSsh == null) {
            Path dir = Files.createTempDirectory("ssh-benchmark");
            // As a non-root user with NOPASSWD sudo, like RHCOS's core (root's own login shell here sources a slow
            // .bashrc).
            try (OpenSshServer sshd = new OpenSshServer(dir, Map.of(SUDO_USER, key.getPublic()))) {
                reusedVersusFresh(
                        "OpenSSH sshd, user " + SUDO_USER + " through sudo -n",
                        sshd.target("bench-0", SUDO_USER),
                        sshd.knownHostsLine(),
                        identity,
                        options);
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        } else {
            System.out.println("(a) OpenSSH sshd: skipped, " + noOpenSsh);
        }

        List<MinaSshServer> servers = new ArrayList<>();
        try {
            List<ClusterNode> nodes = new ArrayList<>();
            StringBuilder knownHosts = new StringBuilder();
            for (int i = 0; i < HOSTS; i++) {
                MinaSshServer server =
                        MinaSshServer.builder().authorize(key.getPublic()).start();
                servers.add(server);
                knownHosts.append(server.knownHostsLine());
                nodes.add(new ClusterNode(
                        "node-" + i, "127.0.0.1", server.port(), "", i < 3 ? NodeRole.MASTER : NodeRole.WORKER));
            }
            Inventory inventory = new Inventory(
                    "benchmark",
                    OcpVersion.parse("4.3.0"),
                    "release",
                    new SshSettings("root", 22, null, null, knownHosts.toString(), Map.of(), null, false),
                    nodes.subList(0, 3),
                    nodes.subList(3, HOSTS));
            for (RemoteCommand command : List.of(shortCommand, RemoteCommand.readOnly("sleep", "0.1"))) {
                try (SshClusterHosts hosts =
                        new SshClusterHosts(inventory, identity, options, new SecretMasker(), OutputSink.DISCARD)) {
                    FanOut fanOut = new FanOut(HOSTS);
                    fanOut.onNodes(hosts, nodes, host -> host.run(command)); // connect every host and warm up
                    double parallel = millis(() -> fanOut.onNodes(hosts, nodes, host -> host.run(command)));
                    double sequential = millis(() -> {
                        for (ClusterNode node : nodes) {
                            hosts.host(node).run(command);
                        }
                    });
                    System.out.printf(
                            "(b) `%s` on %d connected hosts: fan-out %.0f ms, sequential %.0f ms, ratio %.1fx%n",
                            command.display(), HOSTS, parallel, sequential, sequential / parallel);
                }
            }
        } finally {
            for (MinaSshServer server : servers) {
                server.close();
            }
        }
        System.out.printf(
                "machine: %d CPUs, load average %.1f%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
    }
}
