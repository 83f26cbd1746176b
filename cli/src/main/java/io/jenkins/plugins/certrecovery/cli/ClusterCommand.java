package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryException;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * A command that works on the cluster of an inventory: loads and validates it (exit 64 with every problem listed when it is
 * refused), then runs. Failures become one paragraph and an exit code here, so subclasses only say what they do.
 */
abstract class ClusterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InventoryOption inventoryOption;

    @Override
    public final Integer call() {
        OcpCertRecovery root = OcpCertRecovery.of(spec);
        Terminal terminal = root.terminal(spec);
        Inventory inventory;
        try {
            inventory = InventoryLoader.forCli().load(inventoryOption.file);
        } catch (InventoryException refused) {
            terminal.error("error: " + refused.getMessage());
            return ExitCodes.USAGE;
        }
        TerminalListener listener = new TerminalListener(terminal);
        try {
            return run(terminal, listener, inventory, root.environment());
        } catch (CommandLine.ParameterException badCommandLine) {
            throw badCommandLine;
        } catch (UsageException badInput) {
            ErrorReport.print(terminal, null, badInput);
            return ExitCodes.USAGE;
        } catch (InterruptedException interrupted) {
            String during = listener.currentOperation() == null ? "" : " during " + listener.currentOperation();
            terminal.error("interrupted: " + spec.qualifiedName() + " stopped" + during + ". " + whatInterruptLeaves());
            return ExitCodes.INTERRUPTED;
        } catch (Exception failure) {
            ErrorReport.print(terminal, spec.name() + " failed", failure);
            return failedExitCode();
        }
    }

    /** Does the command's work on a loaded inventory, reporting the engine's work to the listener, and returns the exit code. */
    abstract int run(Terminal terminal, TerminalListener listener, Inventory inventory, CliEnvironment environment) throws Exception;

    /** What an interrupted run leaves behind, said to the user after Ctrl-C. */
    String whatInterruptLeaves() {
        return "Nothing was changed on the cluster.";
    }

    /** The exit code of a run that failed with an exception. */
    int failedExitCode() {
        return ExitCodes.FAILED;
    }
}
