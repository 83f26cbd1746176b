package io.jenkins.plugins.certrecovery.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.ScriptFile;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The cluster lock: a directory {@link io.jenkins.plugins.certrecovery.cluster.HostLayout#lockFile()} on the first master, created with
 * {@code mkdir} (atomic: of two runs exactly one succeeds) and holding {@code owner.json} (owner, start time, run id). A second run is
 * refused with the owner's name. A lock left by a dead run is removed only with {@link RecoveryOptions#forceUnlock()}, and then moved
 * into the backup directory rather than deleted. A holder that spans several connections (a Jenkins block around many steps) takes
 * it under a token it keeps; work under that holder {@linkplain #reenter re-enters} it by the token, checked on the host.
 *
 * <p>Longer than 300 lines on purpose: taking it, re-entering it by token, detecting a takeover and releasing it on
 * interrupt all read and write the one on-host format of the lock.
 */
public final class ClusterLock implements AutoCloseable {
    static final String OWNER_FILE = "owner.json";

    private final RecoveryContext context;
    private final ClusterNode node;
    /** Tells this acquisition apart from any other, also of the same run id (a forced unlock hands the lock to someone else). */
    private final String token;

    private boolean held;

    private ClusterLock(RecoveryContext context) {
        this(context, java.util.UUID.randomUUID().toString());
    }

    private ClusterLock(RecoveryContext context, String token) {
        this.context = context;
        this.node = context.firstMaster();
        this.token = token;
    }

    private String lockDir() {
        return context.layout(node).lockFile();
    }

    /** Takes the lock in one round trip ({@code scripts/take-lock.sh}): {@code mkdir} is the atomic test-and-set. */
    private static final ScriptFile<TakeExit> TAKE = ScriptFile.load("take-lock.sh", TakeExit.class);

    /** The exit codes of {@code take-lock.sh}. */
    enum TakeExit {
        TAKEN,
        HELD,
        NOT_MADE,
        OWNER_NOT_WRITTEN
    }

    private HostScript takeScript() {
        String stateDir = context.layout(node).stateDir();
        return HostScript.of(
                "take the cluster lock",
                TAKE,
                false,
                List.of(stateDir, lockDir(), ownerFile()),
                List.of(
                        HostScript.Step.run(RemoteCommand.of("install", "-d", "-m", "0700", stateDir)),
                        HostScript.Step.run(RemoteCommand.of("mkdir", lockDir())),
                        HostScript.Step.describe(
                                        "write " + ownerFile() + " (mode 0600: owner, start time, run id, token)")
                                .onlyIf("mkdir took the lock")));
    }

    /**
     * Releases the lock in one round trip, and only when it is still this acquisition's ({@code scripts/release-lock.sh}): the
     * ownership test and the removal are one command, so a failed read can never leave the cluster locked.
     */
    private static final ScriptFile<ReleaseExit> RELEASE = ScriptFile.load("release-lock.sh", ReleaseExit.class);

    /** The exit codes of {@code release-lock.sh}. */
    enum ReleaseExit {
        RELEASED,
        NO_LOCK,
        NOT_OURS,
        NO_TOKEN,
        NOT_REMOVED
    }

    private HostScript releaseScript() {
        return HostScript.of(
                "release the cluster lock",
                RELEASE,
                true,
                List.of(ownerFile(), lockDir()),
                List.of(
                        HostScript.Step.describe("check that " + ownerFile() + " holds this run's token"),
                        HostScript.Step.run(RemoteCommand.of("rm", "-f", ownerFile()))
                                .onlyIf("the lock is still this run's"),
                        HostScript.Step.run(RemoteCommand.of("rmdir", lockDir()))
                                .onlyIf("the lock is still this run's")));
    }

    private String ownerFile() {
        return lockDir() + "/" + OWNER_FILE;
    }

    /** The steps of {@link #forRun}, for plans: none inside a block that holds the lock (re-entering it only reads). */
    static List<PlanStep> plan(RecoveryContext context) {
        if (context.blockLockToken().isPresent()) {
            return List.of();
        }
        ClusterLock lock = new ClusterLock(context);
        return List.of(PlanStep.run(lock.node.name(), lock.takeScript()));
    }

    /** The steps of closing the lock of {@link #forRun}, for plans: none inside a block, whose lock stays held. */
    static List<PlanStep> releasePlan(RecoveryContext context) {
        if (context.blockLockToken().isPresent()) {
            return List.of();
        }
        ClusterLock lock = new ClusterLock(context);
        String name = lock.node.name();
        return List.of(PlanStep.run(name, lock.releaseScript()));
    }

    /**
     * The lock for work that changes the cluster in this run: the enclosing block's, re-entered by its token, inside one (closing it
     * leaves it to the block); otherwise taken, and released on close.
     */
    static ClusterLock forRun(RecoveryContext context) throws RecoveryException, InterruptedException {
        Optional<String> block = context.blockLockToken();
        return block.isPresent() ? reenter(context, block.get()) : acquire(context);
    }

    /**
     * Takes the lock.
     *
     * @throws RecoveryException naming the owner when another run holds it (and {@link RecoveryOptions#forceUnlock()} is off)
     */
    public static ClusterLock acquire(RecoveryContext context) throws RecoveryException, InterruptedException {
        ClusterLock lock = new ClusterLock(context);
        lock.take();
        return lock;
    }

    /**
     * Takes the lock under a token the caller keeps (unique per acquisition), so that work started later, over other connections,
     * can {@link #reenter} it and the holder can {@link #release} it at its end.
     */
    static ClusterLock acquire(RecoveryContext context, String token) throws RecoveryException, InterruptedException {
        ClusterLock lock = new ClusterLock(context, token);
        lock.take();
        return lock;
    }

    /**
     * Works under the lock a holder took with this token, after checking on the host that the lock is there and still holds it.
     * Closing the returned lock leaves the lock to its holder.
     *
     * @throws RecoveryException when the lock is gone or another run's
     */
    static ClusterLock reenter(RecoveryContext context, String token) throws RecoveryException, InterruptedException {
        ClusterLock lock = new ClusterLock(context, token);
        String step = "lock";
        Optional<String> owner = context.executor().readIfExists(lock.node, step, lock.ownerFile());
        String held;
        try {
            held = owner.isEmpty()
                    ? null
                    : Oc.JSON.readTree(owner.get()).path("token").asText(null);
        } catch (IOException e) {
            held = null;
        }
        if (!token.equals(held)) {
            throw new RecoveryException(
                    lock.node.name(),
                    step,
                    owner.isEmpty()
                            ? "the cluster lock this work should run under is gone (" + lock.lockDir()
                                    + "); start the enclosing block again"
                            : "the cluster lock " + lock.lockDir() + " is no longer the enclosing block's: "
                                    + lock.readOwner().owner() + " holds it");
        }
        context.listener()
                .hostLine(
                        lock.node.name(),
                        "working under the cluster lock of " + context.options().owner()
                                + " (re-entered by its token)");
        return lock;
    }

    /** Releases the lock taken with {@link #acquire(RecoveryContext, String)} under this token, from any connection. */
    static void release(RecoveryContext context, String token) throws RecoveryException {
        ClusterLock lock = new ClusterLock(context, token);
        lock.held = true;
        lock.close();
    }

    /** Who holds the lock on this cluster now, if anyone. */
    public static Optional<LockOwner> holder(RecoveryContext context) throws RecoveryException, InterruptedException {
        ClusterLock lock = new ClusterLock(context);
        return context.executor().exists(lock.node, "lock", lock.lockDir())
                ? Optional.of(lock.readOwner())
                : Optional.empty();
    }

    private void take() throws RecoveryException, InterruptedException {
        String step = "lock";
        CommandResult taken = tryTake(step);
        if (takeExit(taken) == TakeExit.HELD) {
            LockOwner owner = readOwner();
            String who = owner.owner() + " since " + owner.since() + " (run " + owner.runId() + ")";
            if (!context.options().forceUnlock()) {
                throw new RecoveryException(
                        node.name(),
                        step,
                        "the cluster is locked by " + who + "; if that run is still going, wait "
                                + "for it; if it is dead, run again with force-unlock (the lock is " + lockDir() + ")");
            }
            String moved = context.backups().moveToBackup(node, step, lockDir());
            context.warning("force-unlock: removed the lock of " + who + " (kept in " + moved + ")");
            taken = tryTake(step);
        }
        if (takeExit(taken) != TakeExit.TAKEN) {
            throw new RecoveryException(
                    node.name(),
                    step,
                    "cannot take the lock " + lockDir() + " (exit " + taken.exitCode() + "; no lock "
                            + "was left behind): " + context.executor().errorText(taken));
        }
        held = true;
        context.backups().stateFileWritten(node, ownerFile());
        context.listener()
                .hostLine(
                        node.name(),
                        "took the cluster lock " + lockDir() + " for "
                                + context.options().owner());
    }

    private static TakeExit takeExit(CommandResult taken) {
        return TAKE.exit(taken.exitCode()).orElse(TakeExit.NOT_MADE);
    }

    private CommandResult tryTake(String step) throws RecoveryException, InterruptedException {
        ObjectNode json = Oc.JSON.createObjectNode();
        json.put("owner", context.options().owner())
                .put("since", context.clock().instant().toString())
                .put("runId", context.runId())
                .put("token", token);
        try {
            return context.executor()
                    .run(node, step, takeScript().command().withStdin(Oc.JSON.writeValueAsBytes(json)));
        } catch (IOException e) {
            throw new IllegalStateException("a four-field JSON object cannot fail to serialise", e);
        }
    }

    private LockOwner readOwner() throws InterruptedException {
        try {
            JsonNode json = ownerJson();
            return new LockOwner(
                    json.path("owner").asText("unknown"),
                    Instant.parse(json.path("since").asText("1970-01-01T00:00:00Z")),
                    json.path("runId").asText("unknown"));
        } catch (RecoveryException | IOException | RuntimeException e) {
            // a run that died between mkdir and writing its owner leaves an empty lock
            return new LockOwner("an unknown run (no readable " + OWNER_FILE + ")", Instant.EPOCH, "unknown");
        }
    }

    private JsonNode ownerJson() throws RecoveryException, InterruptedException, IOException {
        String text = context.executor()
                .readIfExists(node, "lock", ownerFile())
                .orElseThrow(() -> new IOException("no " + OWNER_FILE));
        return Oc.JSON.readTree(text);
    }

    /**
     * Releases the lock. Runs even when the calling thread was cancelled (the interrupt is set again afterwards), so Ctrl-C or a
     * Jenkins abort never leaves the cluster locked.
     */
    @Override
    public void close() throws RecoveryException {
        if (!held) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            CommandResult released = context.executor()
                    .run(
                            node,
                            "unlock",
                            releaseScript()
                                    .command()
                                    .withStdin((token + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            ReleaseExit exit = RELEASE.exit(released.exitCode()).orElse(ReleaseExit.NOT_REMOVED);
            if (exit == ReleaseExit.NOT_OURS) {
                held = false;
                context.warning("the cluster lock was taken over by another run (force-unlock); left to it");
                return;
            }
            if (exit != ReleaseExit.RELEASED && exit != ReleaseExit.NO_LOCK) {
                throw new RecoveryException(
                        node.name(),
                        "unlock",
                        "cannot release the lock " + lockDir() + " (exit " + released.exitCode() + "): "
                                + context.executor().errorText(released)
                                + "; remove it by hand once no run is going, or run again with force-unlock");
            }
            held = false;
            context.listener().hostLine(node.name(), "released the cluster lock");
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
