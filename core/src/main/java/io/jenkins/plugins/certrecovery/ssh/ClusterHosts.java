package io.jenkins.plugins.certrecovery.ssh;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;

/**
 * The hosts of one run: one {@link RemoteHost} per inventory node, connected on first use and reused for every later command.
 * Closing it closes every connection.
 */
public interface ClusterHosts extends AutoCloseable {
    /** The connection to a node's host, opened (and its host key verified) on first use. */
    RemoteHost host(ClusterNode node) throws SshException, InterruptedException;

    /** The masker every output line and message of this run passes through. */
    SecretMasker masker();

    @Override
    void close();
}
