package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.Serial;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one step: arguments and credential checked on the controller, the SSH work on the agent through its channel (so
 * connections start from the agent's network, as in ssh-steps), then warnings turned into an UNSTABLE step and build.
 * Inside {@code withOpenShiftCluster} the cluster and the lock come from the block's {@link OpenShiftCluster}.
 * Like every {@link SynchronousNonBlockingStepExecution}, it fails rather than resumes after a controller restart: the engine's
 * operations resume from the cluster's state when the step is run again.
 */
final class ClusterStepExecution extends SynchronousNonBlockingStepExecution<Object> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient ClusterStep step;

    ClusterStepExecution(StepContext context, ClusterStep step) {
        super(context);
        this.step = step;
    }

    @Override
    protected Object run() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        Launcher launcher = context.get(Launcher.class);
        EnvVars env = context.get(EnvVars.class);

        ClusterTask task = step.task();
        ClusterRequest request = step.request(run, workspace, env, context.get(OpenShiftCluster.class));
        VirtualChannel agent = launcher.getChannel();
        if (agent == null) {
            throw new AbortException(
                    "the agent of this node block is offline; run the step again when it is connected");
        }
        return AgentCall.outcome(agent.call(new AgentCall(request, task, listener)))
                .reportTo(context);
    }
}
