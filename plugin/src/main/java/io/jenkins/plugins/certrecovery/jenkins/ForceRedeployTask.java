package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.recovery.ForceRedeploy;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryException;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import io.jenkins.plugins.certrecovery.recovery.RedeployResult;

/** {@code forceRedeploy} on the agent: returns the {@code forceRedeploymentReason} set on the three operators. */
record ForceRedeployTask() implements ClusterTask {
    @Override
    public String stepName() {
        return "forceRedeploy";
    }

    @Override
    public StepOutcome run(AgentSession session) throws RecoveryException, InterruptedException {
        if (session.skipsOnThisVersion(ForceRedeploy.NAME)) {
            return StepOutcome.of(null);
        }
        RecoveryContext context = session.context(RecoveryOptions.defaults().toBuilder());
        ForceRedeploy operation = new ForceRedeploy(context);
        RedeployResult result = session.execute(context, operation, true);
        return StepOutcome.of(result == null ? operation.reason() : result.reason());
    }
}
