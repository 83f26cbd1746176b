package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.RemoteHost;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;

/**
 * The hosts of a session that only plans ({@link ClusterSession#planning}): it connects to none, and this makes sure of it (no key is read, no passphrase asked, no host
 * contacted). Asking for a host is a programming error.
 */
final class NoConnections implements ClusterHosts {
    private final SecretMasker masker;

    NoConnections(SecretMasker masker) {
        this.masker = masker;
    }

    @Override
    public RemoteHost host(ClusterNode node) {
        throw new IllegalStateException(
                "plan runs nothing on any host, but a connection to " + node.name() + " was asked for");
    }

    @Override
    public SecretMasker masker() {
        return masker;
    }

    @Override
    public void close() {
        // nothing was opened
    }
}
