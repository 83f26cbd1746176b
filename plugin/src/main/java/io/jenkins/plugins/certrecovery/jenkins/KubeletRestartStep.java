package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step that restarts kubelets ({@code recoverKubelets}, {@code recoverCluster}): how many at once, {@code masterParallelism} and
 * {@code workerParallelism}, with their defaults, checks and help pages in one place.
 */
public abstract class KubeletRestartStep extends ClusterStep {
    private Integer masterParallelism;
    private Integer workerParallelism;

    public int getMasterParallelism() {
        return Arguments.orCatalogueDefault(masterParallelism, OptionCatalogue.MASTER_PARALLELISM);
    }

    @DataBoundSetter
    public void setMasterParallelism(Integer masterParallelism) {
        this.masterParallelism = masterParallelism;
    }

    public int getWorkerParallelism() {
        return Arguments.orCatalogueDefault(workerParallelism, OptionCatalogue.WORKER_PARALLELISM);
    }

    @DataBoundSetter
    public void setWorkerParallelism(Integer workerParallelism) {
        this.workerParallelism = workerParallelism;
    }

    /** How many masters at once, checked. */
    int masters() throws AbortException {
        return Arguments.positive("masterParallelism", getMasterParallelism(), "hosts");
    }

    /** How many workers at once, checked. */
    int workers() throws AbortException {
        return Arguments.positive("workerParallelism", getWorkerParallelism(), "hosts");
    }
}
