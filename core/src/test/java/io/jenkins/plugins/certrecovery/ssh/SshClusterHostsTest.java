package io.jenkins.plugins.certrecovery.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.NodeRole;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import io.jenkins.plugins.certrecovery.cluster.SshSettings;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** An inventory's hosts over SSH, and fan-out across them, against 50 MINA servers. */
class SshClusterHostsTest {
    private static final KeyPair USER_KEY = TestKeys.generate(TestKeys.Type.ED25519);
    private static final SshIdentity IDENTITY = SshIdentity.privateKey(TestKeys.openSsh(USER_KEY, null), null);
    private static final SshOptions OPTIONS = SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(10));

    private final List<MinaSshServer> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (MinaSshServer server : servers) {
            server.close();
        }
    }

    private Inventory inventory(int masters, int workers, SshSettings ssh) throws Exception {
        List<ClusterNode> m = new ArrayList<>();
        List<ClusterNode> w = new ArrayList<>();
        for (int i = 0; i < masters + workers; i++) {
            MinaSshServer server =
                    MinaSshServer.builder().authorize(USER_KEY.getPublic()).start();
            servers.add(server);
            boolean master = i < masters;
            String name = master ? "master-" + i : "worker-" + (i - masters);
            (master ? m : w)
                    .add(new ClusterNode(
                            name, "127.0.0.1", server.port(), "", master ? NodeRole.MASTER : NodeRole.WORKER));
        }
        return new Inventory(
                "ssh-test",
                OcpVersion.parse("4.3.0"),
                "quay.io/openshift-release-dev/ocp-release:4.3.0-x86_64",
                ssh,
                m,
                w);
    }

    private String knownHosts() {
        StringBuilder text = new StringBuilder();
        servers.forEach(s -> text.append(s.knownHostsLine()));
        return text.toString();
    }

    private static SshSettings settings(String knownHostsText) {
        return new SshSettings("root", 0, null, null, knownHostsText, Map.of(), null, false);
    }

    @Test
    void fiftyHostsInParallelEachKeepingItsOutputInOrder() throws Exception {
        Inventory inventory = inventory(3, 47, null);
        RecordingSink sink = new RecordingSink();
        try (SshClusterHosts hosts = new SshClusterHosts(
                withSsh(inventory, settings(knownHosts())), IDENTITY, OPTIONS, new SecretMasker(), sink)) {
            List<HostOutcome<String>> outcomes = new FanOut(16)
                    .onNodes(
                            hosts,
                            inventory.nodes(),
                            host -> host.run(RemoteCommand.of(
                                            "sh",
                                            "-c",
                                            "for i in 1 2 3 4 5; do echo " + "$i; done; printf %s \"$0\"",
                                            host.name()))
                                    .stdout());
            assertEquals(50, outcomes.size());
            for (int i = 0; i < 50; i++) {
                HostOutcome<String> outcome = outcomes.get(i);
                assertEquals(inventory.nodes().get(i).name(), outcome.host(), "outcomes in inventory order");
                assertTrue(outcome.succeeded(), () -> String.valueOf(outcome.failure()));
                assertEquals("1\n2\n3\n4\n5\n" + outcome.host(), outcome.value());
                assertEquals(
                        List.of("1", "2", "3", "4", "5", outcome.host()),
                        sink.texts(outcome.host(), OutputSink.Stream.STDOUT));
            }
            assertSame(
                    hosts.host(inventory.firstMaster()),
                    hosts.host(inventory.firstMaster()),
                    "one connection per node");
            servers.forEach(s -> assertEquals(1, s.sessionsOpened()));
        }
    }

    @Test
    void oneFailingHostNeverHidesTheOthers() throws Exception {
        Inventory inventory = inventory(3, 1, null);
        servers.get(1).close();
        try (SshClusterHosts hosts = new SshClusterHosts(
                withSsh(inventory, settings(knownHosts())),
                IDENTITY,
                OPTIONS,
                new SecretMasker(),
                OutputSink.DISCARD)) {
            List<HostOutcome<Integer>> outcomes = new FanOut(2)
                    .onNodes(
                            hosts,
                            inventory.nodes(),
                            host -> host.run(RemoteCommand.readOnly("true")).exitCode());
            assertEquals(
                    List.of(true, false, true, true),
                    outcomes.stream().map(HostOutcome::succeeded).toList());
            SshException failure =
                    assertInstanceOf(SshException.class, outcomes.get(1).failure());
            assertEquals("master-1", failure.host());
            assertTrue(failure.getMessage().contains("connection refused"), failure.getMessage());
        }
    }

    @Test
    void readsKnownHostsFromAFileAndUsesTheDefaultPort() throws Exception {
        Inventory inventory = inventory(1, 0, null);
        var file = Files.createTempFile("known_hosts", "");
        try {
            Files.writeString(file, knownHosts());
            int port = inventory.firstMaster().port();
            ClusterNode defaultPort = new ClusterNode("master-0", "127.0.0.1", 0, "", NodeRole.MASTER);
            Inventory portFromSettings = new Inventory(
                    inventory.name(),
                    inventory.ocpVersion(),
                    inventory.releaseImage(),
                    new SshSettings("root", port, null, file.toString(), null, Map.of(), null, false),
                    List.of(defaultPort),
                    List.of());
            try (SshClusterHosts hosts =
                    new SshClusterHosts(portFromSettings, IDENTITY, OPTIONS, new SecretMasker(), OutputSink.DISCARD)) {
                assertEquals(
                        "x\n",
                        hosts.host(defaultPort)
                                .run(RemoteCommand.of("echo", "x"))
                                .stdout());
            }
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void sudoPathPrefixesSudoAndKeepsTheEnvironment() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(java.nio.file.Path.of("/usr/bin/sudo")),
                "sudo is not installed here (.ci/run installs it): the non-root path cannot be exercised");
        Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "tests do not run as root, so the MINA host's sudo -n would ask for a password");
        Inventory inventory = inventory(1, 0, null);
        SshSettings asCore = new SshSettings("core", 0, null, null, knownHosts(), Map.of(), null, false);
        try (SshClusterHosts hosts = new SshClusterHosts(
                withSsh(inventory, asCore), IDENTITY, OPTIONS, new SecretMasker(), OutputSink.DISCARD)) {
            CommandResult result = hosts.host(inventory.firstMaster())
                    .run(RemoteCommand.of("sh", "-c", "printf '%s %s' \"$(id -u)\" \"$KUBECONFIG\"")
                            .withEnvironment("KUBECONFIG", "/etc/k b"));
            assertEquals("0 /etc/k b", result.stdout());
            assertEquals(
                    List.of("'sudo' '-n' '--' 'env' 'KUBECONFIG=/etc/k b' 'sh' '-c' "
                            + "'printf '\"'\"'%s %s'\"'\"' \"$(id -u)\" \"$KUBECONFIG\"'"),
                    servers.get(0).commands());
        }
    }

    private static Inventory withSsh(Inventory inventory, SshSettings ssh) {
        return new Inventory(
                inventory.name(),
                inventory.ocpVersion(),
                inventory.releaseImage(),
                ssh,
                inventory.masters(),
                inventory.workers());
    }
}
