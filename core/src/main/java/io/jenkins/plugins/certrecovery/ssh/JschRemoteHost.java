package io.jenkins.plugins.certrecovery.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A host reached over one JSch connection, opened on first use and shared by all commands (each in its own channel, so
 * commands may run concurrently). Commands run as root: through {@code sudo -n} when the login user is not root.
 * <p>Longer than 300 lines on purpose: the connection's life (first use, reuse, loss), each command's channel and its
 * cancellation share one JSch session and its threads; split, the locking would span classes.
 */
public final class JschRemoteHost implements RemoteHost {
    private static final Pattern COMMAND_NOT_FOUND = Pattern.compile("sudo: [^\\n]+: command not found");

    private final SshTarget target;
    private final SshConnector connector;
    private Session session;

    public JschRemoteHost(SshTarget target, SshConnector connector) {
        this.target = target;
        this.connector = connector;
    }

    @Override
    public String name() {
        return target.node();
    }

    public SshTarget target() {
        return target;
    }

    /** Opens the connection (verifying the host key) unless it is open; sudo is checked by the first command's own result. */
    public void connect() throws SshException, InterruptedException {
        session();
    }

    private synchronized Session session() throws SshException, InterruptedException {
        if (session == null || !session.isConnected()) {
            session = connector.open(target);
        }
        return session;
    }

    private synchronized void dropSession(Session dropped) {
        if (session == dropped) {
            session = null;
        }
        dropped.disconnect();
    }

    @Override
    public CommandResult run(RemoteCommand command) throws SshException, InterruptedException {
        return result(command, execute(command, true));
    }

    @Override
    public CommandResult runQuietly(RemoteCommand command) throws SshException, InterruptedException {
        return result(command, execute(command, false));
    }

    private CommandResult result(RemoteCommand command, Execution done) {
        return new CommandResult(
                name(),
                command,
                done.exitCode(),
                new String(done.stdout(), StandardCharsets.UTF_8),
                new String(done.stderr(), StandardCharsets.UTF_8),
                done.duration());
    }

    @Override
    public byte[] readFile(String path) throws SshException, InterruptedException {
        Execution done = execute(RemoteCommand.readOnly("cat", "--", path), false);
        if (done.exitCode() != 0) {
            throw new SshException(
                    name(),
                    "reading " + connector.masker().mask(path) + " on " + where() + " failed (exit " + done.exitCode()
                            + "): "
                            + connector.masker().mask(new String(done.stderr(), StandardCharsets.UTF_8).strip()));
        }
        return done.stdout();
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) throws SshException, InterruptedException {
        RemoteCommand write = AtomicWrite.command(path, mode, null).withStdin(content);
        Execution done = execute(write, false);
        if (done.exitCode() != 0) {
            throw new SshException(
                    name(),
                    "writing " + connector.masker().mask(path) + " on " + where() + " failed (exit "
                            + done.exitCode() + "), the old file is unchanged: "
                            + connector.masker().mask(new String(done.stderr(), StandardCharsets.UTF_8).strip()));
        }
    }

    private Execution execute(RemoteCommand command, boolean showStdout) throws SshException, InterruptedException {
        String line = commandLine(command);
        String shown = connector.masker().mask(command.summary());
        Duration timeout = command.timeout() == null ? connector.options().commandTimeout() : command.timeout();
        Execution done = send(command, line, timeout, shown, showStdout);
        if (!target.loginIsRoot()) {
            refuseFailedSudo(done);
        }
        return done;
    }

