package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import picocli.CommandLine.Option;

/**
 * {@code --master-parallelism N} and {@code --worker-parallelism N}: how many kubelets are restarted at once. Help texts and defaults:
 * the catalogue's ({@link CatalogueOptions}).
 */
final class ParallelismOptions {
    @Option(names = "--master-parallelism", paramLabel = "N")
    private int masterParallelism;

    @Option(names = "--worker-parallelism", paramLabel = "N")
    private int workerParallelism;

    /**
     * The engine options with the parallelism of the command line.
     *
     * @throws UsageException naming the option that is less than 1
     */
    RecoveryOptions.Builder applyTo(RecoveryOptions.Builder options) {
        if (masterParallelism < 1 || workerParallelism < 1) {
            throw new UsageException((masterParallelism < 1
                            ? "--master-parallelism: " + masterParallelism
                            : "--worker-parallelism: " + workerParallelism)
                    + " is less than 1; give how many hosts to restart at once");
        }
        return options.parallelism(masterParallelism, workerParallelism);
    }
}
