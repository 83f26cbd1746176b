package io.jenkins.plugins.certrecovery.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.IntConsumer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * One SSH exec request run as a real process: stdin, stdout and stderr pumped chunk by chunk (so the client sees output line by
 * line while the command runs) and the exit status returned to the client. Shared by the sandbox hosts and core's test server,
 * so both behave as one SSH server does.
 */
public final class ShellExecCommand implements Command {
    private final ProcessBuilder process;
    private final IntConsumer onExit;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Process running;
    private volatile boolean destroyed;

    /**
     * @param process the command, already given its argv, directory and environment
     * @param onExit  told the exit code once the process and its output are done (130 when the wait was interrupted)
     */
    public ShellExecCommand(ProcessBuilder process, IntConsumer onExit) {
        this.process = process;
        this.onExit = onExit;
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
        running = process.start();
        String name = String.join(" ", process.command());
        Thread stdout = pump(running.getInputStream(), out, false, "stdout " + name);
        Thread stderr = pump(running.getErrorStream(), err, false, "stderr " + name);
        pump(in, running.getOutputStream(), true, "stdin " + name);
        Thread waiter = new Thread(
                () -> {
                    int code;
                    try {
                        code = running.waitFor();
                        stdout.join();
                        stderr.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        code = 130;
                    }
                    onExit.accept(code);
                    // A channel closed under the command (timeout, dropped connection) gets no exit status, as over a
                    // real network.
                    if (!destroyed) {
                        exit.onExit(code);
                    }
                },
                "ssh-exec " + name);
        waiter.setDaemon(true);
        waiter.start();
    }

    private static Thread pump(InputStream from, OutputStream to, boolean closeTarget, String name) {
        Thread thread = new Thread(
                () -> {
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
                },
                name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void destroy(ChannelSession channel) {
        destroyed = true;
        if (running != null && running.isAlive()) {
            running.descendants().forEach(ProcessHandle::destroyForcibly);
            running.destroyForcibly();
        }
    }
}
