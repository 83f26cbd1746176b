package io.jenkins.plugins.certrecovery.jenkins;

import java.io.Serializable;

/** The work of one step on the agent, given a session on the cluster. Holds only the step's validated, serializable arguments. */
public interface ClusterTask extends Serializable {
    /** The pipeline step's function name, for the audit trail. */
    String stepName();

    StepOutcome run(AgentSession session) throws Exception;
}
