package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;

/** Kubelet recovery on the agent. */
record RecoverKubeletsTask(boolean allWorkers, int masterParallelism, int workerParallelism) implements ClusterTask {
    @Override
    public StepOutcome run(AgentSession session) throws AbortException {
        throw new AbortException("recoverKubelets: the engine operation is not in this build yet");
    }
}
