package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.certrecovery.audit.AuditTrail;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.recovery.ClusterLock;
import io.jenkins.plugins.certrecovery.recovery.OperationPlan;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryException;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOperation;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import io.jenkins.plugins.certrecovery.recovery.VersionOperations;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.SshIdentity;
import io.jenkins.plugins.certrecovery.ssh.SshOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step's view of the cluster, on the agent: the validated inventory, its hosts over SSH (connected on first use), the masked
 * build log, the audit trail in the workspace, and the engine context built from them (which audits every command and change).
 */
public final class AgentSession implements AutoCloseable {
    private final ClusterRequest request;
    private final Inventory inventory;
    private final BuildLog log;
    private final Path workspace;
    private final AuditTrail audit;
    private final BuildLogListener listener;
    private ClusterHosts hosts;

    private AgentSession(ClusterRequest request, Inventory inventory, BuildLog log, Path workspace, AuditTrail audit) {
        this.request = request;
        this.inventory = inventory;
        this.log = log;
        this.workspace = workspace;
        this.audit = audit;
        this.listener = new BuildLogListener(log);
    }

    static AgentSession open(ClusterRequest request, String step, BuildLog log) throws IOException {
        Path workspace = Path.of(request.workspace());
        InventoryLoader loader = InventoryLoader.forJenkins();
        Inventory inventory;
        if (request.cluster() != null) {
            inventory = loader.fromMap(withLoginUser(request.cluster(), request.login()), "the cluster argument");
        } else if (request.inventoryFile() == null) {
            inventory = null; // a step on several clusters: it loads each with inventoryFile(…)
        } else {
            inventory = inventoryFile(workspace, request.inventoryFile(), request.login());
        }
        Path auditFile = workspacePath(workspace, request.auditFile(), "auditFile");
        AuditTrail audit = AuditTrail.toFile(auditFile, log.masker(), Clock.systemUTC());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("step", step);
        details.put(
                "cluster",
                request.cluster() != null
                        ? "cluster argument, first master "
                                + inventory.firstMaster().name()
                        : request.inventoryFile() != null
                                ? "inventory " + request.inventoryFile()
                                : "several inventories (see the log)");
        details.put("dryRun", String.valueOf(request.dryRun()));
        audit.runStarted(request.runId(), "jenkins", details);
        return new AgentSession(request, inventory, log, workspace, audit);
    }

    /** A YAML inventory file in the workspace, validated, logging in as the credential's user unless it names {@code ssh.user}. */
    private static Inventory inventoryFile(Path workspace, String relative, LoginSecret login) throws IOException {
        Path file = workspacePath(workspace, relative, "inventory");
        if (!Files.isRegularFile(file)) {
            throw new AbortException("inventory: '" + relative + "' is not a file in the workspace " + workspace
                    + "; check it out or write it before this step");
        }
        Map<String, Object> map = InventoryLoader.parseYaml(Files.readString(file), relative);
        return InventoryLoader.forJenkins().fromMap(withLoginUser(map, login), Path.of(relative));
    }

    /**
     * For a step on several clusters: the inventory file {@code relative} (to the workspace), loaded as the {@code inventory}
     * argument is.
     *
     * @throws io.jenkins.plugins.certrecovery.cluster.InventoryException when the inventory is refused
     */
    public Inventory inventoryFile(String relative) throws IOException {
        return inventoryFile(workspace, relative, request.login());
    }

