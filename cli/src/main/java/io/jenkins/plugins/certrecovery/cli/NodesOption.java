package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --nodes NODE[,NODE]}: the nodes a command handles, e.g. those a partial run left FAILED (help: the catalogue's). */
final class NodesOption {
    @Option(names = "--nodes", paramLabel = "NODE", split = ",")
    List<String> nodes = List.of();

    /**
     * The options with the nodes asked for.
     *
     * @throws UsageException naming the nodes the inventory does not have
     */
    RecoveryOptions.Builder applyTo(RecoveryOptions.Builder options, Inventory inventory) {
        try {
            RecoveryContext.requireKnownNodes(inventory, nodes);
        } catch (IllegalArgumentException unknown) {
            throw new UsageException("--nodes: " + unknown.getMessage());
        }
        return options.onlyNodes(nodes);
    }

    /** The command line that retries only the given nodes with this command. */
    static String retryCommand(String command, String inventoryFile, String retryOption) {
        return "ocp-cert-recovery " + command + " -i " + inventoryFile + " " + retryOption;
    }
}
