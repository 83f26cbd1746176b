package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.Extension;
import java.util.Set;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code recoverKubelets}: writes the bootstrap kubeconfig and the kubelet CA, forces the machine-config daemon, and restarts the
 * kubelets with their old client certificates moved to a backup. Returns one map per host.
 */
public class RecoverKubeletsStep extends ClusterStep {
    private Boolean allWorkers;
    private Integer masterParallelism;
    private Integer workerParallelism;

    @DataBoundConstructor
    public RecoverKubeletsStep() {}

    public boolean isAllWorkers() {
        return Arguments.orDefault(allWorkers, false);
    }

    /** Restart every worker's kubelet, not only those missing or NotReady. */
    @DataBoundSetter
    public void setAllWorkers(Boolean allWorkers) {
        this.allWorkers = allWorkers;
    }

    public int getMasterParallelism() {
        return Arguments.orDefault(masterParallelism, 1);
    }

    @DataBoundSetter
    public void setMasterParallelism(Integer masterParallelism) {
        this.masterParallelism = masterParallelism;
    }

    public int getWorkerParallelism() {
        return Arguments.orDefault(workerParallelism, 5);
    }

    @DataBoundSetter
    public void setWorkerParallelism(Integer workerParallelism) {
        this.workerParallelism = workerParallelism;
    }

    @Override
    protected ClusterTask task() throws AbortException {
        return new RecoverKubeletsTask(
                isAllWorkers(),
                Arguments.positive("masterParallelism", getMasterParallelism(), "hosts"),
                Arguments.positive("workerParallelism", getWorkerParallelism(), "hosts"));
    }

    @Override
    protected Set<String> nodeArguments() {
        return Set.of("nodes");
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
