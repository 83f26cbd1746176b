package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.audit.AuditTrail;
import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.ssh.AtomicWrite;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.ScriptFile;
import java.util.List;
import java.util.Objects;

/**
 * Every change of a file on a host: replaced atomically after a copy of what was there goes into this run's backup directory, moved
 * into the backup directory, touched, or one of this tool's own state files written. Each change is shown to the listener and
 * recorded in the audit trail here, also those a script reports (its {@code moved FROM -> TO} and {@code put back PATH} lines): no
 * operation records a file change itself.
 */
public final class Backups {
    private final Inventory inventory;
    private final String runId;
    private final HostExecutor executor;
    private final RecoveryListener listener;
    private final AuditTrail audit;

    /** @param audit the run's audit trail, or null for none */
    Backups(Inventory inventory, String runId, HostExecutor executor, RecoveryListener listener, AuditTrail audit) {
        this.inventory = inventory;
        this.runId = runId;
        this.executor = executor;
        this.listener = listener;
        this.audit = audit;
    }

    /** Where a host path is kept in this run's backup directory: the same path below {@link HostLayout#backupDir(String)}. */
    public String backupPath(ClusterNode node, String path) {
        HostLayout layout = inventory.layout(node);
        String relative = path.startsWith(layout.prefix() + "/")
                ? path.substring(layout.prefix().length())
                : path;
        return layout.backupDir(runId) + relative;
    }

    HostScript replaceFileScript(ClusterNode node, String path, int mode) {
        String backup = backupPath(node, path);
        String differs = path + " exists with other content";
        return new HostScript(
                "replace " + path,
                AtomicWrite.command(path, mode, backup),
                List.of(
                        HostScript.Step.describe("compare the new content with " + path + " (cmp -s)"),
                        HostScript.Step.run(mkdirCommand(parentOf(backup))).onlyIf(differs),
                        HostScript.Step.run(copyCommand(path, backup)).onlyIf(differs),
                        HostScript.Step.describe("write " + path + " (mode " + String.format("%04o", mode)
                                        + ", atomically: a temporary file beside it renamed over it)")
                                .onlyIf(path + " is missing or has other content")));
    }

    /**
     * Replaces a file atomically ({@link AtomicWrite}) after copying what was there into this run's backup directory, in one round
     * trip. Nothing happens when the file already has exactly this content.
     *
     * @return the backup path, "" when there was no file before, or null when nothing changed
     */
    public String replaceFile(ClusterNode node, String step, String path, byte[] content, int mode)
            throws RecoveryException, InterruptedException {
        String backup = backupPath(node, path);
        CommandResult result = executor.run(
                node, step, replaceFileScript(node, path, mode).command().withStdin(content));
        if (!result.succeeded()) {
            String why = AtomicWrite.exit(result.exitCode())
                    .map(exit -> switch (exit) {
                        case TEMPORARY_FAILED -> "cannot write a temporary file beside " + path + "; nothing changed";
                        case BACKUP_FAILED ->
                            "cannot copy " + path + " into the backup " + backup + "; nothing changed";
                        case RENAME_FAILED ->
                            "cannot put the new " + path + " in place; the previous file is unchanged"
                                    + (result.stdout().contains("backed-up") ? " (a copy is in " + backup + ")" : "");
                        case DONE -> null;
                    })
                    .orElse("replacing " + path + " failed (exit " + result.exitCode()
                            + "); the previous file is unchanged");
            throw new RecoveryException(node.name(), step, why + ": " + executor.errorText(result));
        }
        AtomicWrite.Outcome outcome = AtomicWrite.Outcome.of(result);
        if (outcome == AtomicWrite.Outcome.UNCHANGED) {
            listener.hostLine(node.name(), path + " already has the wanted content; left as it is");
            return null;
        }
        String kept = outcome == AtomicWrite.Outcome.WRITTEN_AFTER_BACKUP ? backup : "";
        listener.hostLine(
                node.name(),
                "wrote " + path + (kept.isEmpty() ? " (new file)" : " (previous content kept in " + kept + ")"));
        fileChanged(node, path, "written", kept);
        return kept;
    }

    /** The step {@link #replaceFile} takes, for plans. */
    public PlanStep replaceFilePlan(ClusterNode node, String path, int mode) {
        return PlanStep.run(node.name(), replaceFileScript(node, path, mode));
    }

    /** {@link #moveToBackup} on the host, in one round trip. */
    private static final ScriptFile<MoveExit> MOVE_TO_BACKUP = ScriptFile.load("move-to-backup.sh", MoveExit.class);

    /** The exit codes of {@code move-to-backup.sh}. */
    enum MoveExit {
        MOVED,
        MOVE_FAILED
    }

