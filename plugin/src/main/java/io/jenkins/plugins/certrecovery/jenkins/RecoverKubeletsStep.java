package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import java.util.Set;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code recoverKubelets}: writes the bootstrap kubeconfig and the kubelet CA, forces the machine-config daemon, and restarts the
 * kubelets with their old client certificates moved to a backup. Returns one map per host.
 */
public class RecoverKubeletsStep extends KubeletRestartStep {
    private Boolean allWorkers;

    @DataBoundConstructor
    public RecoverKubeletsStep() {}

    public boolean isAllWorkers() {
        return Arguments.orCatalogueDefault(allWorkers, OptionCatalogue.ALL_WORKERS);
    }

    /** Restart every worker's kubelet, not only those missing or NotReady. */
    @DataBoundSetter
    public void setAllWorkers(Boolean allWorkers) {
        this.allWorkers = allWorkers;
    }

    @Override
    protected ClusterTask task() throws AbortException {
        return new RecoverKubeletsTask(isAllWorkers(), masters(), workers());
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
