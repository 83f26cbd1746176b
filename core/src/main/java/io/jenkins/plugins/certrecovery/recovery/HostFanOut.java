package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.ssh.FanOut;
import io.jenkins.plugins.certrecovery.ssh.HostOutcome;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.util.ArrayList;
import java.util.List;

/** Runs work on several hosts at once and gathers every host's outcome. */
public final class HostFanOut {
    private final SecretMasker masker;

    HostFanOut(SecretMasker masker) {
        this.masker = masker;
    }

    /** Work on one host. */
    @FunctionalInterface
    public interface HostTask<T> {
        T run(ClusterNode node) throws RecoveryException, InterruptedException;
    }

    /**
     * Runs a task on each node, at most {@code parallelism} at once (through the transport's {@link FanOut}), and keeps every host's
     * outcome (one failure never hides the others). With a parallelism of 1 the nodes are done one after another in order, and the
     * first failure stops the rest. Cancelling the calling thread interrupts every running task.
     */
    public <T> List<HostOutcome<T>> onHosts(List<ClusterNode> nodes, int parallelism, HostTask<T> task)
            throws InterruptedException {
        if (parallelism > 1 && nodes.size() > 1) {
            return new FanOut(parallelism).run(nodes, ClusterNode::name, task::run);
        }
        List<HostOutcome<T>> outcomes = new ArrayList<>();
        for (ClusterNode node : nodes) {
            try {
                outcomes.add(new HostOutcome<>(node.name(), task.run(node), null));
            } catch (RecoveryException e) {
                outcomes.add(new HostOutcome<>(node.name(), null, e));
                break;
            }
        }
        return outcomes;
    }

    /** A fan-out failure as a recovery error naming its host. */
    public RecoveryException failureOf(HostOutcome<?> outcome) {
        if (outcome.failure() instanceof RecoveryException e) {
            return e;
        }
        return new RecoveryException(
                outcome.host(), "unexpected error", masker.mask(String.valueOf(outcome.failure())), outcome.failure());
    }

    /** The first failure of a fan-out, with the other hosts' failures attached; nothing when all succeeded. */
    public <T> void throwIfAnyFailed(List<HostOutcome<T>> outcomes) throws RecoveryException, InterruptedException {
        RecoveryException first = null;
        for (HostOutcome<T> outcome : outcomes) {
            if (outcome.failure() instanceof InterruptedException e) {
                throw e;
            }
            if (!outcome.succeeded()) {
                if (first == null) {
                    first = failureOf(outcome);
                } else {
                    first.addSuppressed(failureOf(outcome));
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
