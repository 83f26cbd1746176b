package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import picocli.CommandLine.Mixin;

/**
 * A command that works on the cluster of one inventory: loads and validates it (exit 64 with every problem listed when it is
 * refused), then runs.
 */
abstract class ClusterCommand extends GuardedCommand {
    @Mixin
    InventoryOption inventoryOption;

    @Override
    final int execute(Terminal terminal, TerminalListener listener, CliEnvironment environment) throws Exception {
        Inventory inventory = InventoryLoader.forCli().load(inventoryOption.file);
        return run(terminal, listener, inventory, environment);
    }

    /** Does the command's work on a loaded inventory, reporting the engine's work to the listener, and returns the exit code. */
    abstract int run(Terminal terminal, TerminalListener listener, Inventory inventory, CliEnvironment environment)
            throws Exception;
}
