package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.recovery.RecoveryException;

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
        if (take) {
            session.cluster().holdBlockLock();
        } else {
            session.cluster().releaseBlockLock();
        }
        return StepOutcome.of(null);
    }
}
