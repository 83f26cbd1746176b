package io.jenkins.plugins.certrecovery.e2e;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.OutputSink;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.SshIdentity;
import io.jenkins.plugins.certrecovery.ssh.SshOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * The product's own SSH layer, set up as the CLI sets it up (inventory through {@link InventoryLoader}, the passphrase-protected
 * operator key, secrets registered with the masker), for scenarios that call the engine in-process.
 */
final class ProductSsh {
    private ProductSsh() {}

    static Inventory inventory(Map<String, Object> map) {
        return InventoryLoader.forCli().fromMap(map, "e2e inventory");
    }

    /** Connections to the cluster's hosts; every output line goes to {@code lines} as "host STREAM text". */
    static ClusterHosts connect(E2eCluster cluster, Inventory inventory, SshOptions options, List<String> lines) {
        SecretMasker masker = new SecretMasker();
        SshIdentity identity;
        try {
            identity = SshIdentity.privateKey(
                    Files.readString(cluster.hosts().operatorKey()), OpenSshCluster.OPERATOR_PASSPHRASE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        identity.registerSecrets(masker);
        OutputSink sink = (host, stream, line) -> lines.add(host + " " + stream + " " + line);
        return new SshClusterHosts(inventory, identity, options, masker, sink);
    }
}
