package io.jenkins.plugins.certrecovery.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;

/** Hosts, SSH, inventory, files on disk, the tools outside the JVM and the event log. */
class SandboxHostsTest {
    @Test
    void inventoryKnownHostsAndFilesDescribeAnExpiredCluster() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults())) {
            JsonNode inventory =
                    new ObjectMapper(new YAMLFactory()).readTree(Files.readString(sandbox.inventoryFile()));
            assertEquals("4.3", inventory.path("ocpVersion").asText());
            assertEquals(
                    SandboxSpec.DEFAULT_RELEASE_IMAGE,
                    inventory.path("releaseImage").asText());
            assertEquals("core", inventory.path("ssh").path("user").asText());
            assertEquals(
                    sandbox.clientKeyFile().toString(),
                    inventory.path("ssh").path("identityFile").asText());
            assertEquals(3, inventory.path("masters").size());
            assertEquals(2, inventory.path("workers").size());
            JsonNode worker = inventory.path("workers").get(1);
            assertEquals("worker-1", worker.path("name").asText());
            assertEquals(sandbox.sshPort("worker-1"), worker.path("port").asInt());
            assertEquals(
                    sandbox.hostRoot("worker-1").toString(),
                    worker.path("pathPrefix").asText());
            assertTrue(sandbox.clientPrivateKey().startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
            List<String> known = sandbox.knownHosts().lines().toList();
            assertEquals(5, known.size());
            assertTrue(
                    known.get(0).matches("\\[127\\.0\\.0\\.1]:" + sandbox.sshPort("master-0") + " ssh-ed25519 \\S+"),
                    known.get(0));

            Instant now = Instant.now();
            X509Certificate serving = certificate(
                    sandbox.hostPath(
                            "master-0",
                            "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/service-network-serving-certkey/tls.crt"));
            assertTrue(serving.getNotAfter().toInstant().isBefore(now), "control-plane certificates start expired");
            X509Certificate signer = certificate(sandbox.hostPath(
                    "master-0",
                    "/etc/kubernetes/static-pod-resources/kube-controller-manager-certs/secrets/csr-signer/tls.crt"));
            assertTrue(signer.getNotAfter().toInstant().isBefore(now));
            Path pki = sandbox.hostPath("worker-0", "/var/lib/kubelet/pki");
            assertTrue(Files.isSymbolicLink(pki.resolve("kubelet-client-current.pem")));
            assertTrue(Files.readSymbolicLink(pki.resolve("kubelet-client-current.pem"))
                    .toString()
                    .matches("kubelet-client-\\d{4}-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d\\.pem"));
            assertTrue(
                    certificate(pki.resolve("kubelet-client-current.pem"))
                            .getNotAfter()
                            .toInstant()
                            .isAfter(now),
                    "worker-0 still holds a valid client certificate");
            assertTrue(certificate(sandbox.hostPath("worker-1", "/var/lib/kubelet/pki/kubelet-client-current.pem"))
                    .getNotAfter()
                    .toInstant()
                    .isBefore(now));
            String manifest =
                    Files.readString(sandbox.hostPath("master-0", "/etc/kubernetes/manifests/kube-apiserver-pod.yaml"));
            assertTrue(manifest.contains("path: /etc/kubernetes/static-pod-resources/kube-apiserver-pod-7"), manifest);
            assertTrue(Files.isRegularFile(sandbox.hostPath("master-0", "/usr/local/bin/recover-kubeconfig.sh")));
            assertFalse(Files.exists(sandbox.hostPath("worker-0", "/usr/local/bin/recover-kubeconfig.sh")));
            for (String file : List.of(
                    "/var/lib/kubelet/config.json",
                    "/var/lib/kubelet/kubeconfig",
                    "/etc/kubernetes/kubeconfig",
                    "/etc/kubernetes/kubelet-ca.crt")) {
                assertTrue(Files.isRegularFile(sandbox.hostPath("worker-1", file)), file);
            }
            assertTrue(sandbox.nodes().stream().noneMatch(SimulatedNode::ready));
        }
    }

    @Test
    void sshRunsARealShellInTheHostDirectoryAndOnlyForTheClientKey() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withNodes(1, 0))) {
            try (SshSession ssh = new SshSession(sandbox, "master-0")) {
                assertEquals(sandbox.hostRoot("master-0") + "\n", ssh.run("pwd").out());
                SshSession.Result quoting = ssh.run("echo 'unterminated");
                assertEquals(2, quoting.exit(), "a quoting mistake fails in sh as on a master");
                assertTrue(
                        quoting.err().contains("Syntax error") || quoting.err().contains("unterminated"),
                        quoting.err());
                assertEquals("hello\n", ssh.run("cat", "hello\n").out(), "stdin reaches the command");
                assertEquals(new SshSession.Result("", "", 0), ssh.run("sudo -n true"));
                assertEquals("root\n", ssh.run("sudo -n sh -c 'echo $USER'").out());
                assertEquals(
                        new SshSession.Result("", "sudo: no-such-tool: command not found\n", 1),
                        ssh.run("sudo -n no-such-tool"),
                        "sudo looks the command up itself, as the real one does");
                assertEquals(
                        sandbox.toolsDir("master-0") + "/oc\n",
                        ssh.run("command -v oc").out());
            }
            assertTrue(sandbox.execEvents().stream()
                    .anyMatch(e -> e.command().equals("echo 'unterminated") && e.exitCode() == 2));

            SshClient client = SshClient.setUpDefaultClient();
            client.setServerKeyVerifier((s, a, k) -> true);
            client.start();
            try (var session = client.connect("core", "127.0.0.1", sandbox.sshPort("master-0"))
                    .verify(10_000)
                    .getSession()) {
                session.addPublicKeyIdentity(KeyUtils.generateKeyPair("ssh-ed25519", 256));
                assertThrows(Exception.class, () -> session.auth().verify(10_000), "a foreign key is refused");
            } finally {
                client.stop();
            }
        }
    }

    @Test
    void withoutSshTheToolsAreOrdinaryExecutablesThatUseRealOrRootedPaths() throws Exception {
        try (Sandbox sandbox = Sandbox.startWithoutSsh(SandboxSpec.defaults())) {
            assertEquals(0, sandbox.sshPort("master-0"));
            assertFalse(Files.exists(sandbox.toolsDir("master-0").resolve("sudo")), "real hosts bring their own sudo");
            String real = "oc adm release info --registry-config=/var/lib/kubelet/config.json "
                    + sandbox.spec().releaseImage() + " --image-for=cluster-kube-apiserver-operator";
            String rooted = real.replace("=/var/lib", "=" + sandbox.hostRoot("master-0") + "/var/lib");
            SshSession.Result viaReal = LocalShell.run(sandbox, "master-0", true, real);
            SshSession.Result viaRooted = LocalShell.run(sandbox, "master-0", true, rooted);
            assertEquals(0, viaReal.exit(), viaReal.all());
            assertEquals(viaReal, viaRooted);
            SshSession.Result missing =
                    LocalShell.run(sandbox, "worker-0", true, real.replace("config.json", "nope.json"));
            assertEquals(
                    "error: unable to load --registry-config: open /var/lib/kubelet/nope.json: no such file or directory\n",
                    missing.err());

            List<ToolEvent> events = sandbox.toolEvents();
            ToolEvent last = events.get(events.size() - 1);
            assertEquals("worker-0", last.host());
            assertEquals("oc", last.tool());
            assertEquals(1, last.exitCode());
            assertEquals(
                    List.of(
                            "adm",
                            "release",
                            "info",
                            "--registry-config=/var/lib/kubelet/nope.json",
                            sandbox.spec().releaseImage(),
                            "--image-for=cluster-kube-apiserver-operator"),
                    last.argv());
            assertEquals(
                    Map.of("USER", "root", "PWD", sandbox.hostRoot("worker-0").toString()), last.environment());
            assertTrue(last.privileged());
        }
    }

    @Test
    void recoverKubeconfigEmitsTheBootstrapKubeconfigOfTheMachineConfigOperatorScript() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withoutSsh())) {
            SshSession.Result withoutConfig = Steps.root(sandbox, "recover-kubeconfig.sh");
            assertEquals(1, withoutConfig.exit());
            assertTrue(
                    withoutConfig.err().startsWith("error: Missing or incomplete configuration info."),
                    withoutConfig.err());
            Steps.createRecoveryApiserver(sandbox);
            Steps.waitForApiserver(sandbox);
            SshSession.Result recover = Steps.root(sandbox, Steps.AS_ADMIN + "./usr/local/bin/recover-kubeconfig.sh");
            assertEquals(0, recover.exit(), recover.all());
            JsonNode kubeconfig = new ObjectMapper(new YAMLFactory()).readTree(recover.out());
            assertEquals("kubelet", kubeconfig.path("current-context").asText());
            assertEquals(
                    "recovery", kubeconfig.path("clusters").get(0).path("name").asText());
            assertEquals(
                    "https://api-int.sandbox.example.com:6443",
                    kubeconfig
                            .path("clusters")
                            .get(0)
                            .path("cluster")
                            .path("server")
                            .asText());
            assertEquals("kubelet", kubeconfig.path("users").get(0).path("name").asText());
            assertTrue(sandbox.secretValues()
                    .contains(kubeconfig
                            .path("users")
                            .get(0)
                            .path("user")
                            .path("token")
                            .asText()));
            SshSession.Result uri = Steps.root(
                    sandbox,
                    Steps.AS_ADMIN
                            + "oc get infrastructures.config.openshift.io cluster -o jsonpath='{.status.apiServerInternalURI}'");
            assertEquals("https://api-int.sandbox.example.com:6443", uri.out());
        }
    }

    private static X509Certificate certificate(Path file) throws Exception {
        return Pki.parseCertificates(Files.readString(file)).get(0);
    }
}
