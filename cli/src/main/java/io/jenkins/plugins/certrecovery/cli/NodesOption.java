package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --only NODE[,NODE]}: the nodes a command handles, e.g. those a partial run left FAILED. */
final class NodesOption {
    @Option(
            names = "--only",
            paramLabel = "NODE",
            split = ",",
            description =
                    "Only these inventory nodes (comma-separated): their kubelets and CSRs, nothing on the other nodes "
                            + "(the first master still runs oc). After a run that ended with exit 2, the exact command is in its summary.")
    List<String> only = List.of();

    /**
     * The options with the nodes asked for.
     *
     * @throws UsageException naming the nodes the inventory does not have
     */
    RecoveryOptions.Builder applyTo(RecoveryOptions.Builder options, Inventory inventory) {
        try {
            RecoveryContext.requireKnownNodes(inventory, only);
        } catch (IllegalArgumentException unknown) {
            throw new UsageException("--only: " + unknown.getMessage());
        }
        return options.onlyNodes(only);
    }

    /** The command line that retries only the given nodes with this command. */
    static String retryCommand(String command, String inventoryFile, String retryOption) {
        return "ocp-cert-recovery " + command + " -i " + inventoryFile + " " + retryOption;
    }
}
