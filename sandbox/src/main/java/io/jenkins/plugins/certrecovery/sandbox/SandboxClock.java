package io.jenkins.plugins.certrecovery.sandbox;

import java.time.Duration;
import java.time.Instant;

/**
 * The time of a simulated cluster: when the recovery API server starts answering, when a kubelet acts, when its CSRs appear.
 * In real time (the demo, the benchmarks) it is the system clock. A test opts into simulated time
 * ({@link SandboxSpec#withManualClock()}, {@link SandboxSpec#withClockSteppedByToolCalls()}), so that what it sees does not depend
 * on how busy the machine is: simulated time starts at the sandbox's start and moves only when {@link #advance} is called, when
 * {@link Sandbox#await} waits for the cluster and, in the stepped mode, after each tool call.
 */
public final class SandboxClock {
    /** How the cluster's time moves. */
    public enum Mode {
        /** The system clock; the cluster catches up with it every 50 ms. */
        REAL_TIME,
        /** Time stands still but for {@link SandboxClock#advance} and {@link Sandbox#await}. */
        MANUAL,
        /**
         * As {@link #MANUAL}, and once a tool call is answered (before its caller sees its exit code) time moves on to the next
         * moment at which the cluster changes by itself, if there is one: the engine's own polling (oc get csr, oc get nodes) makes
         * the cluster progress, one change per call, whatever the engine's poll interval.
         */
        STEPPED_BY_TOOL_CALLS
    }

    private final Mode mode;
    private final ClusterState cluster;
    private volatile Instant simulated;

    SandboxClock(Mode mode, Instant start, ClusterState cluster) {
        this.mode = mode;
        this.cluster = cluster;
        this.simulated = start;
    }

    public Mode mode() {
        return mode;
    }

    /** The cluster's time now. */
    public Instant instant() {
        return mode == Mode.REAL_TIME ? Instant.now() : simulated;
    }

    /**
     * Moves simulated time forward by {@code duration}; the cluster does, on the way, everything that falls due (at its exact
     * moment), as well as what the hosts' files allow now. When this returns, the cluster has caught up.
     *
     * @throws IllegalStateException in real time, which no one can advance
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration: time moves only forward, got " + duration);
        }
        if (mode == Mode.REAL_TIME) {
            throw new IllegalStateException(
                    "this sandbox runs in real time: start it with SandboxSpec.withManualClock() or "
                            + "withClockSteppedByToolCalls() to advance its clock");
        }
        cluster.advance(duration);
    }

    boolean simulated() {
        return mode != Mode.REAL_TIME;
    }

    /** Sets simulated time; only the cluster calls it, under its lock, and never backwards. */
    void set(Instant instant) {
        simulated = instant;
    }
}
