package io.jenkins.plugins.certrecovery.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * The SSH server of one sandbox host: 127.0.0.1, its own port and ed25519 host key, user {@code core} by public key only, and
 * exec requests run by a real {@code /bin/sh -c} in the host's directory with the host's tools first on PATH.
 */
final class SshHostServer implements AutoCloseable {
    static final String LOGIN_USER = "core";
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
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setPublickeyAuthenticator((user, key, session) -> LOGIN_USER.equals(user) && KeyUtils.compareKeys(key, clientKey));
        sshd.setCommandFactory((channel, command) -> new ShellCommand(command));
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

    /** One exec request: {@code /bin/sh -c COMMAND}, streams pumped both ways, exit code returned to the client. */
    private final class ShellCommand implements Command {
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
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).directory(host.root().toFile());
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.put("PATH", host.toolsDir() + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            environment.put("HOME", host.path("/var/home/core").toString());
            environment.put("USER", LOGIN_USER);
            environment.put("LOGNAME", LOGIN_USER);
            environment.put("SHELL", "/bin/bash");
            environment.put("LANG", "C.UTF-8");
            process = builder.start();
            Thread stdout = pump(process.getInputStream(), out, false, "stdout");
            Thread stderr = pump(process.getErrorStream(), err, false, "stderr");
            pump(in, process.getOutputStream(), true, "stdin");
            Thread waiter = new Thread(() -> {
                int code;
                try {
                    code = process.waitFor();
                    stdout.join();
                    stderr.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    code = 130;
                }
                state.record(new ExecEvent(Instant.now(), host.name(), command, code));
                exit.onExit(code);
            }, "sandbox-ssh-exec-" + host.name());
            waiter.setDaemon(true);
            waiter.start();
        }

        private Thread pump(InputStream from, OutputStream to, boolean closeTarget, String name) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                } catch (IOException e) {
                    // The channel or the process closed: nothing more to copy.
                } finally {
                    if (closeTarget) {
                        try {
                            to.close();
                        } catch (IOException e) {
                            // already closed
                        }
                    }
                }
            }, "sandbox-ssh-" + name + "-" + host.name());
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
