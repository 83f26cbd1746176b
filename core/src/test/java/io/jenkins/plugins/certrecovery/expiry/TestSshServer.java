package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.RemoteHost;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.ShellQuoting;
import io.jenkins.plugins.certrecovery.ssh.SshException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An in-process SSH server (Apache MINA SSHD) that runs every command with {@code /bin/sh -c}, like a real host's sshd. When the
 * test runs as root the shell drops to {@code nobody} so that file permissions apply (root reads everything).
 * {@link #connect(String)} is a minimal {@link RemoteHost} over MINA's client, used until the JSch transport is in main.
 */
final class TestSshServer implements AutoCloseable {
    private static final String USER = "tester";
    private static final String PASSWORD = "test-only-password";
    private final SshServer server;

    TestSshServer() throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider();
        hostKey.setAlgorithm("EC");
        server.setKeyPairProvider(hostKey);
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setCommandFactory((channel, command) -> new ShellCommand(asUnprivileged(command)));
        server.start();
    }

    static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The command line for {@code /bin/sh -c}: as root, that shell re-runs the command as nobody. */
    private static String asUnprivileged(String command) {
        return runsAsRoot()
                ? "exec setpriv --reuid=65534 --regid=65534 --clear-groups /bin/sh -c " + ShellQuoting.quote(command)
                : command;
    }

    /** Runs one exec request with {@code /bin/sh -c}, copying its output to the channel and reporting its exit status. */
    private static final class ShellCommand implements Command {
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Process process;

        ShellCommand(String command) {
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream stream) {
            in = stream;
        }

        @Override
        public void setOutputStream(OutputStream stream) {
            out = stream;
        }

        @Override
        public void setErrorStream(OutputStream stream) {
            err = stream;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            process = new ProcessBuilder("/bin/sh", "-c", command).start();
            Thread stdin = new Thread(() -> copy(in, process.getOutputStream(), true), "test-sshd-stdin");
            stdin.setDaemon(true);
            stdin.start();
            Thread runner = new Thread(() -> {
                Thread stderr = new Thread(() -> copy(process.getErrorStream(), err, false), "test-sshd-stderr");
                stderr.start();
                copy(process.getInputStream(), out, false);
                try {
                    stderr.join();
                    exit.onExit(process.waitFor());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exit.onExit(-1);
                }
            }, "test-sshd-command");
            runner.setDaemon(true);
            runner.start();
        }

        private static void copy(InputStream from, OutputStream to, boolean closeTarget) {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
                if (closeTarget) {
                    to.close();
                }
            } catch (IOException e) {
                // the process or the channel went away: the exit status tells the client what happened
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (process != null) {
                process.destroy();
            }
        }
    }

    int port() {
        return server.getPort();
    }

    /** A connection (opened on first command) to the test server listening on {@code port} of 127.0.0.1. */
    static RemoteHost client(String name, int port) {
        return new MinaRemoteHost(name, port);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private static final class MinaRemoteHost implements RemoteHost {
        private final String name;
        private final int port;
        private final SshClient client = SshClient.setUpDefaultClient();
        private ClientSession session;

        MinaRemoteHost(String name, int port) {
            this.name = name;
            this.port = port;
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public synchronized CommandResult run(RemoteCommand command) throws SshException {
            Instant start = Instant.now();
            try {
                if (session == null) {
                    session = client.connect(USER, "127.0.0.1", port).verify(Duration.ofSeconds(10)).getSession();
                    session.addPasswordIdentity(PASSWORD);
                    session.auth().verify(Duration.ofSeconds(10));
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                try (ChannelExec channel = session.createExecChannel(ShellQuoting.join(command.argv()))) {
                    channel.setOut(out);
                    channel.setErr(err);
                    channel.open().verify(Duration.ofSeconds(10));
                    channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofMinutes(1));
                    Integer status = channel.getExitStatus();
                    return new CommandResult(name, command, status == null ? -1 : status, out.toString(StandardCharsets.UTF_8),
                            err.toString(StandardCharsets.UTF_8), Duration.between(start, Instant.now()));
                }
            } catch (IOException e) {
                throw new SshException(name, name + ": " + e.getMessage(), e);
            }
        }

        @Override
        public byte[] readFile(String path) {
            throw new UnsupportedOperationException("not needed by the expiry tests");
        }

        @Override
        public void writeFile(String path, byte[] content, int mode) {
            throw new UnsupportedOperationException("not needed by the expiry tests");
        }

        @Override
        public void close() {
            client.stop();
        }
    }

    /** Masks nothing: the tests check that secrets never reach a report even when nobody registered them. */
    static SecretMasker noSecrets() {
        return new SecretMasker();
    }
}
