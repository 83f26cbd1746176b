package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.recovery.RecoveryApiserver;
import io.jenkins.plugins.certrecovery.recovery.RecoveryApiserverCreate;
import io.jenkins.plugins.certrecovery.recovery.RecoveryApiserverDestroy;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOperation;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import java.time.Duration;

/** {@code recoveryApiserver} on the agent: create (returns the kubeconfig path on the first master) or destroy (returns null). */
record RecoveryApiserverTask(boolean create, int apiserverTimeoutMinutes) implements OperationTask<Object> {
    @Override
    public String stepName() {
        return "recoveryApiserver";
    }

    @Override
    public RecoveryOptions.Builder options(RecoveryOptions.Builder defaults) {
        return defaults.apiserverTimeout(Duration.ofMinutes(apiserverTimeoutMinutes));
    }

    @Override
    public RecoveryOperation<?> operation(RecoveryContext context) {
        return create ? new RecoveryApiserverCreate(context) : new RecoveryApiserverDestroy(context);
    }

    @Override
    public StepOutcome outcome(Object result, AgentSession session) {
        return StepOutcome.of(result instanceof RecoveryApiserver server ? server.kubeconfig() : null);
    }
}
