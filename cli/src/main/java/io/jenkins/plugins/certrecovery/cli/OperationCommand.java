package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.recovery.ClusterLock;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOperation;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import picocli.CommandLine.Mixin;

/**
 * One engine operation as a subcommand (the same units as the Jenkins steps): logged in, under the cluster lock, audited, with the
 * engine's lines on the terminal and its outcome as the last line.
 *
 * @param <R> what the operation returns
 */
abstract class OperationCommand<R> extends ClusterCommand {
    @Mixin
    AuditOption audit;

    @Mixin
    private CommandTimeoutOption commandTimeout;

    @Mixin
    private AdminKubeconfigOption adminKubeconfig;

    /** The operation, built on this run's context. */
    abstract RecoveryOperation<R> operation(RecoveryContext context);

    /**
     * The engine options of this command (a subclass adds its own flags to {@link #engineOptions()}).
     *
     * @throws UsageException when a flag does not fit the inventory
     */
    RecoveryOptions options(Inventory inventory) {
        return engineOptions().build();
    }

    /** The CLI's engine options with the flags every operation has. */
    final RecoveryOptions.Builder engineOptions() {
        return adminKubeconfig.applyTo(EngineOptions.forCli());
    }

    /** The exit code for what the operation returned, after saying on the terminal what it leaves to do (if anything). */
    int exitCode(R result, Terminal terminal) {
        return ExitCodes.OK;
    }

    @Override
    final int run(Terminal terminal, TerminalListener listener, Inventory inventory, CliEnvironment environment)
            throws Exception {
        RecoveryOptions options = options(inventory);
        int exitCode;
        try (ClusterRun run = ClusterRun.open(
                inventory,
                inventoryOption.file,
                environment,
                terminal,
                listener,
                options,
                commandTimeout.sshOptions(),
                audit.file,
                spec.qualifiedName(" "))) {
            RecoveryContext context = run.context();
            RecoveryOperation<R> operation = operation(context);
            R result;
            try (ClusterLock lock = ClusterLock.acquire(context)) {
                result = context.perform(operation);
            }
            exitCode = exitCode(result, terminal);
            run.finished(
                    exitCode == ExitCodes.OK,
                    operation.name() + (exitCode == ExitCodes.OK ? " done" : " done in part"));
        }
        terminal.info("audit trail: " + audit.file.toAbsolutePath());
        return exitCode;
    }

    @Override
    String whatInterruptLeaves() {
        return "The remote command was stopped and the cluster lock released; nothing was rolled back: run the command again "
                + "to continue where it stopped.";
    }
}
