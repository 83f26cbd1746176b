package io.jenkins.plugins.certrecovery.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.ToolEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's inventory is one the CLI's loader accepts as is, and the engine's transport reaches every sandbox host with it:
 * the host keys from its known_hosts, the ed25519 client key, {@code core} through {@code sudo -n}, paths from the host layout.
 */
class SandboxContractTest {
    @Test
    void inventoryLoadsAndEveryHostAnswersThroughTheEnginesTransport() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults())) {
            Inventory inventory =
                    InventoryLoader.forCli().load(sandbox.inventoryFile().toString());
            assertEquals(
                    sandbox.hostNames(),
                    inventory.nodes().stream().map(ClusterNode::name).toList());
            assertEquals(sandbox.spec().releaseImage(), inventory.releaseImage());
            SshIdentity identity = SshIdentity.privateKey(Files.readString(sandbox.clientKeyFile()), null);
            try (SshClusterHosts hosts = new SshClusterHosts(
                    inventory, identity, SshOptions.defaults(), new SecretMasker(), OutputSink.DISCARD)) {
                for (ClusterNode node : inventory.nodes()) {
                    HostLayout layout = inventory.layout(node);
                    RemoteHost host = hosts.host(node);
                    byte[] ca = host.readFile(layout.kubeletCa());
                    assertEquals(
                            Files.readString(sandbox.hostPath(node.name(), "/etc/kubernetes/kubelet-ca.crt")),
                            new String(ca, StandardCharsets.UTF_8),
                            node.name());
                    assertEquals(
                            "active\n",
                            host.run(RemoteCommand.readOnly("systemctl", "is-active", "kubelet"))
                                    .stdout());
                }
                ClusterNode master = inventory.firstMaster();
                HostLayout layout = inventory.layout(master);
                CommandResult image = hosts.host(master)
                        .run(RemoteCommand.readOnly(
                                "oc",
                                "adm",
                                "release",
                                "info",
                                "--registry-config=" + layout.kubeletPullSecret(),
                                inventory.releaseImage(),
                                "--image-for=cluster-kube-apiserver-operator"));
                assertEquals(0, image.exitCode(), image.stderr());
                assertTrue(
                        image.stdout().startsWith("quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:"),
                        image.stdout());
                CommandResult noConfig = hosts.host(master)
                        .run(RemoteCommand.readOnly("oc", "get", "nodes")
                                .withEnvironment("KUBECONFIG", layout.recoveryResourceDir() + "/admin.kubeconfig"));
                assertEquals(1, noConfig.exitCode(), "no recovery API server yet: " + noConfig.stdout());
            }
            List<ToolEvent> events = sandbox.toolEvents();
            ToolEvent last = events.get(events.size() - 1);
            assertTrue(last.privileged(), "the transport ran the tool through sudo");
            assertEquals(
                    sandbox.hostRoot("master-0") + "/etc/kubernetes/static-pod-resources/recovery-kube-apiserver-pod/"
                            + "admin.kubeconfig",
                    last.environment().get("KUBECONFIG"),
                    "env K=V survives sudo");
        }
    }

    /**
     * RHCOS 4.1-4.3's sshd (OpenSSH 8.0) has no post-quantum hybrid key exchange: the OpenSSH client, which would prefer
     * sntrup761x25519, must negotiate curve25519-sha256 with a sandbox host, and a client that offers only the hybrid is refused.
     */
    @Test
    void hostsOfferTheKeyExchangesOfRhcosSshd() throws Exception {
        Path ssh = Path.of("/usr/bin/ssh");
        if (!Files.isExecutable(ssh)) {
            System.out.println("sandbox key-exchange test skipped: " + ssh
                    + " is not installed (.ci/run installs openssh-client)");
        }
        Assumptions.assumeTrue(Files.isExecutable(ssh), ssh + " is not installed");
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withNodes(1, 0))) {
            List<String> login = List.of(
                    ssh.toString(),
                    "-v",
                    "-i",
                    sandbox.clientKeyFile().toString(),
                    "-o",
                    "UserKnownHostsFile=" + sandbox.knownHostsFile(),
                    "-o",
                    "StrictHostKeyChecking=yes",
                    "-o",
                    "BatchMode=yes",
                    "-p",
                    String.valueOf(sandbox.sshPort("master-0")),
                    "core@127.0.0.1",
                    "true");
            Ran plain = run(login);
            assertEquals(0, plain.exitCode(), plain.stderr());
            assertTrue(plain.stderr().contains("kex: algorithm: curve25519-sha256\r\n"), plain.stderr());
            List<String> hybridOnly =
                    new ArrayList<>(List.of(ssh.toString(), "-o", "KexAlgorithms=sntrup761x25519-sha512@openssh.com"));
            hybridOnly.addAll(login.subList(1, login.size()));
            Ran refused = run(hybridOnly);
            assertEquals(255, refused.exitCode(), refused.stderr());
            assertTrue(refused.stderr().contains("no matching key exchange method found"), refused.stderr());
        }
    }

    private record Ran(int exitCode, String stderr) {}

    private static Ran run(List<String> argv) throws Exception {
        Process process = new ProcessBuilder(argv)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(process.waitFor(), stderr);
    }
}
