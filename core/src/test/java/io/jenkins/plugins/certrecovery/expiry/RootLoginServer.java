package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import io.jenkins.plugins.certrecovery.cluster.SshSettings;
import io.jenkins.plugins.certrecovery.ssh.MinaSshServer;
import io.jenkins.plugins.certrecovery.ssh.OutputSink;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.SshIdentity;
import io.jenkins.plugins.certrecovery.ssh.SshOptions;
import io.jenkins.plugins.certrecovery.ssh.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The in-process SSH server of the expiry tests' simulated hosts (the shell runs unprivileged, see {@link HostTree}), with an
 * inventory logging in as root with a fresh key, and the engine's transport to it.
 */
final class RootLoginServer implements AutoCloseable {
    private final KeyPair userKey = TestKeys.generate(TestKeys.Type.ED25519);
    final MinaSshServer server;

    RootLoginServer() throws IOException {
        server = MinaSshServer.builder()
                .authorize(userKey.getPublic())
                .unprivileged()
                .start();
    }

    Inventory inventory(OcpVersion version, List<ClusterNode> masters, List<ClusterNode> workers) {
        return new Inventory(
                "root-login",
                version,
                "quay.io/openshift-release-dev/ocp-release:" + version + ".1-x86_64",
                new SshSettings("root", 22, null, null, server.knownHostsLine(), Map.of(), null, false),
                masters,
                workers);
    }

    /** Nothing registered as secret with the masker: what must not leak must not be written at all. */
    SshClusterHosts hosts(Inventory inventory, OutputSink sink) {
        return new SshClusterHosts(
                inventory,
                SshIdentity.privateKey(TestKeys.openSsh(userKey, null), null),
                SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(10)),
                new SecretMasker(),
                sink);
    }

    /** A kubeconfig {@code -data} value. */
    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
