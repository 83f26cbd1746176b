package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.InventoryException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command whose failures become one paragraph and an exit code here (a refused inventory or bad input: 64 with every problem
 * listed; Ctrl-C: 130; anything else: {@link #failedExitCode()}), so subclasses only say what they do.
 */
abstract class GuardedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        OcpCertRecovery root = OcpCertRecovery.of(spec);
        Terminal terminal = root.terminal(spec);
        TerminalListener listener = new TerminalListener(terminal);
        try {
            return execute(terminal, listener, root.environment());
        } catch (CommandLine.ParameterException badCommandLine) {
            throw badCommandLine;
        } catch (InventoryException refused) {
            terminal.error("error: " + refused.getMessage());
            return ExitCodes.USAGE;
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

    /** Does the command's work, reporting the engine's work to the listener, and returns the exit code. */
    abstract int execute(Terminal terminal, TerminalListener listener, CliEnvironment environment) throws Exception;

    /** What an interrupted run leaves behind, said to the user after Ctrl-C. */
    String whatInterruptLeaves() {
        return "Nothing was changed on the cluster.";
    }

    /** The exit code of a run that failed with an exception. */
    int failedExitCode() {
        return ExitCodes.FAILED;
    }
}
