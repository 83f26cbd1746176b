package io.jenkins.plugins.certrecovery.ssh;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.JumpHost;
import io.jenkins.plugins.certrecovery.cluster.SshSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The hosts of an inventory over SSH: one lazily opened connection per node, all closed together. */
public final class SshClusterHosts implements ClusterHosts {
    private final Inventory inventory;
    private final SshConnector connector;
    private final JumpHost jumpHost;
    private final Map<String, JschRemoteHost> hosts = new ConcurrentHashMap<>();

    /**
     * @throws IllegalArgumentException when the inventory's SSH settings are unusable (no host-key trust, bad jump host, ...)
     */
    public SshClusterHosts(
            Inventory inventory, SshIdentity identity, SshOptions options, SecretMasker masker, OutputSink sink) {
        this.inventory = inventory;
        SshSettings ssh = inventory.ssh();
        this.jumpHost = ssh.jump().orElse(null);
        this.connector = new SshConnector(identity, trustOf(ssh), options, masker, sink);
    }

    /** The host-key trust an inventory's settings describe (known_hosts file or text, pinned fingerprints, or insecure). */
    public static HostKeyTrust trustOf(SshSettings ssh) {
        if (ssh.insecureAcceptAnyHostKey()) {
            return HostKeyTrust.insecureAcceptAny();
        }
        String knownHosts = ssh.knownHostsText();
        if (knownHosts == null && ssh.knownHosts() != null && !ssh.knownHosts().isBlank()) {
            try {
                knownHosts = Files.readString(Path.of(ssh.knownHosts()));
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "ssh.knownHosts file " + ssh.knownHosts() + " cannot be read (" + e.getMessage()
                                + "): check the path",
                        e);
            }
        }
        return HostKeyTrust.verified(knownHosts, ssh.hostKeyFingerprints());
    }

    @Override
    public RemoteHost host(ClusterNode node) throws SshException, InterruptedException {
        JschRemoteHost host = hosts.computeIfAbsent(node.name(), name -> new JschRemoteHost(targetOf(node), connector));
        host.connect();
        return host;
    }

    private SshTarget targetOf(ClusterNode node) {
        if (inventory.node(node.name()).isEmpty()) {
            throw new IllegalArgumentException("node " + node.name() + " is not in the inventory");
        }
        SshSettings ssh = inventory.ssh();
        return new SshTarget(
                node.name(), node.host(), node.port() == 0 ? ssh.port() : node.port(), ssh.user(), jumpHost);
    }

    @Override
    public SecretMasker masker() {
        return connector.masker();
    }

    @Override
    public void close() {
        hosts.values().forEach(JschRemoteHost::close);
        hosts.clear();
        connector.close();
    }
}
