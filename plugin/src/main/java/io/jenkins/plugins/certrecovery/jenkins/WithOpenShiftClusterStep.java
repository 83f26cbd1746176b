package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import java.io.Serial;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code withOpenShiftCluster(inventory: …, credentialsId: …) { … }}: one cluster for the steps inside, which may then leave out
 * {@code cluster}, {@code inventory} and {@code credentialsId}, under one cluster lock that the build holds for the whole block. The
 * steps inside that change the cluster re-enter that lock by its token instead of taking their own; the lock is released when the
 * block ends, whether it succeeds, fails or is stopped. Like {@code withCredentials}, the block's work before and after its body
 * runs off the pipeline's thread ({@link GeneralNonBlockingStepExecution}).
 */
public class WithOpenShiftClusterStep extends Step {
    private Map<String, Object> cluster;
    private String inventory;
    private String credentialsId;
    private CredentialsLookup credentialsLookup = new JenkinsCredentialsLookup();

    @DataBoundConstructor
    public WithOpenShiftClusterStep() {}

    public Map<String, Object> getCluster() {
        return cluster;
    }

    @DataBoundSetter
    public void setCluster(Map<String, Object> cluster) {
        this.cluster = cluster;
    }

    public String getInventory() {
        return inventory;
    }

    @DataBoundSetter
    public void setInventory(String inventory) {
        this.inventory = ClusterStep.blankToNull(inventory);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = ClusterStep.blankToNull(credentialsId);
    }

    /** Where credentials are looked up; tests replace Jenkins' stores with their own. */
    void setCredentialsLookup(CredentialsLookup credentialsLookup) {
        this.credentialsLookup = credentialsLookup;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /**
     * Takes the lock, runs the body with the {@link OpenShiftCluster} in its context, releases the lock at the end. What it keeps
     * (the cluster, the credentials id, the token) is saved with the build: after a controller restart the block goes on, still
     * holding the lock, and releases it at its end.
     */
    static final class Execution extends GeneralNonBlockingStepExecution {
        @Serial
        private static final long serialVersionUID = 1L;

        private final transient WithOpenShiftClusterStep step;
        private final CredentialsLookup credentialsLookup;
        /** Set once the lock is taken. */
        private volatile OpenShiftCluster locked;

        private volatile boolean stopped;

        Execution(StepContext context, WithOpenShiftClusterStep step) {
            super(context);
            this.step = step;
            this.credentialsLookup = step.credentialsLookup;
        }

        @Override
        public boolean start() {
            run(this::lockAndRunBody);
            return false;
        }

        private void lockAndRunBody() throws Exception {
            StepContext context = getContext();
            OpenShiftCluster target = OpenShiftCluster.of(
                    step.cluster,
                    step.inventory,
                    step.credentialsId,
                    context.get(EnvVars.class),
                    UUID.randomUUID().toString(),
                    false);
            callAgent(context, target, true);
            locked = target;
            if (stopped) { // stopped while the lock was being taken
                callAgent(context, target, false);
                return;
            }
            context.get(TaskListener.class)
                    .getLogger()
                    .println("withOpenShiftCluster: the steps inside work on " + target.describe()
                            + " under this build's cluster lock");
            context.newBodyInvoker()
                    .withContext(target)
                    .withCallback(new ReleaseLock())
                    .start();
        }

        /** Takes or releases the lock from the agent, the credential resolved again by its id. */
        private void callAgent(StepContext context, OpenShiftCluster target, boolean take) throws Exception {
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            FilePath workspace = context.get(FilePath.class);
            Launcher launcher = context.get(Launcher.class);
            VirtualChannel agent = launcher == null ? null : launcher.getChannel();
            if (workspace == null || agent == null) {
                throw new AbortException(
                        "withOpenShiftCluster: run it inside node { … } (or a pipeline with an agent) whose agent is"
                                + " connected: the cluster lock is taken and released from the agent");
            }
            LoginSecret login = new LoginSecretResolver(credentialsLookup).resolve(target.credentialsId(), run);
            ClusterRequest request = new ClusterRequest(
                    target.cluster(),
                    target.inventory(),
                    login,
                    workspace.getRemote(),
                    false,
                    0,
                    context.get(EnvVars.class).expand(OptionCatalogue.AUDIT_FILE.defaultString()),
                    run.getExternalizableId(),
                    target.lockToken(),
                    null,
                    List.of(),
                    false);
            agent.call(new AgentCall(request, new ClusterLockTask(take), listener));
        }

        /** Stopped (aborted) while no step inside runs: the lock is released before the block fails. */
        @Override
        public void stop(Throwable cause) throws Exception {
            stopped = true;
            OpenShiftCluster held = locked;
            if (held != null) {
                try {
                    callAgent(getContext(), held, false);
                } catch (Exception e) {
                    cause.addSuppressed(e);
                }
            }
            super.stop(cause);
        }

        /** At the body's end, success or failure: releases the lock, then ends the block as its body ended. */
        private final class ReleaseLock extends TailCall {
            @Serial
            private static final long serialVersionUID = 1L;

            @Override
            protected void finished(StepContext context) throws Exception {
                callAgent(context, locked, false);
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends ClusterStepDescriptor {
        @Override
        public String getFunctionName() {
            return "withOpenShiftCluster";
        }

        @Override
        public String getDisplayName() {
            return "OpenShift: work on one cluster under its lock";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        /**
         * No {@link FilePath} or {@link Launcher} here, though the block needs both at run time: declarative accepts a block step as a
         * wrapper in {@code options { }} only when it does not require them (pipeline-model-definition {@code Options}), and there it
         * runs inside the pipeline's agent.
         */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, EnvVars.class);
        }
    }
}
