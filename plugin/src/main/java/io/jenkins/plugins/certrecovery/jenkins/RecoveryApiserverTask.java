package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;

/** The recovery API server operation on the agent. */
record RecoveryApiserverTask(boolean create, int waitTimeoutMinutes) implements ClusterTask {
    @Override
    public StepOutcome run(AgentSession session) throws AbortException {
        throw new AbortException("recoveryApiserver: the engine operation is not in this build yet");
    }
}
