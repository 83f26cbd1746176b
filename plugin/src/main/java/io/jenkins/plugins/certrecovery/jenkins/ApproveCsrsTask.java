package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import java.util.List;

/** CSR listing and approval on the agent. */
record ApproveCsrsTask(List<String> names, boolean waitUntilReady, int timeoutMinutes) implements ClusterTask {
    @Override
    public StepOutcome run(AgentSession session) throws AbortException {
        throw new AbortException("approveCsrs: the engine operation is not in this build yet");
    }
}
