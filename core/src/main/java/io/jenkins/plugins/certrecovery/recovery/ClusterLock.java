package io.jenkins.plugins.certrecovery.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The cluster lock: a directory {@link io.jenkins.plugins.certrecovery.cluster.HostLayout#lockFile()} on the first master, created with
 * {@code mkdir} (atomic: of two runs exactly one succeeds) and holding {@code owner.json} (owner, start time, run id). A second run is
 * refused with the owner's name. A lock left by a dead run is removed only with {@link RecoveryOptions#forceUnlock()}, and then moved
 * into the backup directory rather than deleted.
 */
public final class ClusterLock implements AutoCloseable {
    static final String OWNER_FILE = "owner.json";

    private final RecoveryContext context;
    private final ClusterNode node;
    /** Tells this acquisition apart from any other, also of the same run id (a forced unlock hands the lock to someone else). */
    private final String token = java.util.UUID.randomUUID().toString();
    private boolean held;

    private ClusterLock(RecoveryContext context) {
        this.context = context;
        this.node = context.firstMaster();
    }

    private String lockDir() {
        return context.layout(node).lockFile();
    }

    private RemoteCommand makeStateDir() {
        return RemoteCommand.of("install", "-d", "-m", "0700", context.layout(node).stateDir());
    }

    private RemoteCommand makeLockDir() {
        return RemoteCommand.of("mkdir", lockDir());
    }

    /** The steps of {@link #acquire} and {@link #close}, for plans. */
    static List<PlanStep> plan(RecoveryContext context) {
        ClusterLock lock = new ClusterLock(context);
        String name = lock.node.name();
        return List.of(PlanStep.run(name, lock.makeStateDir()), PlanStep.run(name, lock.makeLockDir()),
                PlanStep.write(name, lock.lockDir() + "/" + OWNER_FILE, 0600));
    }

    static List<PlanStep> releasePlan(RecoveryContext context) {
        ClusterLock lock = new ClusterLock(context);
        String name = lock.node.name();
        return List.of(PlanStep.run(name, RecoveryContext.existsCommand(lock.lockDir() + "/" + OWNER_FILE)),
                PlanStep.run(name, lock.removeOwner()).onlyIf("the lock is still this run's"),
                PlanStep.run(name, lock.removeLockDir()).onlyIf("the lock is still this run's"));
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

    /** Who holds the lock on this cluster now, if anyone. */
    public static Optional<LockOwner> holder(RecoveryContext context) throws RecoveryException, InterruptedException {
        ClusterLock lock = new ClusterLock(context);
        return context.exists(lock.node, "lock", lock.lockDir()) ? Optional.of(lock.readOwner()) : Optional.empty();
    }

    private void take() throws RecoveryException, InterruptedException {
        String step = "lock";
        context.require(node, step, makeStateDir());
        if (!context.run(node, step, makeLockDir()).succeeded()) {
            LockOwner owner = readOwner();
            String who = owner.owner() + " since " + owner.since() + " (run " + owner.runId() + ")";
            if (!context.options().forceUnlock()) {
                throw new RecoveryException(node.name(), step, "the cluster is locked by " + who + "; if that run is still going, wait "
                        + "for it; if it is dead, run again with force-unlock (the lock is " + lockDir() + ")");
            }
            String moved = context.moveToBackup(node, step, lockDir());
            context.warning("force-unlock: removed the lock of " + who + " (kept in " + moved + ")");
            context.require(node, step, makeLockDir());
        }
        held = true;
        ObjectNode json = Oc.JSON.createObjectNode();
        json.put("owner", context.options().owner()).put("since", context.clock().instant().toString()).put("runId", context.runId())
                .put("token", token);
        try {
            context.writeStateFile(node, step, lockDir() + "/" + OWNER_FILE, Oc.JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new IllegalStateException("a three-field JSON object cannot fail to serialise", e);
        }
        context.listener().hostLine(node.name(), "took the cluster lock " + lockDir() + " for " + context.options().owner());
    }

    private LockOwner readOwner() throws InterruptedException {
        try {
            JsonNode json = ownerJson();
            return new LockOwner(json.path("owner").asText("unknown"), Instant.parse(json.path("since").asText("1970-01-01T00:00:00Z")),
                    json.path("runId").asText("unknown"));
        } catch (RecoveryException | IOException | RuntimeException e) {
            // a run that died between mkdir and writing its owner leaves an empty lock
            return new LockOwner("an unknown run (no readable " + OWNER_FILE + ")", Instant.EPOCH, "unknown");
        }
    }

    private JsonNode ownerJson() throws RecoveryException, InterruptedException, IOException {
        return Oc.JSON.readTree(new String(context.read(node, "lock", lockDir() + "/" + OWNER_FILE), StandardCharsets.UTF_8));
    }

    /** Whether the lock on the host is still this one (a forced unlock by another run takes it over). */
    private boolean stillOurs() throws InterruptedException {
        try {
            return context.exists(node, "unlock", lockDir() + "/" + OWNER_FILE) && token.equals(ownerJson().path("token").asText());
        } catch (RecoveryException | IOException e) {
            return false;
        }
    }

    private RemoteCommand removeOwner() {
        return RemoteCommand.of("rm", "-f", lockDir() + "/" + OWNER_FILE);
    }

    private RemoteCommand removeLockDir() {
        return RemoteCommand.of("rmdir", lockDir());
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
            if (!stillOurs()) {
                held = false;
                context.warning("the cluster lock was taken over by another run (force-unlock); left to it");
                return;
            }
            context.require(node, "unlock", removeOwner());
            context.require(node, "unlock", removeLockDir());
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
