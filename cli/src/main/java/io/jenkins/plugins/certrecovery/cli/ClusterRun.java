package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;

/**
 * One command's run of the engine on a cluster: the logged-in hosts, the engine context reporting to the terminal, closed
 * together (every SSH connection ends).
 */
final class ClusterRun implements AutoCloseable {
    private final ClusterHosts hosts;
    private final RecoveryContext context;

    private ClusterRun(ClusterHosts hosts, RecoveryContext context) {
        this.hosts = hosts;
        this.context = context;
    }

    static ClusterRun open(Inventory inventory, CliEnvironment environment, Terminal terminal, TerminalListener listener,
                           RecoveryOptions options) {
        ClusterHosts hosts = ClusterLogin.open(inventory, environment, terminal);
        return new ClusterRun(hosts, new RecoveryContext(inventory, hosts, listener, options));
    }

    RecoveryContext context() {
        return context;
    }

    @Override
    public void close() {
        hosts.close();
    }
}
