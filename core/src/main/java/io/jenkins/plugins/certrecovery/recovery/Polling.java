package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.time.Duration;

/** Waits for a state of the cluster: probes until done or the timeout, a progress line at least every progress interval. */
public final class Polling {
    private final RecoveryListener listener;
    private final RecoveryOptions options;
    private final SecretMasker masker;

    Polling(RecoveryListener listener, RecoveryOptions options, SecretMasker masker) {
        this.listener = listener;
        this.options = options;
        this.masker = masker;
    }

    /** Checks one state, returning null when the wait is over or a line describing the current state (e.g. the last error). */
    @FunctionalInterface
    public interface Probe {
        String check() throws RecoveryException, InterruptedException;
    }

    /**
     * Probes until the probe says done, every {@link RecoveryOptions#pollInterval()}, reporting progress at least every
     * {@link RecoveryOptions#progressInterval()}.
     *
     * @throws RecoveryException when the timeout passes, with the last state the probe reported
     */
    public void await(ClusterNode node, String step, String waitingFor, Duration timeout, Probe probe)
            throws RecoveryException, InterruptedException {
        long start = System.nanoTime();
        long lastProgress = start;
        listener.progress(waitingFor, Duration.ZERO, timeout, "started");
        while (true) {
            String state = probe.check();
            if (state == null) {
                return;
            }
            long now = System.nanoTime();
            Duration elapsed = Duration.ofNanos(now - start);
            if (elapsed.compareTo(timeout) >= 0) {
                throw new RecoveryException(
                        node == null ? null : node.name(),
                        step,
                        "timed out after " + Durations.human(timeout) + " waiting for " + waitingFor + "; last state: "
                                + masker.mask(state));
            }
            if (Duration.ofNanos(now - lastProgress).compareTo(options.progressInterval()) >= 0) {
                listener.progress(waitingFor, elapsed, timeout, masker.mask(state));
                lastProgress = now;
            }
            Duration pause = options.pollInterval();
            Duration left = timeout.minus(elapsed);
            Thread.sleep(Math.max(1, (pause.compareTo(left) < 0 ? pause : left).toMillis()));
        }
    }
}