    /*
     * Every command of a non-root login goes through sudo -n, which fails at once instead of prompting; its refusal is recognised in
     * the command's own result, so no separate probe costs each connection a round trip. sudo (1.8, 1.9) exits 1 and starts stderr
     * with "sudo: " ("a password is required", "account validation failure") or "Sorry, user ... is not allowed to execute"; a
     * missing sudo is the shell's 127. "sudo: NAME: command not found" is the command's fault, not sudo's, and stays the command's
     * result. The commands sent never call sudo themselves, so their own stderr cannot start that way.
     */
    private void refuseFailedSudo(Execution done) throws SshException {
        String said = new String(done.stderr(), StandardCharsets.UTF_8).strip();
        boolean refused = done.exitCode() == 1
                && (said.startsWith("sudo: ")
                                && !COMMAND_NOT_FOUND.matcher(said).lookingAt()
                        || said.startsWith("Sorry, user "));
        boolean missing = done.exitCode() == 127 && said.matches("(?s).*\\bsudo: (command )?not found.*");
        if (refused || missing) {
            throw new SshException(
                    name(),
                    "user " + target.user() + " on " + where() + " cannot run commands as root through sudo -n"
                            + " (sudo exited " + done.exitCode() + ": "
                            + connector.masker().mask(said.lines().findFirst().orElse("")) + "). "
                            + "Give " + target.user()
                            + " passwordless sudo for every command (a NOPASSWD: ALL rule in /etc/sudoers.d, as RHCOS "
                            + "does for core) or log in as root");
        }
    }

    private Execution send(RemoteCommand command, String line, Duration timeout, String shown, boolean showStdout)
            throws SshException, InterruptedException {
        Session current = session();
        try {
            return exec(current, line, command.stdin(), timeout, shown, showStdout);
        } catch (NotStarted notStarted) {
            // The channel never opened, so the command did not run: safe to reconnect and run it, whatever it does.
            dropSession(current);
            return execAfterDrop(command, line, timeout, shown, showStdout);
        } catch (ConnectionDropped dropped) {
            dropSession(current);
            if (!command.readOnly()) {
                throw new SshException(
                        name(),
                        "the connection to " + where() + " dropped while running `" + shown + "`; it was not "
                                + "retried because it changes the host: check on the host whether it took effect before running it again",
                        dropped);
            }
            connector
                    .sink()
                    .warning(
                            name(),
                            "connection dropped while running `" + shown
                                    + "`; reconnecting and retrying it once (read-only)");
            return execAfterDrop(command, line, timeout, shown, showStdout);
        }
    }

    private Execution execAfterDrop(
            RemoteCommand command, String line, Duration timeout, String shown, boolean showStdout)
            throws SshException, InterruptedException {
        Session again = session();
        try {
            return exec(again, line, command.stdin(), timeout, shown, showStdout);
        } catch (NotStarted refused) {
            dropSession(again);
            throw new SshException(
                    name(),
                    "cannot open a channel to " + where() + " for `" + shown + "` after reconnecting: "
                            + connector
                                    .masker()
                                    .mask(String.valueOf(refused.getCause().getMessage())),
                    refused);
        } catch (ConnectionDropped twice) {
            dropSession(again);
            throw new SshException(
                    name(), "the connection to " + where() + " dropped again while running `" + shown + "`", twice);
        }
    }