    /** The credential's user name logs in unless the inventory names {@code ssh.user} itself. */
    private static Map<String, Object> withLoginUser(Map<String, Object> cluster, LoginSecret login) {
        if (login.username() == null || login.username().isBlank()) {
            return cluster;
        }
        Map<String, Object> copy = new LinkedHashMap<>(cluster);
        Map<String, Object> ssh = new LinkedHashMap<>();
        if (copy.get("ssh") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> ssh.put(String.valueOf(k), v));
        } else if (copy.get("ssh") != null) {
            return cluster; // not a mapping: the loader reports it
        }
        ssh.putIfAbsent("user", login.username());
        copy.put("ssh", ssh);
        return copy;
    }

    /** A path inside the workspace, refusing absolute paths and {@code ..} so that a step never writes outside it. */
    static Path workspacePath(Path workspace, String relative, String argument) throws AbortException {
        Path resolved = workspace.resolve(relative).normalize();
        if (Path.of(relative).isAbsolute() || !resolved.startsWith(workspace.normalize())) {
            throw new AbortException(argument + ": '" + relative + "' must be a path inside the workspace");
        }
        return resolved;
    }

    /** The hosts, logged in with the step's credential on first use. */
    public synchronized ClusterHosts hosts() {
        if (hosts == null) {
            hosts = hostsOf(inventory);
        }
        return hosts;
    }

    /** For a step on several clusters: the hosts of one of them, logged in with the step's credential; the caller closes them. */
    public ClusterHosts hostsOf(Inventory cluster) {
        LoginSecret login = request.login();
        SshIdentity identity = login.privateKey() != null
                ? SshIdentity.privateKey(login.privateKey(), login.passphrase())
                : SshIdentity.password(login.password());
        SshOptions options = request.commandTimeoutSeconds() > 0
                ? SshOptions.defaults().withCommandTimeout(Duration.ofSeconds(request.commandTimeoutSeconds()))
                : SshOptions.defaults();
        return new SshClusterHosts(cluster, identity, options, log.masker(), log.remoteOutput());
    }

    /** The engine's context for this step: its hosts, the build log as listener, and the options; the build is the lock owner. */
    public RecoveryContext context(RecoveryOptions.Builder options) {
        if (request.adminKubeconfig() != null) {
            options.adminKubeconfig(request.adminKubeconfig());
        }
        // unknown names are refused by the context, naming them
        options.onlyNodes(request.onlyNodes()).skipUnreachable(request.skipUnreachable());
        return new RecoveryContext(
                inventory,
                hosts(),
                listener,
                options.owner("Jenkins build " + request.runId()).build(),
                audit);
    }

    /**
     * Runs one engine operation as a step does: under the cluster lock when it changes something (the enclosing block's, re-entered
     * by its token, inside one), its start and end reported by the
     * engine to the build log and the audit trail; with {@code dryRun} only its plan is printed and null returned.
     */
    public <R> R execute(RecoveryContext context, RecoveryOperation<R> operation, boolean changesCluster)
            throws RecoveryException, InterruptedException {
        if (skipsOnThisVersion(operation.name())) {
            return null;
        }
        if (dryRun()) {
            printPlan(operation.plan());
            return null;
        }
        try (ClusterLock lock = !changesCluster
                ? null
                : request.lockToken() == null
                        ? ClusterLock.acquire(context)
                        : ClusterLock.reenter(context, request.lockToken())) {
            return context.perform(operation);
        }
    }

    /**
     * True, after saying why in the build log, when the inventory's OpenShift version has no such operation (the recovery API server
     * on 4.6+, say): one Jenkinsfile serves every version, and such a step does nothing and returns null.
     */
    public boolean skipsOnThisVersion(String operation) {
        Optional<String> unavailable = VersionOperations.unavailable(operation, inventory.ocpVersion());
        unavailable.ifPresent(why -> log.line(why + "; this step does nothing and returns null"));
        return unavailable.isPresent();
    }

    /** Prints what the operation would do, host by host; used for {@code dryRun: true}. */
    public void printPlan(OperationPlan plan) {
        log.line("Dry run: nothing is changed. The plan:");
        plan.lines(log.masker()).forEach(log::line);
    }

    /** Warnings the engine reported during this step. */
    public List<String> warnings() {
        return listener.warnings();
    }

    public Inventory inventory() {
        return inventory;
    }

    public boolean dryRun() {
        return request.dryRun();
    }

    /** The token of the enclosing block's cluster lock, or null outside a block. */
    public String lockToken() {
        return request.lockToken();
    }

    public String runId() {
        return request.runId();
    }

    public Path workspace() {
        return workspace;
    }

    /** Writes one line to the build log, masked. */
    public void log(String line) {
        log.line(line);
    }

    public SecretMasker masker() {
        return log.masker();
    }

    /** Ends the audit run with its outcome and closes every connection. */
    void finish(boolean succeeded, String outcome) {
        try {
            audit.runFinished(succeeded, outcome);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        try {
            audit.close();
        } finally {
            if (hosts != null) {
                hosts.close();
            }
        }
    }
}
