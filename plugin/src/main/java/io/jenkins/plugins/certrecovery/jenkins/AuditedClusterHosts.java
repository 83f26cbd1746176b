package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.audit.AuditTrail;
import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.RemoteHost;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshException;
import java.time.Duration;

/**
 * The cluster's hosts with every remote command recorded in the audit trail (host, argv, exit code or the transport error, duration),
 * whichever operation runs it. The trail masks every text itself.
 */
final class AuditedClusterHosts implements ClusterHosts {
    private final ClusterHosts hosts;
    private final AuditTrail audit;

    AuditedClusterHosts(ClusterHosts hosts, AuditTrail audit) {
        this.hosts = hosts;
        this.audit = audit;
    }

    @Override
    public RemoteHost host(ClusterNode node) throws SshException, InterruptedException {
        return new AuditedHost(hosts.host(node));
    }

    @Override
    public SecretMasker masker() {
        return hosts.masker();
    }

    @Override
    public void close() {
        hosts.close();
    }

    private final class AuditedHost implements RemoteHost {
        private final RemoteHost host;

        AuditedHost(RemoteHost host) {
            this.host = host;
        }

        @Override
        public String name() {
            return host.name();
        }

        @Override
        public CommandResult run(RemoteCommand command) throws SshException, InterruptedException {
            long start = System.nanoTime();
            try {
                CommandResult result = host.run(command);
                audit.command(result);
                return result;
            } catch (SshException e) {
                audit.commandFailed(host.name(), command, e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
                throw e;
            }
        }

        @Override
        public byte[] readFile(String path) throws SshException, InterruptedException {
            return host.readFile(path);
        }

        @Override
        public void writeFile(String path, byte[] content, int mode) throws SshException, InterruptedException {
            host.writeFile(path, content, mode);
        }

        @Override
        public void close() {
            host.close();
        }
    }
}
