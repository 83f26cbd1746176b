package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOperation;

/**
 * A step that runs one engine operation, through {@link AgentSession#runOperation}: the operation made on the session's context, the
 * step's value from its result, and what the step returns with {@code dryRun} (only the plan is printed). Whether it takes the cluster
 * lock, and whether it exists for the inventory's version, is the engine's to say.
 *
 * @param <R> what the operation returns
 */
interface OperationTask<R> extends ClusterTask {
    RecoveryOperation<? extends R> operation(RecoveryContext context);

    /** The step's value and warnings from the operation's result. */
    StepOutcome outcome(R result, AgentSession session);

    /** What the step returns with {@code dryRun}, as docs/steps.md says (null unless the step says otherwise). */
    default Object dryRunValue(RecoveryOperation<? extends R> operation) {
        return null;
    }

    @Override
    default StepOutcome run(AgentSession session) throws Exception {
        return session.runOperation(this);
    }
}
