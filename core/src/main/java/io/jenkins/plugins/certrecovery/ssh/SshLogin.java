package io.jenkins.plugins.certrecovery.ssh;

import io.jenkins.plugins.certrecovery.cluster.Inventory;

/**
 * How a front end logs in to a cluster's hosts: the identity, the SSH options, the masker its secrets are registered with and where
 * the remote commands' live output goes. The one place the hosts of an inventory are made from a login.
 *
 * @param liveOutput each line a remote command prints, as it comes (masked by the transport)
 */
public record SshLogin(SshIdentity identity, SshOptions options, SecretMasker masker, OutputSink liveOutput) {
    /**
     * The hosts of the inventory; connections open on first use.
     *
     * @throws IllegalArgumentException when the inventory's SSH settings are unusable (no host-key trust, an unreadable known_hosts)
     */
    public ClusterHosts hostsOf(Inventory inventory) {
        return new SshClusterHosts(inventory, identity, options, masker, liveOutput);
    }
}
