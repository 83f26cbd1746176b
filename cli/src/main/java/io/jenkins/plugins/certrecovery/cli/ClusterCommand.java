package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.audit.AuditTrail;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.recovery.ClusterSession;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import io.jenkins.plugins.certrecovery.ssh.SshOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
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

    /**
     * The engine's session on the inventory's cluster, logged in as the CLI does ({@link ClusterLogin}), reporting to the terminal.
     *
     * @param auditFile where the audit trail is appended, or null for a command that changes nothing
     */
    final ClusterSession openSession(
            Inventory inventory,
            CliEnvironment environment,
            Terminal terminal,
            TerminalListener listener,
            RecoveryOptions options,
            SshOptions ssh,
            Path auditFile) {
        ClusterSession.Builder session = ClusterSession.open(
                        inventory, ClusterLogin.login(inventory, ssh, environment, terminal))
                .options(options)
                .listener(listener);
        if (auditFile != null) {
            session.audit(
                    AuditTrail.toFile(auditFile, terminal.masker(), Clock.systemUTC()),
                    spec.qualifiedName(" "), // the root command's name first: "ocp-cert-recovery recover"
                    Map.of("inventory", inventoryOption.file, "owner", options.owner()));
        }
        try {
            return session.start();
        } catch (IllegalArgumentException unusable) {
            throw ClusterLogin.unusableSettings(unusable);
        }
    }
}