    /** The exact shell line sent: every value quoted by {@link ShellQuoting}; environment via env so it survives sudo. */
    String commandLine(RemoteCommand command) {
        List<String> argv = new ArrayList<>();
        if (!target.loginIsRoot()) {
            argv.addAll(List.of("sudo", "-n", "--"));
        }
        if (!command.environment().isEmpty()) {
            argv.add("env");
            command.environment().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> argv.add(e.getKey() + "=" + e.getValue()));
        }
        argv.addAll(command.argv());
        return ShellQuoting.join(argv);
    }

    private Execution exec(Session on, String line, byte[] stdin, Duration timeout, String shown, boolean showStdout)
            throws SshException, InterruptedException, ConnectionDropped {
        OutputSink sink = connector.maskedLinesSink();
        CountDownLatch closed = new CountDownLatch(2);
        MaskedLineStream out = new MaskedLineStream(
                connector.masker(),
                showStdout ? l -> sink.line(name(), OutputSink.Stream.STDOUT, l) : null,
                true,
                closed);
        MaskedLineStream err = new MaskedLineStream(
                connector.masker(), l -> sink.line(name(), OutputSink.Stream.STDERR, l), true, closed);
        long started = System.nanoTime();
        ChannelExec channel;
        try {
            channel = (ChannelExec) on.openChannel("exec");
        } catch (JSchException e) {
            throw new NotStarted(e);
        }
        if (channel == null) {
            // JSch returns null when the session went down while it set the channel up.
            throw new NotStarted(new JSchException("session is down"));
        }
        try {
            channel.setCommand(line);
            // Without stdin the command still gets EOF at once, so one that reads stdin cannot hang.
            channel.setInputStream(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin));
            channel.setOutputStream(out, false);
            channel.setExtOutputStream(err, false);
            try {
                connectInterruptibly(channel);
            } catch (JSchException e) {
                if (failedBeforeExecRequest(e)) {
                    throw new NotStarted(e);
                }
                if (!endedBeforeItsStdinThread(channel, e)) {
                    throw e;
                }
            }
            if (!closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SshException(
                        name(),
                        "`" + shown + "` on " + where() + " timed out after " + seconds(timeout)
                                + "; its channel was closed");
            }
            int exit = channel.getExitStatus();
            // Closed without exit status or signal: the connection went (or is going) away, so the outcome is unknown.
            if (exit < 0 && channel.getExitSignal() == null) {
                throw new ConnectionDropped(null);
            }
            return new Execution(exit, out.bytes(), err.bytes(), Duration.ofNanos(System.nanoTime() - started));
        } catch (JSchException e) {
            if (!on.isConnected()) {
                throw new ConnectionDropped(e);
            }
            throw new SshException(
                    name(),
                    "cannot run `" + shown + "` on " + where() + ": "
                            + connector.masker().mask(e.getMessage()),
                    e);
        } finally {
            channel.disconnect();
        }
    }

    /**
     * Opens the channel and sends the exec request on a thread of its own, waiting for it here: JSch's {@code sendChannelOpen}
     * catches an {@link InterruptedException} and drops it, so a Ctrl-C (or a stopped Jenkins step) that arrived while a channel
     * was opening was lost and the run went on. Here the interrupt ends the wait, the channel is closed (stopping the command if
     * it was already sent) and the interrupt reaches the caller.
     */
    private void connectInterruptibly(ChannelExec channel) throws JSchException, InterruptedException {
        FutureTask<Void> open = new FutureTask<>(() -> {
            channel.connect((int) connector.options().connectTimeout().toMillis());
            return null;
        });
        Thread opener = new Thread(open, "ssh-channel-open-" + name());
        opener.setDaemon(true);
        opener.start();
        try {
            open.get();
        } catch (InterruptedException e) {
            channel.disconnect();
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JSchException jsch) {
                throw jsch;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * JSch sends the exec request and only then starts the thread that feeds stdin; a command that ends at once (and so reads no
     * stdin) can be closed by the remote side in between, which clears that thread and makes JSch's start fail with a
     * NullPointerException although the command ran to its end. Its outcome (exit status, output) is then complete.
     */
    private static boolean endedBeforeItsStdinThread(ChannelExec channel, JSchException e) {
        return e.getCause() instanceof NullPointerException && channel.isClosed();
    }

    /*
     * JSch opens the channel (sendChannelOpen) and only then sends the exec request. It throws "session is down" and "channel is
     * not opened." only while opening, and wraps an I/O error of the open packet's write; either way the command was never sent.
     * The session's connected flag is no guide: a drop the client has not read yet still shows it connected.
     */
    private static boolean failedBeforeExecRequest(JSchException e) {
        String why = String.valueOf(e.getMessage());
        if (why.equals("session is down") || why.startsWith("channel is not opened")) {
            return true;
        }
        return e.getCause() != null
                && Arrays.stream(e.getCause().getStackTrace())
                        .anyMatch(frame -> frame.getMethodName().equals("sendChannelOpen"));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private String where() {
        return target.node().equals(target.host()) ? target.address() : target.node() + " (" + target.address() + ")";
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.disconnect();
            session = null;
        }
    }

    private record Execution(int exitCode, byte[] stdout, byte[] stderr, Duration duration) {}

    /** The connection went away under a command: whether the command ran is unknown. */
    private static class ConnectionDropped extends Exception {
        ConnectionDropped(Throwable cause) {
            super(cause);
        }
    }

    /** The connection went away before the command's channel opened: the command certainly did not run. */
    private static final class NotStarted extends ConnectionDropped {
        NotStarted(Throwable cause) {
            super(cause);
        }
    }
}
