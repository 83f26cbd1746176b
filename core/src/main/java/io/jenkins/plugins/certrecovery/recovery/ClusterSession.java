package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.audit.AuditTrail;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshLogin;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of the engine on one cluster, as every front end (the CLI's commands, the Jenkins steps on the agent) opens it: from an
 * inventory, a login, the options (the owner among them), a listener and an audit trail. It owns the connections, the audit trail's
 * start and end, and the cluster lock: {@link #run} takes the lock around an operation that {@linkplain
 * RecoveryOperation#changesCluster() changes the cluster} (or re-enters the lock of the enclosing block), leaves it to an operation
 * that {@linkplain RecoveryOperation#takesLockItself() takes it itself}, and answers an operation that does not exist for the
 * inventory's OpenShift version without running it. The preflight and the checkpoints are the operations' own (the whole recovery,
 * {@link RecoveryProcedure}, has both).
 */
public final class ClusterSession implements AutoCloseable {
    private final RecoveryContext context;
    private final AuditTrail audit;
    private boolean succeeded;
    private String outcome = "failed or interrupted (see the lines before)";

    private ClusterSession(RecoveryContext context, AuditTrail audit) {
        this.context = context;
        this.audit = audit;
    }

    /** A session on the inventory's hosts, logged in with {@code login} (connections open on first use). */
    public static Builder open(Inventory inventory, SshLogin login) {
        return new Builder(inventory, login, null);
    }

    /** A session that only plans: it connects to no host (asking for one is a programming error) and reads no key. */
    public static Builder planning(Inventory inventory, SecretMasker masker) {
        return new Builder(inventory, null, masker);
    }

    /** What a session is opened with besides the inventory and the login; {@link #start()} opens it. */
    public static final class Builder {
        private final Inventory inventory;
        private final SshLogin login;
        private final SecretMasker planningMasker;
        private RecoveryOptions options = RecoveryOptions.defaults();
        private RecoveryListener listener = RecoveryListener.SILENT;
        private AuditTrail audit;
        private String tool;
        private Map<String, String> details = Map.of();
        private String blockLockToken;

        private Builder(Inventory inventory, SshLogin login, SecretMasker planningMasker) {
            this.inventory = Objects.requireNonNull(inventory, "inventory");
            this.login = login;
            this.planningMasker = planningMasker;
        }

        /** How to run, the lock's owner among it (default: {@link RecoveryOptions#defaults()}). */
        public Builder options(RecoveryOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Where progress goes (default: nowhere). */
        public Builder listener(RecoveryListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The audit trail of this run, which the session starts now and ends on {@link #close()} (default: none).
         *
         * @param tool    the front end and its command, recorded at the start (e.g. {@code ocp-cert-recovery recover})
         * @param details what else the start records (inventory, step, …)
         */
        public Builder audit(AuditTrail audit, String tool, Map<String, String> details) {
            this.audit = Objects.requireNonNull(audit, "audit");
            this.tool = Objects.requireNonNull(tool, "tool");
            this.details = Map.copyOf(details);
            return this;
        }

        /**
         * The run is inside a block that holds the cluster lock under this token (a Jenkins {@code withOpenShiftCluster}): work that
         * changes the cluster re-enters that lock instead of taking it, and {@link #holdBlockLock()} / {@link #releaseBlockLock()}
         * take and release it for the block.
         */
        public Builder insideBlock(String lockToken) {
            this.blockLockToken = lockToken;
            return this;
        }

        /**
         * Opens the session: no host is contacted yet.
         *
         * @throws IllegalArgumentException when the inventory's SSH settings are unusable, or {@link RecoveryOptions#onlyNodes()}
         *                                  names nodes the inventory does not have
         */
        public ClusterSession start() {
            ClusterHosts hosts;
            try {
                hosts = login == null ? new NoConnections(planningMasker) : login.hostsOf(inventory);
            } catch (RuntimeException unusable) {
                if (audit != null) {
                    audit.close();
                }
                throw unusable;
            }
            try {
                RecoveryContext context = new RecoveryContext(
                        inventory, hosts, listener, options, audit, blockLockToken, Clock.systemUTC());
                if (audit != null) {
                    audit.runStarted(context.runId(), tool, details);
                }
                return new ClusterSession(context, audit);
            } catch (RuntimeException refused) {
                hosts.close();
                if (audit != null) {
                    audit.close();
                }
                throw refused;
            }
        }
    }

    /** The engine's context of this run: operations are made on it. */
    public RecoveryContext context() {
        return context;
    }

    /**
     * What the operation would do, host by host; runs nothing. An operation that does not exist for this version plans nothing (and
     * the listener is told why).
     *
     * @throws RecoveryException when the plan cannot be made from the inventory and options
     */
    public OperationPlan plan(RecoveryOperation<?> operation) throws RecoveryException {
        if (unavailable(operation).isPresent()) {
            return new OperationPlan(operation.name(), List.of());
        }
        context.warnIfUnverifiedVersion(); // a dry run of one step on 4.19+ says so too, as its run would
        return operation.plan();
    }

    /**
     * Runs the operation: under the cluster lock when it changes the cluster (unless it takes the lock itself), its start and end
     * reported to the listener and the audit trail.
     *
     * @return its result, or empty when the operation does not exist for the inventory's OpenShift version (the listener is told
     *         why; nothing ran)
     * @throws RecoveryException   naming the host and step that failed
     * @throws InterruptedException when the run was cancelled
     */
    public <R> Optional<R> run(RecoveryOperation<R> operation) throws RecoveryException, InterruptedException {
        if (unavailable(operation).isPresent()) {
            return Optional.empty();
        }
        if (!operation.changesCluster() || operation.takesLockItself()) {
            return Optional.of(context.perform(operation));
        }
        try (ClusterLock lock = ClusterLock.forRun(context)) {
            return Optional.of(context.perform(operation));
        }
    }

    /** Why the inventory's OpenShift version has no such operation, or empty when it has (nothing is told to the listener). */
    public Optional<String> notOnThisVersion(RecoveryOperation<?> operation) {
        return VersionOperations.unavailable(
                operation.name(), context.inventory().ocpVersion());
    }

    private Optional<String> unavailable(RecoveryOperation<?> operation) {
        Optional<String> why = notOnThisVersion(operation);
        why.ifPresent(reason -> context.listener().info(reason + "; skipped"));
        return why;
    }

    /**
     * Takes the cluster lock for the enclosing block, under its token; it stays held after this session, for the sessions of the
     * block's steps to re-enter, until {@link #releaseBlockLock()}.
     *
     * @throws RecoveryException naming the owner when another run holds it
     */
    public void holdBlockLock() throws RecoveryException, InterruptedException {
        ClusterLock.acquire(context, requireBlock());
    }

    /** Releases the enclosing block's lock (taken by {@link #holdBlockLock()}, maybe over other connections). */
    public void releaseBlockLock() throws RecoveryException {
        ClusterLock.release(context, requireBlock());
    }

    private String requireBlock() {
        return context.blockLockToken()
                .orElseThrow(
                        () -> new IllegalStateException("this session was not opened inside a block (insideBlock)"));
    }

    /** Records how the run ended, for the audit trail's last line; a session closed without it ended failed or interrupted. */
    public void finished(boolean succeeded, String outcome) {
        this.succeeded = succeeded;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    /** Ends the audit trail with the run's outcome and closes every connection. */
    @Override
    public void close() {
        try {
            if (audit != null) {
                audit.runFinished(succeeded, outcome);
                audit.close();
            }
        } finally {
            context.hosts().close();
        }
    }
}
