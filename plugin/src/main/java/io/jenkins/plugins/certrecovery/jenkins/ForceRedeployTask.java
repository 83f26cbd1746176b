package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;

/** The operators' forced redeployment on the agent. */
record ForceRedeployTask() implements ClusterTask {
    @Override
    public StepOutcome run(AgentSession session) throws AbortException {
        throw new AbortException("forceRedeploy: the engine operation is not in this build yet");
    }
}
