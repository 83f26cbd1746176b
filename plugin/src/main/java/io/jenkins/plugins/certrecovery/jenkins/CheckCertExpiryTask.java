package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import java.util.List;

/** The expiry check and its reports on the agent. */
record CheckCertExpiryTask(int warningDays, int criticalDays, String reportDir, String failOn, String unstableOn, List<String> extraPaths, boolean checkEndpoints) implements ClusterTask {
    @Override
    public StepOutcome run(AgentSession session) throws AbortException {
        throw new AbortException("checkCertExpiry: the engine operation is not in this build yet");
    }
}
