package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.audit.AuditTrail;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.SshOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * One command's run of the engine on a cluster: the logged-in hosts, the audit trail (when the command writes one) and the engine
 * context reporting to the terminal. Closing it ends the audit trail with the run's outcome (a failed or interrupted run is recorded
 * as such: the trail is complete up to that point) and closes every SSH connection.
 */
final class ClusterRun implements AutoCloseable {
    private final ClusterHosts hosts;
    private final AuditTrail audit;
    private final RecoveryContext context;
    private boolean succeeded;
    private String outcome = "failed or interrupted (see the lines before)";

    private ClusterRun(ClusterHosts hosts, AuditTrail audit, RecoveryContext context) {
        this.hosts = hosts;
        this.audit = audit;
        this.context = context;
    }

    /**
     * @param auditFile where the audit trail is appended, or null for a command that changes nothing
     * @param command   the command line's command, recorded in the audit trail
     */
    static ClusterRun open(
            Inventory inventory,
            String inventoryFile,
            CliEnvironment environment,
            Terminal terminal,
            TerminalListener listener,
            RecoveryOptions options,
            SshOptions ssh,
            Path auditFile,
            String command) {
        ClusterHosts hosts = ClusterLogin.open(inventory, ssh, environment, terminal);
        AuditTrail audit =
                auditFile == null ? null : AuditTrail.toFile(auditFile, terminal.masker(), Clock.systemUTC());
        RecoveryContext context = new RecoveryContext(inventory, hosts, listener, options, audit);
        if (audit != null) {
            audit.runStarted(
                    context.runId(),
                    "ocp-cert-recovery " + command,
                    Map.of("inventory", inventoryFile, "owner", options.owner()));
        }
        return new ClusterRun(hosts, audit, context);
    }

    RecoveryContext context() {
        return context;
    }

    /** Records how the run ended, for the audit trail's last line. */
    void finished(boolean success, String description) {
        this.succeeded = success;
        this.outcome = description;
    }

    @Override
    public void close() {
        try {
            if (audit != null) {
                audit.runFinished(succeeded, outcome);
                audit.close();
            }
        } finally {
            hosts.close();
        }
    }
}
