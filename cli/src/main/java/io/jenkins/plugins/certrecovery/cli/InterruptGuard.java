package io.jenkins.plugins.certrecovery.cli;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C while a command runs. The JVM runs shutdown hooks on SIGINT; the hook interrupts the thread that runs the command and
 * waits for it, so that the command's own cleanup runs: the current remote command is stopped (the SSH channel closes on
 * interrupt), the cluster lock is released, the audit trail is flushed, and the command says what it left behind (the recovery
 * API server is left as it is). After an interrupt the command thread must not call {@link System#exit}: exiting while a hook
 * runs blocks forever, and the JVM exits by itself when the hook returns.
 */
final class InterruptGuard implements AutoCloseable {
    /** How long Ctrl-C waits for the command's cleanup (releasing the lock is one short SSH command). */
    static final Duration CLEANUP_GRACE = Duration.ofSeconds(30);

    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final Thread hook;

    private InterruptGuard(Thread commandThread, Duration grace) {
        hook = new Thread(
                () -> {
                    interrupted.set(true);
                    commandThread.interrupt();
                    try {
                        commandThread.join(grace.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "ocp-cert-recovery-interrupt");
    }

    /** Guards the calling thread until {@link #close()}. */
    static InterruptGuard guardCurrentThread() {
        InterruptGuard guard = new InterruptGuard(Thread.currentThread(), CLEANUP_GRACE);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /** True when the process is shutting down because of an interrupt. */
    boolean interrupted() {
        return interrupted.get();
    }

    @Override
    public void close() {
        if (interrupted.get()) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already shutting down (a signal arrived just now): the hook runs and interrupted() turns true
        }
    }
}
