package io.jenkins.plugins.certrecovery.ssh;

import io.jenkins.plugins.certrecovery.cluster.JumpHost;

/**
 * Where one host's SSH connection goes.
 *
 * @param node     the inventory name of the host (messages and pinned fingerprints use it)
 * @param host     DNS name or IP literal
 * @param port     SSH port, 1-65535
 * @param user     login user; commands go through {@code sudo -n} when it is not root
 * @param jumpHost the bastion reached first, or null to connect directly
 */
public record SshTarget(String node, String host, int port, String user, JumpHost jumpHost) {
    public SshTarget {
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("an SSH target needs the node's name");
        }
        requireValidEndpoint("node " + node, host, port);
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("node " + node + ": login user is blank; set ssh.user (core on RHCOS)");
        }
        if (jumpHost != null) {
            requireValidEndpoint("jump host", jumpHost.host(), jumpHost.port());
        }
    }

    public SshTarget(String node, String host, int port, String user) {
        this(node, host, port, user, null);
    }

    public boolean loginIsRoot() {
        return "root".equals(user);
    }

    /** {@code host:port} for messages. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    static void requireValidEndpoint(String what, String host, int port) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(what + ": host is blank; set it to the host's DNS name or IP address");
        }
        if (!host.strip().equals(host) || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    what + ": host '" + host + "' contains whitespace; set it to a DNS name or IP address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    what + ": SSH port " + port + " is out of range; use a port between 1 and 65535");
        }
    }
}
