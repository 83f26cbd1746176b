package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;

/** The work of one step on the agent, given a session on the cluster. A record of the step's validated arguments, which cross the channel as its {@link ChannelForm}. */
public interface ClusterTask {
    /** The pipeline step's function name, for the audit trail. */
    String stepName();

    /** The engine options of this step, on top of the defaults (the session adds the arguments every cluster step has). */
    default RecoveryOptions.Builder options(RecoveryOptions.Builder defaults) {
        return defaults;
    }

    StepOutcome run(AgentSession session) throws Exception;
}
