package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.audit.AuditTrail;
import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run of the engine: the inventory, the connections, where to report, the audit trail, the options, the clock and the run's id,
 * none of which changes during the run, and the parts the operations work through: the {@link HostExecutor} (every remote command,
 * reported, audited, masked, refused once cancelled), the {@link Backups} (every file change, with its backup and audit record),
 * {@link Polling} (waits) and the {@link HostFanOut} (work on several hosts at once). The caller owns the audit trail: it records
 * the run's start and end and closes it.
 */
public final class RecoveryContext {
    private static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Inventory inventory;
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean versionWarned =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final ClusterHosts hosts;
    private final RecoveryListener listener;
    private final RecoveryOptions options;
    private final AuditTrail audit;
    private final String blockLockToken;
    private final Clock clock;
    private final Instant started;
    private final String runId;
    private final HostExecutor executor;
    private final Backups backups;
    private final Polling polling;
    private final HostFanOut fanOut;

    /**
     * @param listener where progress goes (null: nowhere)
     * @param options  how to run (null: {@link RecoveryOptions#defaults()})
     * @param audit    the audit trail of this run (null: none)
     * @param clock    the clock for the run id, backup names, reasons and expiry checks (null: system UTC)
     */
    public RecoveryContext(
            Inventory inventory,
            ClusterHosts hosts,
            RecoveryListener listener,
            RecoveryOptions options,
            AuditTrail audit,
            Clock clock) {
        this(inventory, hosts, listener, options, audit, null, clock);
    }

    /**
     * A run inside a block that holds the cluster lock (a Jenkins {@code withOpenShiftCluster}): its work re-enters that lock by
     * {@code blockLockToken} instead of taking it ({@link ClusterLock#forRun}).
     *
     * @param blockLockToken the token the block took the lock under, or null outside such a block
     */
    RecoveryContext(
            Inventory inventory,
            ClusterHosts hosts,
            RecoveryListener listener,
            RecoveryOptions options,
            AuditTrail audit,
            String blockLockToken,
            Clock clock) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        requireKnownNodes(inventory, options == null ? List.of() : options.onlyNodes());
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.listener = listener == null ? RecoveryListener.SILENT : listener;
        this.options = options == null ? RecoveryOptions.defaults() : options;
        this.audit = audit;
        this.blockLockToken = blockLockToken;
        this.clock = clock == null ? Clock.systemUTC() : clock;
        this.started = this.clock.instant();
        this.runId = RUN_ID.format(started);
        this.executor = new HostExecutor(hosts, this.listener, audit);
        this.backups = new Backups(inventory, runId, executor, this.listener, audit);
        this.polling = new Polling(this.listener, this.options, hosts.masker());
        this.fanOut = new HostFanOut(hosts.masker());
    }

    /** A context without an audit trail. */
    public RecoveryContext(
            Inventory inventory, ClusterHosts hosts, RecoveryListener listener, RecoveryOptions options, Clock clock) {
        this(inventory, hosts, listener, options, null, clock);
    }

    /** A context on the system clock. */
    public RecoveryContext(
            Inventory inventory,
            ClusterHosts hosts,
            RecoveryListener listener,
            RecoveryOptions options,
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

    /**
     * The admin kubeconfig the user named on the first master: {@link RecoveryOptions#adminKubeconfig()} (CLI flag, Jenkins step
     * argument) over the inventory's {@code adminKubeconfig}; null when neither names one.
     */
    public String namedAdminKubeconfig() {
        return options.adminKubeconfig() != null ? options.adminKubeconfig() : inventory.adminKubeconfig();
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

    /** The token of the enclosing block's cluster lock, if this run is inside one. */
    java.util.Optional<String> blockLockToken() {
        return java.util.Optional.ofNullable(blockLockToken);
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
        warnIfUnverifiedVersion();
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

    /**
     * Warns once per run when the inventory's release is later than {@link io.jenkins.plugins.certrecovery.cluster.OcpVersion#NEWEST_VERIFIED} (it runs as that one): before
     * the first operation runs, or when the whole procedure's plan is made.
     */
    public void warnIfUnverifiedVersion() {
        inventory
                .ocpVersion()
                .unverifiedWarning()
                .filter(warning -> versionWarned.compareAndSet(false, true))
                .ifPresent(this::warning);
    }

    /** A warning for the user and the audit trail. */
    public void warning(String text) {
        listener.warning(masker().mask(text));
        if (audit != null) {
            audit.warning(text);
        }
    }

    public HostLayout layout(ClusterNode node) {
        return inventory.layout(node);
    }

    /**
     * The first master the run can reach (the inventory's first unless the preflight skipped it): the recovery API server, the lock
     * and the checkpoint live there, and every {@code oc} runs there.
     */
    public ClusterNode firstMaster() {
        return inventory.masters().stream()
                .filter(m -> !skipped.contains(m.name()))
                .findFirst()
                .orElse(inventory.firstMaster());
    }

    /** @throws IllegalArgumentException naming the node names the inventory does not have, and those it has */
    public static void requireKnownNodes(Inventory inventory, Collection<String> names) {
        List<String> unknown =
                names.stream().filter(n -> inventory.node(n).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("not nodes of the inventory: " + String.join(", ", unknown) + " (it has "
                    + String.join(
                            ", ",
                            inventory.nodes().stream().map(ClusterNode::name).toList()) + ")");
        }
    }

    /**
     * The nodes whose kubelets and CSRs this run handles, masters first: those of {@link RecoveryOptions#onlyNodes()} (every node when
     * empty) that the preflight did not skip.
     */
    public List<ClusterNode> nodesInScope() {
        return inventory.nodes().stream()
                .filter(n ->
                        options.onlyNodes().isEmpty() || options.onlyNodes().contains(n.name()))
                .filter(n -> !skipped.contains(n.name()))
                .toList();
    }

    /** Leaves unreachable hosts out of the rest of the run (the preflight does, when asked to go on without them). */
    void skip(Collection<String> hosts) {
        skipped.addAll(hosts);
    }

    /** The hosts left out as unreachable, in inventory order. */
    public List<String> skipped() {
        return inventory.nodes().stream()
                .map(ClusterNode::name)
                .filter(skipped::contains)
                .toList();
    }

    /** Runs this run's commands on the hosts. */
    public HostExecutor executor() {
        return executor;
    }

    /** Changes files on the hosts, with backups, and records each change in the audit trail. */
    public Backups backups() {
        return backups;
    }

    /** Waits for states of the cluster. */
    public Polling polling() {
        return polling;
    }

    /** Runs work on several hosts at once. */
    public HostFanOut fanOut() {
        return fanOut;
    }
}
