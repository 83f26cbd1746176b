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

    /** The engine options of this command (a subclass adds its own flags to {@link #engineOptions()}). */
    RecoveryOptions options() {
        return engineOptions().build();
    }

    /** The CLI's engine options with the flags every operation has. */
    final RecoveryOptions.Builder engineOptions() {
        return adminKubeconfig.applyTo(EngineOptions.forCli());
    }

    @Override
    final int run(Terminal terminal, TerminalListener listener, Inventory inventory, CliEnvironment environment) throws Exception {
        try (ClusterRun run = ClusterRun.open(inventory, inventoryOption.file, environment, terminal, listener, options(), commandTimeout.sshOptions(), audit.file,
                spec.qualifiedName(" "))) {
            RecoveryContext context = run.context();
            RecoveryOperation<R> operation = operation(context);
            try (ClusterLock lock = ClusterLock.acquire(context)) {
                context.perform(operation);
            }
            run.finished(true, operation.name() + " done");
        }
        terminal.info("audit trail: " + audit.file.toAbsolutePath());
        return ExitCodes.OK;
    }

    @Override
    String whatInterruptLeaves() {
        return "The remote command was stopped and the cluster lock released; nothing was rolled back: run the command again "
                + "to continue where it stopped.";
    }
}
