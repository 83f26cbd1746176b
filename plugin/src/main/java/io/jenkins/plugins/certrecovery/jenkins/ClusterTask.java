package io.jenkins.plugins.certrecovery.jenkins;

import java.io.Serializable;

/** The work of one step on the agent, given a session on the cluster. Holds only the step's validated, serializable arguments. */
@FunctionalInterface
public interface ClusterTask extends Serializable {
    StepOutcome run(AgentSession session) throws Exception;
}
