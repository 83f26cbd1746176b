package io.jenkins.plugins.certrecovery.jenkins;

/** The work of one step on the agent, given a session on the cluster. A record of the step's validated arguments, which cross the channel as its {@link ChannelForm}. */
public interface ClusterTask {
    /** The pipeline step's function name, for the audit trail. */
    String stepName();

    StepOutcome run(AgentSession session) throws Exception;
}
