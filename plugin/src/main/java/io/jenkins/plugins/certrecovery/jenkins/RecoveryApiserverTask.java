package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.recovery.RecoveryApiserver;
import io.jenkins.plugins.certrecovery.recovery.RecoveryApiserverCreate;
import io.jenkins.plugins.certrecovery.recovery.RecoveryApiserverDestroy;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryException;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import java.time.Duration;

/** {@code recoveryApiserver} on the agent: create (returns the kubeconfig path on the first master) or destroy (returns null). */
record RecoveryApiserverTask(boolean create, int waitTimeoutMinutes) implements ClusterTask {
    @Override
    public String stepName() {
        return "recoveryApiserver";
    }

    @Override
    public StepOutcome run(AgentSession session) throws RecoveryException, InterruptedException {
        if (session.skipsOnThisVersion(create ? RecoveryApiserverCreate.NAME : RecoveryApiserverDestroy.NAME)) {
            return StepOutcome.of(null);
        }
        RecoveryContext context = session.context(
                RecoveryOptions.defaults().toBuilder().apiserverTimeout(Duration.ofMinutes(waitTimeoutMinutes)));
        if (!create) {
            session.execute(context, new RecoveryApiserverDestroy(context), true);
            return StepOutcome.of(null);
        }
        RecoveryApiserver server = session.execute(context, new RecoveryApiserverCreate(context), true);
        return StepOutcome.of(server == null ? null : server.kubeconfig());
    }
}
