package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.audit.AuditTrail;
import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.RemoteHost;
import io.jenkins.plugins.certrecovery.ssh.ScriptFile;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs the commands of one run on the cluster's hosts: each is shown to the listener, recorded in the audit trail, its errors
 * masked and turned into a {@link RecoveryException} naming host and step, and none starts once the run is cancelled. Every remote
 * command and read of every operation goes through here.
 */
public final class HostExecutor {
    private final ClusterHosts hosts;
    private final RecoveryListener listener;
    private final AuditTrail audit;

    /** @param audit the run's audit trail, or null for none */
    HostExecutor(ClusterHosts hosts, RecoveryListener listener, AuditTrail audit) {
        this.hosts = hosts;
        this.listener = listener;
        this.audit = audit;
    }

    private SecretMasker masker() {
        return hosts.masker();
    }

    /** Runs a command; a non-zero exit is returned, not thrown. */
    public CommandResult run(ClusterNode node, String step, RemoteCommand command)
            throws RecoveryException, InterruptedException {
        checkCancelled();
        listener.hostLine(node.name(), "$ " + masker().mask(command.summary()));
        long start = System.nanoTime();
        try {
            CommandResult result = host(node, step).run(command);
            if (audit != null) {
                audit.command(result);
            }
            return result;
        } catch (SshException e) {
            if (audit != null) {
                audit.commandFailed(node.name(), command, e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
            }
            throw new RecoveryException(node.name(), step, masker().mask(e.getMessage()), e);
        }
    }

    /** Runs a command that must succeed: a non-zero exit fails the step with the command's error output. */
    public CommandResult require(ClusterNode node, String step, RemoteCommand command)
            throws RecoveryException, InterruptedException {
        CommandResult result = run(node, step, command);
        if (!result.succeeded()) {
            throw new RecoveryException(
                    node.name(),
                    step,
                    "`" + masker().mask(command.summary()) + "` exited with " + result.exitCode() + ": "
                            + errorText(result));
        }
        return result;
    }

    /** The last lines of a failed command's error output (or standard output when it wrote no error), masked. */
    public String errorText(CommandResult result) {
        String text = result.stderr().isBlank() ? result.stdout() : result.stderr();
        List<String> lines = text.strip().lines().toList();
        String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        return tail.isEmpty() ? "(no output)" : masker().mask(tail);
    }

    public boolean exists(ClusterNode node, String step, String path) throws RecoveryException, InterruptedException {
        return run(node, step, existsCommand(path)).succeeded();
    }

    static RemoteCommand existsCommand(String path) {
        return RemoteCommand.readOnly("test", "-e", path);
    }

    public byte[] read(ClusterNode node, String step, String path) throws RecoveryException, InterruptedException {
        checkCancelled();
        try {
            return host(node, step).readFile(path);
        } catch (SshException e) {
            throw new RecoveryException(
                    node.name(), step, "cannot read " + path + ": " + masker().mask(e.getMessage()), e);
        }
    }

    /** Prints a file when it exists: one read-only round trip instead of a test and a read. */
    private static final ScriptFile<ReadExit> READ_IF_EXISTS = ScriptFile.load("read-if-exists.sh", ReadExit.class);

    /** The exit codes of {@code read-if-exists.sh}. */
    enum ReadExit {
        PRINTED,
        UNREADABLE,
        MISSING
    }

    static HostScript readIfExistsScript(String path) {
        return HostScript.of(
                "read " + path,
                READ_IF_EXISTS,
                true,
                List.of(path),
                List.of(
                        HostScript.Step.run(existsCommand(path)),
                        HostScript.Step.run(RemoteCommand.readOnly("cat", "--", path))
                                .onlyIf(path + " exists")));
    }

    /** A text file's content, or nothing when it does not exist. */
    public Optional<String> readIfExists(ClusterNode node, String step, String path)
            throws RecoveryException, InterruptedException {
        CommandResult result = run(node, step, readIfExistsScript(path).command());
        ReadExit exit = READ_IF_EXISTS.exit(result.exitCode()).orElse(ReadExit.UNREADABLE);
        return switch (exit) {
            case PRINTED -> Optional.of(result.stdout());
            case MISSING -> Optional.empty();
            case UNREADABLE ->
                throw new RecoveryException(
                        node.name(),
                        step,
                        "cannot read " + path + " (exit " + result.exitCode() + "): " + errorText(result));
        };
    }

    /** Writes a file with the transport's atomic write, without a backup: only {@link Backups#writeStateFile} calls it. */
    void writeWithoutBackup(ClusterNode node, String step, String path, byte[] content)
            throws RecoveryException, InterruptedException {
        checkCancelled();
        try {
            host(node, step).writeFile(path, content, 0600);
        } catch (SshException e) {
            throw new RecoveryException(
                    node.name(), step, "cannot write " + path + ": " + masker().mask(e.getMessage()), e);
        }
    }

    private RemoteHost host(ClusterNode node, String step) throws RecoveryException, InterruptedException {
        try {
            return hosts.host(node);
        } catch (SshException e) {
            throw new RecoveryException(node.name(), step, "cannot connect: " + masker().mask(e.getMessage()), e);
        }
    }

    static void checkCancelled() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("the run was cancelled");
        }
    }
}
