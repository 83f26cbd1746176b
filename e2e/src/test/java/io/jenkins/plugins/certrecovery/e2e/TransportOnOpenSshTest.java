package io.jenkins.plugins.certrecovery.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.RemoteHost;
import io.jenkins.plugins.certrecovery.ssh.SshException;
import io.jenkins.plugins.certrecovery.ssh.SshOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The product's SSH transport (what every operation goes through) against real sshd, real sudo and a real shell, with faults a
 * real host can have: a full disk while a file is written, a frozen sshd, a host key that does not match, hostile values in paths
 * and arguments. One cluster for the class: each test leaves the hosts as it found them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransportOnOpenSshTest {
    private static final String CANARY = "/tmp/ocpcr-e2e-transport-canary";
    private static final SshOptions OPTIONS =
            new SshOptions(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(30));

    private E2eCluster cluster;
    private FullDisk master2Disk;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() {
        E2eRequirements.assumeMet();
        cluster = E2eCluster.start(
                "transport",
                SandboxSpec.defaults(),
                preparation -> master2Disk = preparation.keep(
                        FullDisk.over(preparation.sandbox().hostRoot("master-2").resolve("etc/kubernetes"), 256)));
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private ClusterHosts connect(Inventory inventory, SshOptions options) {
        return ProductSsh.connect(cluster, inventory, options, output);
    }

    private static Inventory inventory(Map<String, Object> map) {
        return ProductSsh.inventory(map);
    }

    private static ClusterNode node(Inventory inventory, String name) {
        return inventory.node(name).orElseThrow();
    }

    @Test
    void fullDiskDuringAWriteLeavesTheOldFileIntactAndNoPartialFile() throws Exception {
        Inventory inventory = inventory(cluster.inventoryMap(E2eRequirements.CORE_USER));
        Path kubeconfig = cluster.sandbox().hostPath("master-2", "/etc/kubernetes/kubeconfig");
        Files.writeString(kubeconfig, "old kubeconfig of master-2\n");
        byte[] old = Files.readAllBytes(kubeconfig);
        byte[] replacement = "x".repeat(512 * 1024).getBytes(StandardCharsets.UTF_8);
        try (ClusterHosts hosts = connect(inventory, OPTIONS)) {
            RemoteHost master2 = hosts.host(node(inventory, "master-2"));
            TreeSnapshot before = TreeSnapshot.of(kubeconfig.getParent(), p -> p.equals(FullDisk.FILLER));
            master2Disk.fill();
            SshException full = assertThrows(
                    SshException.class, () -> master2.writeFile("/etc/kubernetes/kubeconfig", replacement, 0600));
            assertEquals("master-2", full.host());
            assertTrue(
                    full.getMessage().contains("/etc/kubernetes/kubeconfig")
                            && full.getMessage().contains("No space left"),
                    full::getMessage);
            assertArrayEquals(old, Files.readAllBytes(kubeconfig), "the old file is intact");
            assertEquals(
                    List.of(),
                    before.differencesTo(TreeSnapshot.of(kubeconfig.getParent(), p -> p.equals(FullDisk.FILLER))),
                    "no partial or temporary file left in /etc/kubernetes");

            master2Disk.free();
            master2.writeFile("/etc/kubernetes/kubeconfig", replacement, 0600);
            assertArrayEquals(replacement, Files.readAllBytes(kubeconfig));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig)));
            Outcomes.record(
                    "transport-full-disk",
                    "fault (transport)",
                    "tmpfs /etc/kubernetes on master-2 filled to the last byte, then a 512 KiB atomic write of /etc/kubernetes/kubeconfig",
                    "SshException naming master-2 and the path: \"" + full.getMessage()
                            + "\"; old file byte-identical, no temporary"
                            + " file left; after freeing space the same write succeeds with mode 0600");
        } finally {
            master2Disk.free();
        }
    }

    @Test
    void aFrozenSshdEndsTheCommandAtItsTimeoutNamingHostAndCommand() throws Exception {
        Inventory inventory = inventory(cluster.inventoryMap(E2eRequirements.CORE_USER));
        NamespacedSshd master1 = cluster.hosts().host("master-1");
        try (ClusterHosts hosts = connect(inventory, OPTIONS.withConnectTimeout(Duration.ofSeconds(5)))) {
            RemoteHost host = hosts.host(node(inventory, "master-1"));
            assertEquals(0, host.run(RemoteCommand.readOnly("true")).exitCode());
            master1.signalAll("STOP");
            long start = System.nanoTime();
            SshException hang = assertThrows(
                    SshException.class,
                    () -> host.run(
                            RemoteCommand.of("systemctl", "stop", "kubelet").withTimeout(Duration.ofSeconds(5))));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertEquals("master-1", hang.host());
            assertTrue(hang.getMessage().contains("master-1"), hang::getMessage);
            assertTrue(
                    waited.compareTo(Duration.ofSeconds(20)) < 0,
                    "ended by the timeout or the keepalive, not a hang: " + waited);
            master1.signalAll("CONT");
            Outcomes.record(
                    "transport-sigstop",
                    "fault (transport)",
                    "every sshd process of master-1 stopped with SIGSTOP during a run; `systemctl stop kubelet` with a 5 s timeout",
                    "SshException after " + waited.toSeconds() + " s naming master-1: \"" + hang.getMessage() + "\"");
        } finally {
            master1.signalAll("CONT");
        }
        try (ClusterHosts again = connect(inventory, OPTIONS)) {
            assertEquals(
                    0,
                    again.host(node(inventory, "master-1"))
                            .run(RemoteCommand.readOnly("true"))
                            .exitCode(),
                    "a new connection works once the host answers again");
        }
    }

    @Test
    void aKnownHostsEntryThatDoesNotMatchIsRefusedBeforeLogin() throws Exception {
        Map<String, Object> map = cluster.inventoryMap(E2eRequirements.CORE_USER);
        List<String> lines = Files.readAllLines(cluster.hosts().knownHosts());
        String master0Key = lines.get(0).substring(lines.get(0).indexOf(' ') + 1);
        String master1Address = cluster.hosts().host("master-1").spec().address();
        Path wrong = cluster.dir().resolve("known_hosts-master-1-wrong");
        Files.write(
                wrong,
                lines.stream()
                        .map(l -> l.startsWith(master1Address + " ") ? master1Address + " " + master0Key : l)
                        .toList());
        @SuppressWarnings("unchecked")
        Map<String, Object> ssh = (Map<String, Object>) map.get("ssh");
        ssh.put("knownHosts", wrong.toString());
        Inventory inventory = inventory(map);
        String logBefore = Files.readString(cluster.hosts().host("master-1").log());
        try (ClusterHosts hosts = connect(inventory, OPTIONS)) {
            SshException refused = assertThrows(SshException.class, () -> hosts.host(node(inventory, "master-1")));
            assertEquals("master-1", refused.host());
            assertTrue(refused.getMessage().contains("SHA256:"), refused::getMessage);
            String logAfter =
                    Files.readString(cluster.hosts().host("master-1").log()).substring(logBefore.length());
            assertFalse(
                    logAfter.contains("publickey for"), "no authentication was attempted on master-1:\n" + logAfter);
            assertEquals(
                    0,
                    hosts.host(node(inventory, "master-2"))
                            .run(RemoteCommand.readOnly("true"))
                            .exitCode());
            Outcomes.record(
                    "hostile-known-hosts-mismatch",
                    "hostile input (transport)",
                    "known_hosts gives master-1's address the host key of master-0",
                    "refused before login (master-1's sshd log shows no authentication): \"" + refused.getMessage()
                            + "\"");
        }
    }

    @Test
    void hostileValuesInPathsAndArgumentsStayLiteralThroughSshSudoAndShell() throws Exception {
        Inventory inventory = inventory(cluster.inventoryMap(E2eRequirements.CORE_USER));
        Files.deleteIfExists(Path.of(CANARY));
        List<String> hostile = List.of(
                "$(touch " + CANARY + ")",
                "`touch " + CANARY + "`",
                "; touch " + CANARY,
                "' ; touch " + CANARY + " ; '",
                "a\nb",
                "*",
                "-rf",
                "");
        // No '/' in it: a file name. Run as code, $(...) and `...` would change the name, so its exact existence proves
        // it literal.
        String name = "weird $(echo run) 'name'; `echo run` * \\ \"q\"";
        try (ClusterHosts hosts = connect(inventory, OPTIONS)) {
            RemoteHost worker = hosts.host(node(inventory, "worker-0"));
            List<String> argv = new java.util.ArrayList<>(List.of("printf", "[%s]\\n"));
            argv.addAll(hostile);
            CommandResult printed =
                    worker.run(new RemoteCommand(argv, Map.of("HOSTILE", "$(touch " + CANARY + ")"), null, true, null));
            assertEquals(hostile.stream().map(h -> "[" + h + "]").reduce("", (a, b) -> a + b + "\n"), printed.stdout());
            worker.writeFile("/etc/kubernetes/" + name, "content\n".getBytes(StandardCharsets.UTF_8), 0644);
            assertEquals(
                    "content\n", Files.readString(cluster.sandbox().hostPath("worker-0", "/etc/kubernetes/" + name)));
            assertEquals("content\n", new String(worker.readFile("/etc/kubernetes/" + name), StandardCharsets.UTF_8));
        }
        assertFalse(Files.exists(Path.of(CANARY)), "canary created: a value was run as shell code");
        Outcomes.record(
                "hostile-arguments-quoted",
                "hostile input (transport)",
                "arguments, an environment value and a file name with `$( )`, backticks, `;`, quotes, a newline, `*`, `-rf`, empty,"
                        + " run on worker-0 as the core user through sudo",
                "every value arrived literally (printf echoed each one, the file exists under its exact name); no canary file");
    }
}
