package io.jenkins.plugins.certrecovery.recovery;

/**
 * One recovery operation. {@link #plan()} runs nothing; {@link #execute()} looks at the current state first, so running it again
 * after a failure continues where the failed run stopped instead of repeating destructive work.
 *
 * @param <R> what a successful run returns
 */
public interface RecoveryOperation<R> {
    /** The operation's name as the CLI subcommand and the audit trail spell it (e.g. {@code regenerate-certificates}). */
    String name();

    /**
     * Every command and file write this operation would do, per host, without touching any host: built from the same commands
     * {@link #execute()} runs.
     *
     * @throws RecoveryException when the plan cannot be made from the inventory and options (e.g. no admin kubeconfig on 4.4–4.5)
     */
    OperationPlan plan() throws RecoveryException;

    /**
     * Whether running it changes the cluster (a file on a host, a CSR, an operator, the recovery API server): a
     * {@link ClusterSession} then runs it under the cluster lock. Reading and waiting do not.
     */
    boolean changesCluster();

    /**
     * True for an operation that takes the cluster lock itself, part way through (the whole recovery takes it after its preflight,
     * which decides the first master it can reach); a {@link ClusterSession} then leaves the lock to it.
     */
    default boolean takesLockItself() {
        return false;
    }

    /**
     * Does it.
     *
     * @throws RecoveryException   naming the host and step that failed
     * @throws InterruptedException when the run was cancelled (the current remote command is stopped by the transport)
     */
    R execute() throws RecoveryException, InterruptedException;
}
