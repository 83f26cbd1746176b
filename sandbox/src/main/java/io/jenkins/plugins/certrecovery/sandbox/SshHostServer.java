package io.jenkins.plugins.certrecovery.sandbox;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;

/**
 * The SSH server of one sandbox host: 127.0.0.1, its own port and ed25519 host key, user {@code core} by public key only, and
 * exec requests run by a real {@code /bin/sh -c} in the host's directory with the host's tools first on PATH.
 */
final class SshHostServer implements AutoCloseable {
    static final String LOGIN_USER = "core";
    /**
     * The key exchanges of RHCOS 4.1-4.3's sshd (OpenSSH 8.0 under RHEL 8's DEFAULT crypto policy), in its order. MINA would also
     * offer the post-quantum hybrids (mlkem768x25519, sntrup761x25519) that this OpenSSH lacks; a client must negotiate what it
     * negotiates with a real host (curve25519-sha256), or the sandbox measures and tests another handshake.
     */
    private static final List<BuiltinDHFactories> RHCOS_KEY_EXCHANGES = List.of(
            BuiltinDHFactories.curve25519,
            BuiltinDHFactories.curve25519_libssh,
            BuiltinDHFactories.ecdhp256,
            BuiltinDHFactories.ecdhp384,
            BuiltinDHFactories.ecdhp521,
            BuiltinDHFactories.dhgex256,
            BuiltinDHFactories.dhg14_256,
            BuiltinDHFactories.dhg16_512,
            BuiltinDHFactories.dhg18_512,
            BuiltinDHFactories.dhgex,
            BuiltinDHFactories.dhg14);

    private final SimHost host;
    private final KeyPair hostKey;
    private final PublicKey clientKey;
    private final ClusterState state;
    private SshServer server;
    private int port;

    SshHostServer(SimHost host, KeyPair hostKey, PublicKey clientKey, ClusterState state) {
        this.host = host;
        this.hostKey = hostKey;
        this.clientKey = clientKey;
        this.state = state;
    }

    synchronized void start() throws IOException {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(port);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setKeyExchangeFactories(
                NamedFactory.setUpTransformedFactories(false, RHCOS_KEY_EXCHANGES, ServerBuilder.DH2KEX));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setPublickeyAuthenticator(
                (user, key, session) -> LOGIN_USER.equals(user) && KeyUtils.compareKeys(key, clientKey));
        sshd.setCommandFactory((channel, command) -> shellCommand(command));
        sshd.start();
        port = sshd.getPort();
        server = sshd;
    }

    void startUnchecked() {
        try {
            start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot start the SSH server of " + host.name(), e);
        }
    }

    synchronized void stop() throws IOException {
        if (server != null) {
            server.stop(true);
            server = null;
        }
    }

    synchronized boolean running() {
        return server != null;
    }

    int port() {
        return port;
    }

    PublicKey hostPublicKey() {
        return hostKey.getPublic();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    /** One exec request: {@code /bin/sh -c COMMAND} in the host's directory, its tools first on PATH, recorded in the event log. */
    private ShellExecCommand shellCommand(String command) {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
                .directory(host.root().toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", host.toolsDir() + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        environment.put("HOME", host.path("/var/home/core").toString());
        environment.put("USER", LOGIN_USER);
        environment.put("LOGNAME", LOGIN_USER);
        environment.put("SHELL", "/bin/bash");
        environment.put("LANG", "C.UTF-8");
        return new ShellExecCommand(
                builder, code -> state.record(new ExecEvent(state.now(), host.name(), command, code)));
    }
}
