package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.audit.AuditTrail;
import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.ssh.AtomicWrite;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.FanOut;
import io.jenkins.plugins.certrecovery.ssh.HostOutcome;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.RemoteHost;
import io.jenkins.plugins.certrecovery.ssh.ScriptFile;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one run of the engine works with: the inventory, the connections, where to report, the audit trail, the options, the
 * clock and the run's id. Every remote command and file change of every operation goes through here, so each is reported, audited,
 * masked and checked for cancellation in one place. The caller owns the audit trail: it records the run's start and end and closes it.
 */
public final class RecoveryContext {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Inventory inventory;
    private final ClusterHosts hosts;
    private final RecoveryListener listener;
    private final RecoveryOptions options;
    private final AuditTrail audit;
    private final Clock clock;
    private final Instant started;
    private final String runId;

    /**
     * @param listener where progress goes (null: nowhere)
     * @param options  how to run (null: {@link RecoveryOptions#defaults()})
     * @param audit    the audit trail of this run (null: none)
     * @param clock    the clock for the run id, backup names, reasons and expiry checks (null: system UTC)
     */
    public RecoveryContext(Inventory inventory, ClusterHosts hosts, RecoveryListener listener, RecoveryOptions options,
                           AuditTrail audit, Clock clock) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.listener = listener == null ? RecoveryListener.SILENT : listener;
        this.options = options == null ? RecoveryOptions.defaults() : options;
        this.audit = audit;
        this.clock = clock == null ? Clock.systemUTC() : clock;
        this.started = this.clock.instant();
        this.runId = RUN_ID.format(started);
    }

    /** A context without an audit trail. */
    public RecoveryContext(Inventory inventory, ClusterHosts hosts, RecoveryListener listener, RecoveryOptions options, Clock clock) {
        this(inventory, hosts, listener, options, null, clock);
    }

    /** A context on the system clock. */
    public RecoveryContext(Inventory inventory, ClusterHosts hosts, RecoveryListener listener, RecoveryOptions options,
                           AuditTrail audit) {
        this(inventory, hosts, listener, options, audit, Clock.systemUTC());
    }

    public Inventory inventory() {
        return inventory;
    }

    public ClusterHosts hosts() {
        return hosts;
    }

    public RecoveryListener listener() {
        return listener;
    }

    public RecoveryOptions options() {
        return options;
    }

    public Clock clock() {
        return clock;
    }

    /** When this run started: it names the backups and dates the redeploy reason, so a plan shows exactly what execute uses. */
    public Instant started() {
        return started;
    }

    /** This run's id (UTC start time, e.g. {@code 20261126T154433Z}): it names the backup directory on every host. */
    public String runId() {
        return runId;
    }

    public SecretMasker masker() {
        return hosts.masker();
    }

    /** The audit trail, if the caller gave one. */
    public java.util.Optional<AuditTrail> audit() {
        return java.util.Optional.ofNullable(audit);
    }

    /**
     * Runs one operation with its start and end reported to the listener and the audit trail: what the CLI's subcommands and the
     * Jenkins steps call for a single operation (the whole procedure does the same for each of its operations).
     */
    public <R> R perform(RecoveryOperation<R> operation) throws RecoveryException, InterruptedException {
        long start = System.nanoTime();
        listener.operationStarted(operation.name(), "");
        if (audit != null) {
            audit.operationStarted(operation.name(), "");
        }
        boolean succeeded = false;
        String outcome = "cancelled";
        try {
            R result = operation.execute();
            succeeded = true;
            outcome = OperationOutcome.describe(result);
            return result;
        } catch (RecoveryException e) {
            outcome = e.getMessage();
            throw e;
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            listener.operationFinished(operation.name(), succeeded, masker().mask(outcome), took);
            if (audit != null) {
                audit.operationFinished(operation.name(), succeeded, outcome, took);
            }
        }
    }

    /** A warning for the user and the audit trail. */
    public void warning(String text) {
        listener.warning(masker().mask(text));
        if (audit != null) {
            audit.warning(text);
        }
    }

    /** Records a changed file in the audit trail (the listener already got a line). */
    void fileChanged(ClusterNode node, String path, String change, String backup) {
        if (audit != null) {
            audit.fileChanged(node.name(), path, change, backup);
        }
    }

    public HostLayout layout(ClusterNode node) {
        return inventory.layout(node);
    }

    /** The first master: the recovery API server, the lock and the checkpoint live there, and every {@code oc} runs there. */
    public ClusterNode firstMaster() {
        return inventory.firstMaster();
    }

    /** Runs a command; a non-zero exit is returned, not thrown. */
    public CommandResult run(ClusterNode node, String step, RemoteCommand command) throws RecoveryException, InterruptedException {
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
    public CommandResult require(ClusterNode node, String step, RemoteCommand command) throws RecoveryException, InterruptedException {
        CommandResult result = run(node, step, command);
        if (!result.succeeded()) {
            throw new RecoveryException(node.name(), step, "`" + masker().mask(command.summary()) + "` exited with "
                    + result.exitCode() + ": " + errorText(result));
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
            throw new RecoveryException(node.name(), step, "cannot read " + path + ": " + masker().mask(e.getMessage()), e);
        }
    }

    HostScript replaceFileScript(ClusterNode node, String path, int mode) {
        String backup = backupPath(node, path);
        String differs = path + " exists with other content";
        return new HostScript("replace " + path, AtomicWrite.command(path, mode, backup), List.of(
                HostScript.Step.describe("compare the new content with " + path + " (cmp -s)"),
                HostScript.Step.run(mkdirCommand(parentOf(backup))).onlyIf(differs),
                HostScript.Step.run(copyCommand(path, backup)).onlyIf(differs),
                HostScript.Step.describe("write " + path + " (mode " + String.format("%04o", mode)
                        + ", atomically: a temporary file beside it renamed over it)").onlyIf(path + " is missing or has other content")));
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
        CommandResult result = run(node, step, replaceFileScript(node, path, mode).command().withStdin(content));
        if (!result.succeeded()) {
            String why = AtomicWrite.exit(result.exitCode()).map(exit -> switch (exit) {
                case TEMPORARY_FAILED -> "cannot write a temporary file beside " + path + "; nothing changed";
                case BACKUP_FAILED -> "cannot copy " + path + " into the backup " + backup + "; nothing changed";
                case RENAME_FAILED -> "cannot put the new " + path + " in place; the previous file is unchanged"
                        + (result.stdout().contains("backed-up") ? " (a copy is in " + backup + ")" : "");
                case DONE -> null;
            }).orElse("replacing " + path + " failed (exit " + result.exitCode() + "); the previous file is unchanged");
            throw new RecoveryException(node.name(), step, why + ": " + errorText(result));
        }
        AtomicWrite.Outcome outcome = AtomicWrite.Outcome.of(result);
        if (outcome == AtomicWrite.Outcome.UNCHANGED) {
            listener.hostLine(node.name(), path + " already has the wanted content; left as it is");
            return null;
        }
        String kept = outcome == AtomicWrite.Outcome.WRITTEN_AFTER_BACKUP ? backup : "";
        listener.hostLine(node.name(), "wrote " + path + (kept.isEmpty() ? " (new file)" : " (previous content kept in " + kept + ")"));
        fileChanged(node, path, "written", kept);
        return kept;
    }

    /**
     * Writes one of this tool's own files under {@link HostLayout#stateDir()} (lock owner, checkpoint) atomically, without a backup:
     * no cluster file is ever written this way.
     */
    public void writeStateFile(ClusterNode node, String step, String path, byte[] content) throws RecoveryException, InterruptedException {
        if (!path.startsWith(layout(node).stateDir() + "/")) {
            throw new IllegalArgumentException(path + " is not under the state directory " + layout(node).stateDir());
        }
        checkCancelled();
        try {
            host(node, step).writeFile(path, content, 0600);
        } catch (SshException e) {
            throw new RecoveryException(node.name(), step, "cannot write " + path + ": " + masker().mask(e.getMessage()), e);
        }
        fileChanged(node, path, "written (this tool's state)", null);
    }

    /** The step {@link #replaceFile} takes, for plans. */
    public PlanStep replaceFilePlan(ClusterNode node, String path, int mode) {
        return PlanStep.run(node.name(), replaceFileScript(node, path, mode));
    }

    /** {@link #moveToBackup} on the host, in one round trip. */
    private static final ScriptFile<MoveExit> MOVE_TO_BACKUP = ScriptFile.load("move-to-backup.sh", MoveExit.class);

    /** The exit codes of {@code move-to-backup.sh}. */
    enum MoveExit { MOVED, MOVE_FAILED }

    /** Where a {@code moved FROM -> WHERE} line of {@code keep-function.sh} says FROM went, or null for another line. */
    static String movedTo(String line) {
        int arrow = line.indexOf(" -> ");
        return line.startsWith("moved ") && arrow > 0 ? line.substring(arrow + 4) : null;
    }

    HostScript moveToBackupScript(ClusterNode node, String path) {
        String backup = backupPath(node, path);
        return HostScript.of("move " + path + " into the backup", MOVE_TO_BACKUP, false, List.of(path, backup), List.of(
                HostScript.Step.run(mkdirCommand(parentOf(backup))),
                HostScript.Step.run(moveCommand(path, backup)).onlyIf(backup + " is free (else to " + backup + ".N)")));
    }

    /** Moves a file or directory into this run's backup directory (the documented procedure deletes it; we keep it). */
    public String moveToBackup(ClusterNode node, String step, String path) throws RecoveryException, InterruptedException {
        CommandResult result = run(node, step, moveToBackupScript(node, path).command());
        if (MOVE_TO_BACKUP.exit(result.exitCode()).orElse(MoveExit.MOVE_FAILED) != MoveExit.MOVED) {
            throw new RecoveryException(node.name(), step, "cannot move " + path + " into the backup " + backupPath(node, path)
                    + " (exit " + result.exitCode() + "); it is where it was: " + errorText(result));
        }
        String backup = result.stdout().lines().map(RecoveryContext::movedTo).filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> new RecoveryException(node.name(), step, "moving " + path + " into the backup printed no destination"));
        listener.hostLine(node.name(), "moved " + path + " to " + backup);
        fileChanged(node, path, "moved", backup);
        return backup;
    }

    /** The step {@link #moveToBackup} takes, for plans. */
    public PlanStep moveToBackupPlan(ClusterNode node, String path) {
        return PlanStep.run(node.name(), moveToBackupScript(node, path));
    }

    /** Prints a file when it exists: one read-only round trip instead of a test and a read. */
    private static final ScriptFile<ReadExit> READ_IF_EXISTS = ScriptFile.load("read-if-exists.sh", ReadExit.class);

    /** The exit codes of {@code read-if-exists.sh}. */
    enum ReadExit { PRINTED, UNREADABLE, MISSING }

    static HostScript readIfExistsScript(String path) {
        return HostScript.of("read " + path, READ_IF_EXISTS, true, List.of(path),
                List.of(HostScript.Step.run(existsCommand(path)), HostScript.Step.run(RemoteCommand.readOnly("cat", "--", path))
                        .onlyIf(path + " exists")));
    }

    /** A text file's content, or nothing when it does not exist. */
    public java.util.Optional<String> readIfExists(ClusterNode node, String step, String path) throws RecoveryException, InterruptedException {
        CommandResult result = run(node, step, readIfExistsScript(path).command());
        ReadExit exit = READ_IF_EXISTS.exit(result.exitCode()).orElse(ReadExit.UNREADABLE);
        return switch (exit) {
            case PRINTED -> java.util.Optional.of(result.stdout());
            case MISSING -> java.util.Optional.empty();
            case UNREADABLE -> throw new RecoveryException(node.name(), step, "cannot read " + path + " (exit " + result.exitCode()
                    + "): " + errorText(result));
        };
    }

    static RemoteCommand moveCommand(String from, String to) {
        return RemoteCommand.of("mv", "-T", from, to);
    }

    /** Where a host path is kept in this run's backup directory: the same path below {@link HostLayout#backupDir(String)}. */
    public String backupPath(ClusterNode node, String path) {
        HostLayout layout = layout(node);
        String relative = path.startsWith(layout.prefix() + "/") ? path.substring(layout.prefix().length()) : path;
        return layout.backupDir(runId) + relative;
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

    /** Checks one state, returning null when the wait is over or a line describing the current state (e.g. the last error). */
    @FunctionalInterface
    public interface Probe {
        String check() throws RecoveryException, InterruptedException;
    }

    /**
     * Probes until the probe says done, reporting progress at least every {@link RecoveryOptions#progressInterval()}.
     *
     * @throws RecoveryException when the timeout passes, with the last state the probe reported
     */
    public void await(ClusterNode node, String step, String waitingFor, Duration timeout, Probe probe)
            throws RecoveryException, InterruptedException {
        long start = System.nanoTime();
        long lastProgress = start;
        listener.progress(waitingFor, Duration.ZERO, timeout, "started");
        while (true) {
            String state = probe.check();
            if (state == null) {
                return;
            }
            long now = System.nanoTime();
            Duration elapsed = Duration.ofNanos(now - start);
            if (elapsed.compareTo(timeout) >= 0) {
                throw new RecoveryException(node == null ? null : node.name(), step, "timed out after " + human(timeout)
                        + " waiting for " + waitingFor + "; last state: " + masker().mask(state));
            }
            if (Duration.ofNanos(now - lastProgress).compareTo(options.progressInterval()) >= 0) {
                listener.progress(waitingFor, elapsed, timeout, masker().mask(state));
                lastProgress = now;
            }
            Duration pause = options.pollInterval();
            Duration left = timeout.minus(elapsed);
            Thread.sleep(Math.max(1, (pause.compareTo(left) < 0 ? pause : left).toMillis()));
        }
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s >= 86400 && s % 86400 == 0) {
            return s / 86400 + (s == 86400 ? " day" : " days");
        }
        if (s >= 3600 && s % 3600 == 0) {
            return s / 3600 + " h";
        }
        return s >= 60 && s % 60 == 0 ? s / 60 + " min" : s > 0 ? s + " s" : d.toMillis() + " ms";
    }

    /** Work on one host. */
    @FunctionalInterface
    public interface HostTask<T> {
        T run(ClusterNode node) throws RecoveryException, InterruptedException;
    }

    /**
     * Runs a task on each node, at most {@code parallelism} at once (through the transport's {@link FanOut}), and keeps every host's
     * outcome (one failure never hides the others). With a parallelism of 1 the nodes are done one after another in order, and the
     * first failure stops the rest. Cancelling the calling thread interrupts every running task.
     */
    public <T> List<HostOutcome<T>> onHosts(List<ClusterNode> nodes, int parallelism, HostTask<T> task) throws InterruptedException {
        if (parallelism > 1 && nodes.size() > 1) {
            return new FanOut(parallelism).run(nodes, ClusterNode::name, task::run);
        }
        List<HostOutcome<T>> outcomes = new ArrayList<>();
        for (ClusterNode node : nodes) {
            try {
                outcomes.add(new HostOutcome<>(node.name(), task.run(node), null));
            } catch (RecoveryException e) {
                outcomes.add(new HostOutcome<>(node.name(), null, e));
                break;
            }
        }
        return outcomes;
    }

    /** A fan-out failure as a recovery error naming its host. */
    public RecoveryException failureOf(HostOutcome<?> outcome) {
        if (outcome.failure() instanceof RecoveryException e) {
            return e;
        }
        return new RecoveryException(outcome.host(), "unexpected error", masker().mask(String.valueOf(outcome.failure())),
                outcome.failure());
    }

    /** The first failure of a fan-out, with the other hosts' failures attached; nothing when all succeeded. */
    public <T> void throwIfAnyFailed(List<HostOutcome<T>> outcomes) throws RecoveryException, InterruptedException {
        RecoveryException first = null;
        for (HostOutcome<T> outcome : outcomes) {
            if (outcome.failure() instanceof InterruptedException e) {
                throw e;
            }
            if (!outcome.succeeded()) {
                if (first == null) {
                    first = failureOf(outcome);
                } else {
                    first.addSuppressed(failureOf(outcome));
                }
            }
        }
        if (first != null) {
            throw first;
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
