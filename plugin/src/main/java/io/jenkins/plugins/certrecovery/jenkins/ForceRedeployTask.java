package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.recovery.ForceRedeploy;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOperation;
import io.jenkins.plugins.certrecovery.recovery.RedeployResult;

/** {@code forceRedeploy} on the agent: returns the {@code forceRedeploymentReason} set on the three operators. */
record ForceRedeployTask() implements OperationTask<RedeployResult> {
    @Override
    public String stepName() {
        return "forceRedeploy";
    }

    @Override
    public RecoveryOperation<RedeployResult> operation(RecoveryContext context) {
        return new ForceRedeploy(context);
    }

    @Override
    public StepOutcome outcome(RedeployResult result, AgentSession session) {
        return StepOutcome.of(result.reason());
    }

    /** The reason it would set. */
    @Override
    public Object dryRunValue(RecoveryOperation<? extends RedeployResult> operation) {
        return ((ForceRedeploy) operation).reason();
    }
}
