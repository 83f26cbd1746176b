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
     * Does it.
     *
     * @throws RecoveryException   naming the host and step that failed
     * @throws InterruptedException when the run was cancelled (the current remote command is stopped by the transport)
     */
    R execute() throws RecoveryException, InterruptedException;
}
