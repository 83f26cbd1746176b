package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.recovery.ClusterSession;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOperation;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import java.util.Optional;
import picocli.CommandLine.Mixin;

/**
 * One engine operation as a subcommand (the same units as the Jenkins steps), run by the engine's {@link ClusterSession}: logged in,
 * under the cluster lock when it changes the cluster, audited, with the engine's lines on the terminal and its outcome as the last
 * line. An operation the inventory's OpenShift version does not have does nothing, says why and exits 0.
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
        int exitCode;
        try (ClusterSession session = openSession(
                inventory,
                environment,
                terminal,
                listener,
                options(inventory),
                commandTimeout.sshOptions(),
                audit.file)) {
            RecoveryOperation<R> operation = operation(session.context());
            Optional<R> result = session.run(operation);
            exitCode = result.isEmpty() ? ExitCodes.OK : exitCode(result.get(), terminal);
            String done = result.isEmpty() ? " does not exist for this version: nothing done" : " done";
            session.finished(
                    exitCode == ExitCodes.OK, operation.name() + (exitCode == ExitCodes.OK ? done : " done in part"));
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
