package io.jenkins.plugins.certrecovery.cluster;

/**
 * One node of the inventory.
 *
 * @param name       the Kubernetes node name ({@code master-0}); CSRs are checked against it
 * @param host       DNS name or IP literal that SSH connects to
 * @param port       SSH port of this node, or 0 for the inventory's {@code ssh.port}
 * @param pathPrefix prefix under which this host's paths live; empty on real hosts, a host directory in the sandbox
 * @param role       master or worker
 */
public record ClusterNode(String name, String host, int port, String pathPrefix, NodeRole role) {
    public ClusterNode {
        pathPrefix = pathPrefix == null ? "" : pathPrefix;
    }

    public boolean isMaster() {
        return role == NodeRole.MASTER;
    }
}
