package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.RemoteHost;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Everything one run of the engine works with: the inventory, the connections, where to report, the options, the clock and the run's
 * id. Every remote command and file change of every operation goes through here, so each is reported, masked and checked for
 * cancellation in one place.
 */
public final class RecoveryContext {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Inventory inventory;
    private final ClusterHosts hosts;
    private final RecoveryListener listener;
    private final RecoveryOptions options;
    private final Clock clock;
    private final String runId;

    public RecoveryContext(Inventory inventory, ClusterHosts hosts, RecoveryListener listener, RecoveryOptions options, Clock clock) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.listener = listener == null ? RecoveryListener.SILENT : listener;
        this.options = options == null ? RecoveryOptions.defaults() : options;
        this.clock = clock == null ? Clock.systemUTC() : clock;
        this.runId = RUN_ID.format(this.clock.instant());
    }

    /** A context on the system clock. */
    public RecoveryContext(Inventory inventory, ClusterHosts hosts, RecoveryListener listener, RecoveryOptions options) {
        this(inventory, hosts, listener, options, Clock.systemUTC());
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

    /** This run's id (UTC start time, e.g. {@code 20261126T154433Z}): it names the backup directory on every host. */
    public String runId() {
        return runId;
    }

    public SecretMasker masker() {
        return hosts.masker();
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
        listener.hostLine(node.name(), "$ " + masker().mask(command.display()));
        try {
            return host(node, step).run(command);
        } catch (SshException e) {
            throw new RecoveryException(node.name(), step, masker().mask(e.getMessage()), e);
        }
    }

    /** Runs a command that must succeed: a non-zero exit fails the step with the command's error output. */
    public CommandResult require(ClusterNode node, String step, RemoteCommand command) throws RecoveryException, InterruptedException {
        CommandResult result = run(node, step, command);
        if (!result.succeeded()) {
            throw new RecoveryException(node.name(), step, "`" + masker().mask(String.join(" ", command.argv())) + "` exited with "
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

    /**
     * Replaces a file atomically after copying what was there into this run's backup directory. Nothing happens when the file already
     * has exactly this content.
     *
     * @return the backup path, "" when there was no file before, or null when nothing changed
     */
    public String replaceFile(ClusterNode node, String step, String path, byte[] content, int mode)
            throws RecoveryException, InterruptedException {
        String backup = "";
        if (exists(node, step, path)) {
            if (Arrays.equals(read(node, step, path), content)) {
                listener.hostLine(node.name(), path + " already has the wanted content; left as it is");
                return null;
            }
            backup = backupPath(node, path);
            require(node, step, mkdirCommand(parentOf(backup)));
            require(node, step, copyCommand(path, backup));
        }
        checkCancelled();
        try {
            host(node, step).writeFile(path, content, mode);
        } catch (SshException e) {
            throw new RecoveryException(node.name(), step, "cannot write " + path + ": " + masker().mask(e.getMessage())
                    + (backup.isEmpty() ? "" : " (the previous file is unchanged; a copy is in " + backup + ")"), e);
        }
        listener.hostLine(node.name(), "wrote " + path + (backup.isEmpty() ? " (new file)" : " (previous content kept in " + backup + ")"));
        return backup;
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
    }

    /** The steps {@link #replaceFile} takes, for plans. */
    public List<PlanStep> replaceFilePlan(ClusterNode node, String path, int mode) {
        String backup = backupPath(node, path);
        String when = path + " exists with other content";
        return List.of(PlanStep.run(node.name(), existsCommand(path)),
                PlanStep.run(node.name(), mkdirCommand(parentOf(backup))).onlyIf(when),
                PlanStep.run(node.name(), copyCommand(path, backup)).onlyIf(when),
                PlanStep.write(node.name(), path, mode).onlyIf(path + " is missing or has other content"));
    }

    /** Moves a file or directory into this run's backup directory (the documented procedure deletes it; we keep it). */
    public String moveToBackup(ClusterNode node, String step, String path) throws RecoveryException, InterruptedException {
        String backup = backupPath(node, path);
        require(node, step, mkdirCommand(parentOf(backup)));
        if (exists(node, step, backup)) {
            // a resumed run already moved one copy here; keep both
            backup = backup + "." + clock.millis();
        }
        require(node, step, moveCommand(path, backup));
        listener.hostLine(node.name(), "moved " + path + " to " + backup);
        return backup;
    }

    /** The steps {@link #moveToBackup} takes, for plans. */
    public List<PlanStep> moveToBackupPlan(ClusterNode node, String path) {
        String backup = backupPath(node, path);
        return List.of(PlanStep.run(node.name(), mkdirCommand(parentOf(backup))),
                PlanStep.run(node.name(), existsCommand(backup)),
                PlanStep.run(node.name(), moveCommand(path, backup)));
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
        return s >= 60 && s % 60 == 0 ? s / 60 + " min" : s > 0 ? s + " s" : d.toMillis() + " ms";
    }

    /** Work on one host. */
    @FunctionalInterface
    public interface HostTask<T> {
        T run(ClusterNode node) throws RecoveryException, InterruptedException;
    }

    /** The outcome on one host: a value, or the error that stopped it there. */
    public record HostOutcome<T>(ClusterNode node, T value, RecoveryException error) {
        public boolean succeeded() {
            return error == null;
        }
    }

    /**
     * Runs a task on each node, at most {@code parallelism} at once, and keeps every host's outcome (one failure never hides the others).
     * With a parallelism of 1 the nodes are done one after another in order, and the first failure stops the rest.
     * Cancelling the calling thread interrupts every running task.
     */
    public <T> List<HostOutcome<T>> onHosts(List<ClusterNode> nodes, int parallelism, HostTask<T> task) throws InterruptedException {
        List<HostOutcome<T>> outcomes = new ArrayList<>();
        if (parallelism <= 1 || nodes.size() <= 1) {
            for (ClusterNode node : nodes) {
                try {
                    outcomes.add(new HostOutcome<>(node, task.run(node), null));
                } catch (RecoveryException e) {
                    outcomes.add(new HostOutcome<>(node, null, e));
                    break;
                }
            }
            return outcomes;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, nodes.size()));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (ClusterNode node : nodes) {
                futures.add(pool.submit(() -> task.run(node)));
            }
            for (int i = 0; i < nodes.size(); i++) {
                try {
                    outcomes.add(new HostOutcome<>(nodes.get(i), futures.get(i).get(), null));
                } catch (ExecutionException e) {
                    outcomes.add(new HostOutcome<>(nodes.get(i), null, asRecoveryException(nodes.get(i), e.getCause())));
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private RecoveryException asRecoveryException(ClusterNode node, Throwable cause) {
        if (cause instanceof RecoveryException e) {
            return e;
        }
        if (cause instanceof InterruptedException) {
            return new RecoveryException(node.name(), "cancelled", "the run was cancelled", cause);
        }
        return new RecoveryException(node.name(), "unexpected error", masker().mask(String.valueOf(cause)), cause);
    }

    /** The first failure of a fan-out, with the other hosts' failures attached; nothing when all succeeded. */
    public static <T> void throwIfAnyFailed(List<HostOutcome<T>> outcomes) throws RecoveryException {
        RecoveryException first = null;
        for (HostOutcome<T> outcome : outcomes) {
            if (!outcome.succeeded()) {
                if (first == null) {
                    first = outcome.error();
                } else {
                    first.addSuppressed(outcome.error());
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
