package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.RemoteHost;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** One MINA client connection per node (port taken from the node), recording every command that was run. */
final class TestClusterHosts implements ClusterHosts {
    private final Map<String, RemoteHost> connections = new ConcurrentHashMap<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final SecretMasker masker;

    TestClusterHosts(SecretMasker masker) {
        this.masker = masker;
    }

    @Override
    public RemoteHost host(ClusterNode node) {
        RemoteHost connection = connections.computeIfAbsent(node.name(), name -> TestSshServer.client(name, node.port()));
        return new RemoteHost() {
            @Override
            public String name() {
                return node.name();
            }

            @Override
            public CommandResult run(RemoteCommand command) throws SshException, InterruptedException {
                CommandResult result = connection.run(command);
                commands.add(node.name());
                return result;
            }

            @Override
            public byte[] readFile(String path) throws SshException, InterruptedException {
                return connection.readFile(path);
            }

            @Override
            public void writeFile(String path, byte[] content, int mode) throws SshException, InterruptedException {
                connection.writeFile(path, content, mode);
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }

    /** The node name of every command that ran, in order. */
    List<String> commands() {
        return List.copyOf(commands);
    }

    @Override
    public SecretMasker masker() {
        return masker;
    }

    @Override
    public void close() {
        connections.values().forEach(RemoteHost::close);
    }
}
