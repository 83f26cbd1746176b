package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.recovery.ClusterLock;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryException;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;

/**
 * {@code withOpenShiftCluster} on the agent: takes the cluster lock under the block's token (it stays held after this call, for the
 * steps inside the block to re-enter) or releases it at the block's end.
 */
record ClusterLockTask(boolean take) implements ClusterTask {
    @Override
    public String stepName() {
        return "withOpenShiftCluster";
    }

    @Override
    public StepOutcome run(AgentSession session) throws RecoveryException, InterruptedException {
        RecoveryContext context = session.context(RecoveryOptions.defaults().toBuilder());
        if (take) {
            ClusterLock.acquire(context, session.lockToken());
        } else {
            ClusterLock.release(context, session.lockToken());
        }
        return StepOutcome.of(null);
    }
}
