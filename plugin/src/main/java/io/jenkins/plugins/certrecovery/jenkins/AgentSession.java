package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.certrecovery.audit.AuditTrail;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.recovery.ClusterSession;
import io.jenkins.plugins.certrecovery.recovery.RecoveryException;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOperation;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshIdentity;
import io.jenkins.plugins.certrecovery.ssh.SshLogin;
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
 * One step's view of the cluster, on the agent: the validated inventory, the masked build log, the login from the step's credential,
 * and the engine's {@link ClusterSession} on the cluster (its hosts over SSH, connected on first use, the audit trail in the
 * workspace, the cluster lock). A step on several clusters has no session of its own: it logs in to each with {@link #hostsOf} and
 * records its start and end in the audit trail here.
 */
public final class AgentSession implements AutoCloseable {
    private final ClusterRequest request;
    private final Inventory inventory;
    private final BuildLog log;
    private final Path workspace;
    private final BuildLogListener listener;
    private final SshLogin login;
    private final ClusterSession cluster;
    private final AuditTrail severalClustersAudit;

    private AgentSession(
            ClusterRequest request,
            Inventory inventory,
            BuildLog log,
            Path workspace,
            BuildLogListener listener,
            SshLogin login,
            ClusterSession cluster,
            AuditTrail severalClustersAudit) {
        this.request = request;
        this.inventory = inventory;
        this.log = log;
        this.workspace = workspace;
        this.listener = listener;
        this.login = login;
        this.cluster = cluster;
        this.severalClustersAudit = severalClustersAudit;
    }

    /**
     * @throws IllegalArgumentException when the credential's key, the inventory's SSH settings or the {@code nodes} argument are
     *                                  unusable (the message says which)
     */
    static AgentSession open(ClusterRequest request, ClusterTask task, BuildLog log) throws IOException {
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
        SshLogin login = login(request, log);
        Path auditFile = workspacePath(workspace, request.auditFile(), "auditFile");
        AuditTrail audit = AuditTrail.toFile(auditFile, log.masker(), Clock.systemUTC());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("step", task.stepName());
        details.put("build", request.runId());
        details.put(
                "cluster",
                request.cluster() != null
                        ? "cluster argument, first master "
                                + inventory.firstMaster().name()
                        : request.inventoryFile() != null
                                ? "inventory " + request.inventoryFile()
                                : "several inventories (see the log)");
        details.put("dryRun", String.valueOf(request.dryRun()));
        BuildLogListener listener = new BuildLogListener(log);
        if (inventory == null) {
            audit.runStarted(request.runId(), "jenkins", details);
            return new AgentSession(request, null, log, workspace, listener, login, null, audit);
        }
        RecoveryOptions.Builder options = task.options(RecoveryOptions.defaults().toBuilder());
        if (request.adminKubeconfig() != null) {
            options.adminKubeconfig(request.adminKubeconfig());
        }
        options.onlyNodes(request.onlyNodes())
                .skipUnreachable(request.skipUnreachable())
                .owner("Jenkins build " + request.runId());
        ClusterSession cluster = ClusterSession.open(inventory, login)
                .options(options.build())
                .listener(listener)
                .audit(audit, "jenkins", details)
                .insideBlock(request.lockToken())
                .start();
        return new AgentSession(request, inventory, log, workspace, listener, login, cluster, null);
    }

    /** The step's credential as an SSH login, its secrets masked in the build log. */
    private static SshLogin login(ClusterRequest request, BuildLog log) {
        LoginSecret secret = request.login();
        SshIdentity identity = secret.privateKey() != null
                ? SshIdentity.privateKey(secret.privateKey(), secret.passphrase())
                : SshIdentity.password(secret.password());
        SshOptions options = request.commandTimeoutSeconds() > 0
                ? SshOptions.defaults().withCommandTimeout(Duration.ofSeconds(request.commandTimeoutSeconds()))
                : SshOptions.defaults();
        return new SshLogin(identity, options, log.masker(), log.remoteOutput());
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

    /** The engine's session on the step's cluster. */
    public ClusterSession cluster() {
        if (cluster == null) {
            throw new IllegalStateException("a step on several clusters has no session of its own: use hostsOf");
        }
        return cluster;
    }

    /** The hosts of the step's cluster, logged in with the step's credential on first use. */
    public ClusterHosts hosts() {
        return cluster().context().hosts();
    }

    /**
     * For a step on several clusters: the hosts of one of them, logged in with the step's credential; the caller closes them.
     *
     * @throws IllegalArgumentException when its SSH settings are unusable
     */
    public ClusterHosts hostsOf(Inventory cluster) {
        return login.hostsOf(cluster);
    }

    /**
     * Runs a step's operation through the session: with {@code dryRun} only its plan is printed and the step returns its
     * {@linkplain OperationTask#dryRunValue dry-run value}; when the inventory's version has no such operation the engine says why in
     * the build log and the step returns null (one Jenkinsfile serves every version).
     */
    <R> StepOutcome runOperation(OperationTask<R> task) throws RecoveryException, InterruptedException {
        RecoveryOperation<? extends R> operation = task.operation(cluster().context());
        if (dryRun() && cluster().notOnThisVersion(operation).isEmpty()) { // otherwise run() only says why
            log.line("Dry run: nothing is changed. The plan:");
            cluster().plan(operation).lines(log.masker()).forEach(log::line);
            return new StepOutcome(task.dryRunValue(operation), warnings());
        }
        Optional<? extends R> result = cluster().run(operation);
        if (result.isEmpty()) {
            log.line("this step does nothing and returns null");
            return new StepOutcome(null, warnings());
        }
        return task.outcome(result.get(), this);
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
        if (cluster != null) {
            cluster.finished(succeeded, outcome);
        } else {
            severalClustersAudit.runFinished(succeeded, outcome);
        }
        close();
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
        } else {
            severalClustersAudit.close();
        }
    }
}
