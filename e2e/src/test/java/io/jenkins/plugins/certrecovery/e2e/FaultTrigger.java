package io.jenkins.plugins.certrecovery.e2e;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Injects a fault at the moment something happens in a run (a tool call on a host, a file appearing): a thread polls the
 * condition every 20 ms and runs the fault once. Closing it stops the polling; {@link #firedAt()} tells whether and when it fired.
 */
final class FaultTrigger implements AutoCloseable {
    private final Thread thread;
    private final AtomicReference<Instant> firedAt = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private FaultTrigger(String name, BooleanSupplier condition, Runnable fault) {
        thread = new Thread(
                () -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            if (condition.getAsBoolean()) {
                                fault.run();
                                firedAt.set(Instant.now());
                                return;
                            }
                            Thread.sleep(20);
                        }
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        failure.set(e);
                    }
                },
                "e2e-fault-" + name);
        thread.setDaemon(true);
    }

    /** Starts watching for {@code condition}; runs {@code fault} once when it holds. */
    static FaultTrigger when(String name, BooleanSupplier condition, Runnable fault) {
        FaultTrigger trigger = new FaultTrigger(name, condition, fault);
        trigger.thread.start();
        return trigger;
    }

    /** When the fault was injected; throws when the fault itself failed, and when it never fired. */
    Instant firedAt() {
        if (failure.get() != null) {
            throw new IllegalStateException("injecting the fault failed", failure.get());
        }
        Instant at = firedAt.get();
        if (at == null) {
            throw new AssertionError("the fault was never injected: its condition never held during the run");
        }
        return at;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