    HostScript moveToBackupScript(ClusterNode node, String path) {
        String backup = backupPath(node, path);
        return HostScript.of(
                "move " + path + " into the backup",
                MOVE_TO_BACKUP,
                false,
                List.of(path, backup),
                List.of(
                        HostScript.Step.run(mkdirCommand(parentOf(backup))),
                        HostScript.Step.run(moveCommand(path, backup))
                                .onlyIf(backup + " is free (else to " + backup + ".N)")));
    }

    /** Moves a file or directory into this run's backup directory (the documented procedure deletes it; we keep it). */
    public String moveToBackup(ClusterNode node, String step, String path)
            throws RecoveryException, InterruptedException {
        CommandResult result =
                executor.run(node, step, moveToBackupScript(node, path).command());
        if (MOVE_TO_BACKUP.exit(result.exitCode()).orElse(MoveExit.MOVE_FAILED) != MoveExit.MOVED) {
            throw new RecoveryException(
                    node.name(),
                    step,
                    "cannot move " + path + " into the backup " + backupPath(node, path) + " (exit " + result.exitCode()
                            + "); it is where it was: " + executor.errorText(result));
        }
        String backup = result.stdout()
                .lines()
                .map(Backups::movedTo)
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new RecoveryException(
                        node.name(), step, "moving " + path + " into the backup printed no destination"));
        listener.hostLine(node.name(), "moved " + path + " to " + backup);
        fileChanged(node, path, "moved", backup);
        return backup;
    }

    /** The step {@link #moveToBackup} takes, for plans. */
    public PlanStep moveToBackupPlan(ClusterNode node, String path) {
        return PlanStep.run(node.name(), moveToBackupScript(node, path));
    }

    /** Where a {@code moved FROM -> WHERE} line of {@code keep-function.sh} says FROM went, or null for another line. */
    static String movedTo(String line) {
        int arrow = line.indexOf(" -> ");
        return line.startsWith("moved ") && arrow > 0 ? line.substring(arrow + 4) : null;
    }

    private static final String PUT_BACK = "put back ";

    /**
     * Reports and records the moves a script made with {@code keep} (its {@code moved FROM -> WHERE} lines) and the paths it put back
     * from the backup ({@code put back PATH}).
     *
     * @return the paths put back, in order
     */
    List<String> recordMoves(ClusterNode node, List<String> report) {
        for (String line : report) {
            String movedTo = movedTo(line);
            if (movedTo != null) {
                listener.hostLine(node.name(), line);
                fileChanged(node, line.substring("moved ".length(), line.indexOf(" -> ")), "moved", movedTo);
            } else if (line.startsWith(PUT_BACK)) {
                listener.hostLine(node.name(), line);
                fileChanged(node, line.substring(PUT_BACK.length()), "moved back", null);
            }
        }
        return report.stream()
                .filter(l -> l.startsWith(PUT_BACK))
                .map(l -> l.substring(PUT_BACK.length()))
                .toList();
    }

    static RemoteCommand touchCommand(String path) {
        return RemoteCommand.of("touch", path);
    }

    /** Touches a file (makes it when missing, else only its time changes: nothing to back up). */
    public void touch(ClusterNode node, String step, String path) throws RecoveryException, InterruptedException {
        executor.require(node, step, touchCommand(path));
        fileChanged(node, path, "touched", null);
    }

    /**
     * Writes one of this tool's own files under {@link HostLayout#stateDir()} (lock owner, checkpoint) atomically, without a backup:
     * no cluster file is ever written this way.
     */
    public void writeStateFile(ClusterNode node, String step, String path, byte[] content)
            throws RecoveryException, InterruptedException {
        requireStateFile(node, path);
        executor.writeWithoutBackup(node, step, path, content);
        stateFileWritten(node, path);
    }

    /** Records that a script wrote one of this tool's own files under {@link HostLayout#stateDir()} (the lock's owner file). */
    void stateFileWritten(ClusterNode node, String path) {
        requireStateFile(node, path);
        fileChanged(node, path, "written (this tool's state)", null);
    }

    private void requireStateFile(ClusterNode node, String path) {
        String stateDir = inventory.layout(node).stateDir();
        if (!path.startsWith(stateDir + "/")) {
            throw new IllegalArgumentException(path + " is not under the state directory " + stateDir);
        }
    }

    private void fileChanged(ClusterNode node, String path, String change, String backup) {
        if (audit != null) {
            audit.fileChanged(node.name(), path, change, backup);
        }
    }

    static RemoteCommand moveCommand(String from, String to) {
        return RemoteCommand.of("mv", "-T", from, to);
    }

    static RemoteCommand mkdirCommand(String dir) {
        return RemoteCommand.of("mkdir", "-p", dir);
    }

    static RemoteCommand copyCommand(String from, String to) {
        return RemoteCommand.of("cp", "-p", "-T", from, to);
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
