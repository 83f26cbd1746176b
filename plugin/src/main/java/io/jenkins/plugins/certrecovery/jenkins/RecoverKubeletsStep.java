package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code recoverKubelets}: writes the bootstrap kubeconfig and the kubelet CA, forces the machine-config daemon, and restarts the
 * kubelets with their old client certificates moved to a backup. Returns one map per host.
 */
public class RecoverKubeletsStep extends ClusterStep {
    private boolean allWorkers;
    private int masterParallelism = 1;
    private int workerParallelism = 5;

    @DataBoundConstructor
    public RecoverKubeletsStep() {
    }

    public boolean isAllWorkers() {
        return allWorkers;
    }

    /** Restart every worker's kubelet, not only those missing or NotReady. */
    @DataBoundSetter
    public void setAllWorkers(boolean allWorkers) {
        this.allWorkers = allWorkers;
    }

    public int getMasterParallelism() {
        return masterParallelism;
    }

    @DataBoundSetter
    public void setMasterParallelism(int masterParallelism) {
        this.masterParallelism = masterParallelism;
    }

    public int getWorkerParallelism() {
        return workerParallelism;
    }

    @DataBoundSetter
    public void setWorkerParallelism(int workerParallelism) {
        this.workerParallelism = workerParallelism;
    }

    @Override
    protected ClusterTask task() throws AbortException {
        return new RecoverKubeletsTask(allWorkers, Arguments.positive("masterParallelism", masterParallelism, "hosts"),
                Arguments.positive("workerParallelism", workerParallelism, "hosts"));
    }

    @Extension
    public static final class DescriptorImpl extends ClusterStepDescriptor {
        @Override
        public String getFunctionName() {
            return "recoverKubelets";
        }

        @Override
        public String getDisplayName() {
            return "OpenShift: recover kubelet client certificates";
        }
    }
}
