package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;

/** Certificate regeneration on the agent. */
record RegenerateCertsTask() implements ClusterTask {
    @Override
    public StepOutcome run(AgentSession session) throws AbortException {
        throw new AbortException("regenerateCerts: the engine operation is not in this build yet");
    }
}
