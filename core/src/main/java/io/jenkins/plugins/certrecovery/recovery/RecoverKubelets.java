package io.jenkins.plugins.certrecovery.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.HostOutcome;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.ScriptFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Operation 4: recovers the kubelets (documented steps 7–8). The bootstrap kubeconfig goes to every master and the kubelet CA to every
 * node, each atomically after a backup of what was there; {@code machine-config-daemon-force} is touched on every node so the MCD accepts
 * the changed files. Then each kubelet that needs it is stopped, its {@code pki/} and kubeconfig are MOVED into the run's backup
 * directory (the documented procedure deletes them) and it is started: masters one at a time unless asked otherwise, then workers in
 * parallel. A kubelet needs it when its node is missing or not Ready, or its client certificate is missing or expires within
 * {@link RecoveryOptions#minimumValidity()}; every worker when {@link RecoveryOptions#allWorkers()}. When none needs it nothing is
 * written or restarted. If stopping kubelet fails nothing is moved on that host; if moving or starting fails, what was moved is put
 * back and kubelet started again.
 *
 * <p>Longer than 300 lines on purpose: which kubelets need a restart, the restart with its rollback and the per-node
 * FAILED and SKIPPED results are one protocol with the restart-kubelet script's exit codes; split, the decoding would be far from
 * the decision it serves.
 */
public final class RecoverKubelets implements RecoveryOperation<KubeletRecoveryResult> {
    public static final String NAME = "recover-kubelets";

    /** Told about every host whose kubelet was restarted, as soon as it was: the procedure checkpoints it. */
    @FunctionalInterface
    public interface RestartRecorder {
        void restarted(String host) throws RecoveryException, InterruptedException;
    }

    private final RecoveryContext context;
    private final Set<String> alreadyRestarted;
    private final RestartRecorder recorder;

    /**
     * @param alreadyRestarted hosts an interrupted run of the same recovery already restarted (not restarted again)
     * @param recorder         told after each restart
     */
    public RecoverKubelets(RecoveryContext context, Set<String> alreadyRestarted, RestartRecorder recorder) {
        this.context = context;
        this.alreadyRestarted = Set.copyOf(alreadyRestarted);
        this.recorder = recorder;
    }

    public RecoverKubelets(RecoveryContext context) {
        this(context, Set.of(), host -> {});
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean changesCluster() {
        return true;
    }

    private static RemoteCommand caCommand(Oc oc) {
        return oc.read(
                "get",
                "configmap",
                "kube-apiserver-to-kubelet-client-ca",
                "-n",
                "openshift-kube-apiserver-operator",
                "-o",
                "json");
    }

    static RemoteCommand systemctl(String verb) {
        return RemoteCommand.of("systemctl", verb, "kubelet");
    }

    /** What a file written before the restarts holds. */
    private enum Content {
        BOOTSTRAP_KUBECONFIG,
        KUBELET_CA
    }

    /** A file written on a node before any kubelet restarts: where, with which mode, and what goes in it. */
    private record FileWrite(String path, int mode, Content content) {}

    /** The files a node gets, in order: the bootstrap kubeconfig on masters, the kubelet CA everywhere. */
    private List<FileWrite> fileWrites(ClusterNode node) {
        HostLayout layout = context.layout(node);
        List<FileWrite> writes = new ArrayList<>();
        if (node.isMaster()) {
            writes.add(new FileWrite(layout.bootstrapKubeconfig(), 0600, Content.BOOTSTRAP_KUBECONFIG));
        }
        writes.add(new FileWrite(layout.kubeletCa(), 0644, Content.KUBELET_CA));
        return writes;
    }

    /** Touched on every node after the writes, so that the machine-config daemon accepts the changed files. */
    private String machineConfigDaemonForce(ClusterNode node) {
        return context.layout(node).machineConfigDaemonForce();
    }

    @Override
    public OperationPlan plan() throws RecoveryException {
        Oc oc = Oc.admin(context);
        ClusterNode first = context.firstMaster();
        List<PlanStep> steps = new ArrayList<>();
        steps.add(PlanStep.run(first.name(), oc.nodesCommand()));
        KubeletClientCertificate certificate = new KubeletClientCertificate(context);
        for (ClusterNode node : context.inventory().nodes()) {
            steps.add(PlanStep.run(node.name(), certificate.readScript(node)));
        }
        String any = "a kubelet needs recovery";
        new BootstrapKubeconfig(context, oc).plan().forEach(s -> steps.add(s.onlyIf(any)));
        steps.add(PlanStep.run(first.name(), caCommand(oc)).onlyIf(any));
        for (ClusterNode node : context.inventory().nodes()) {
            for (FileWrite write : fileWrites(node)) {
                steps.add(context.backups()
                        .replaceFilePlan(node, write.path(), write.mode())
                        .onlyIf(any));
            }
            steps.add(PlanStep.run(node.name(), Backups.touchCommand(machineConfigDaemonForce(node)))
                    .onlyIf(any));
        }
        for (ClusterNode node : context.inventory().nodes()) {
            String when = node.isMaster() || !context.options().allWorkers()
                    ? node.name() + " is missing or not Ready, or its kubelet client certificate is missing or expiring"
                    : null;
            PlanStep restart = PlanStep.run(node.name(), restartScript(node));
            steps.add(when == null ? restart : restart.onlyIf(when));
        }
        return new OperationPlan(NAME, steps);
    }

    /** The kubelet restart ({@code scripts/restart-kubelet.sh}), run on the host by {@link #DETACHED}. */
    private static final ScriptFile<RestartExit> RESTART = ScriptFile.load("restart-kubelet.sh", RestartExit.class);

    /** The exit codes of {@code restart-kubelet.sh}. */
    enum RestartExit {
        RESTARTED,
        STOP_FAILED,
        MOVE_FAILED,
        START_FAILED,
        DOES_NOT_START,
        ROLL_BACK_FAILED
    }

    /**
     * Runs {@link #RESTART} detached from the SSH session and waits for it ({@code scripts/run-detached.sh}, which says why): a
     * dropped connection or a cancelled command cannot end the restart half-way.
     */
    private static final ScriptFile<DetachedExit> DETACHED = ScriptFile.load("run-detached.sh", DetachedExit.class);

    /** The exit codes of {@code run-detached.sh} (any other code is the restart's own). */
    enum DetachedExit {
        LOG_FAILED,
        VANISHED
    }

    /** Where the detached restart writes what it did (in the run's backup directory on the host). */
    String restartLog(ClusterNode node) {
        return context.layout(node).backupDir(context.runId()) + "/kubelet-restart.log";
    }

    HostScript restartScript(ClusterNode node) {
        HostLayout layout = context.layout(node);
        String pki = layout.kubeletPkiDir();
        String kubeconfig = layout.kubeletKubeconfig();
        String pkiBackup = context.backups().backupPath(node, pki);
        String kubeconfigBackup = context.backups().backupPath(node, kubeconfig);
        String failed = "a move or the start failed";
        return HostScript.of(
                "restart kubelet",
                DETACHED,
                false,
                List.of(RESTART.text(), restartLog(node), pki, kubeconfig, pkiBackup, kubeconfigBackup),
                List.of(
                        HostScript.Step.describe(
                                "detached from the SSH session (setsid, nohup), its output in " + restartLog(node)),
                        HostScript.Step.run(systemctl("stop")),
                        HostScript.Step.run(Backups.moveCommand(pki, pkiBackup)).onlyIf(pki + " exists"),
                        HostScript.Step.run(Backups.moveCommand(kubeconfig, kubeconfigBackup))
                                .onlyIf(kubeconfig + " exists"),
                        HostScript.Step.run(systemctl("start")),
                        HostScript.Step.describe("put back what was moved").onlyIf(failed),
                        HostScript.Step.run(systemctl("start")).onlyIf(failed)));
    }

    /**
     * Recovers each kubelet in scope ({@link RecoveryContext#nodesInScope()}). A node that fails (its files cannot be written, its
     * restart fails and is rolled back, its connection drops or a command times out) is recorded as FAILED with the reason and the
     * restart's log, and the others go on; a refused host key stops the run. Hosts the preflight skipped are recorded as SKIPPED.
     */
    @Override
    public KubeletRecoveryResult execute() throws RecoveryException, InterruptedException {
        Oc oc = Oc.admin(context);
        ClusterNode first = context.firstMaster();
        List<ClusterNode> scope = context.nodesInScope();
        Map<String, Boolean> readiness = new LinkedHashMap<>();
        ApproveCsrs.nodes(context, oc).forEach(n -> readiness.put(n.name(), n.ready()));
        Map<String, KubeletHostResult> results = new LinkedHashMap<>();
        context.skipped()
                .forEach(host -> results.put(
                        host,
                        new KubeletHostResult(
                                host,
                                context.inventory().node(host).orElseThrow().isMaster(),
                                KubeletHostResult.Action.SKIPPED,
                                null,
                                "unreachable at the preflight: not recovered")));
        Map<String, String> needs = new LinkedHashMap<>();
        for (HostOutcome<String> assessed : context.fanOut()
                .onHosts(scope, context.options().workerParallelism(), node -> whyRecover(node, readiness))) {
            if (recordFailure(assessed, results) && assessed.value() != null) {
                needs.put(assessed.host(), assessed.value());
            }
        }
        for (ClusterNode node : scope) {
            if (results.containsKey(node.name())) {
                continue;
            }
            if (alreadyRestarted.contains(node.name())) {
                results.put(
                        node.name(),
                        new KubeletHostResult(
                                node.name(),
                                node.isMaster(),
                                KubeletHostResult.Action.ALREADY_RESTARTED,
                                null,
                                "restarted by the interrupted run this one resumes"));
                needs.remove(node.name());
            } else if (!needs.containsKey(node.name())) {
                results.put(
                        node.name(),
                        new KubeletHostResult(
                                node.name(),
                                node.isMaster(),
                                KubeletHostResult.Action.HEALTHY,
                                null,
                                "Ready with a valid client certificate"));
            }
        }
        List<String> written = new ArrayList<>();
        if (needs.isEmpty()
                && results.values().stream().noneMatch(r -> r.action() == KubeletHostResult.Action.ALREADY_RESTARTED)) {
            context.listener()
                    .info(
                            results.values().stream().anyMatch(r -> r.action() == KubeletHostResult.Action.HEALTHY)
                                    ? "every kubelet in scope that could be checked is Ready with a valid client certificate: nothing to recover"
                                    : "no kubelet to recover");
            return new KubeletRecoveryResult(ordered(results), written);
        }
        Map<Content, byte[]> contents = Map.of(
                Content.BOOTSTRAP_KUBECONFIG,
                new BootstrapKubeconfig(context, oc).produce(NAME),
                Content.KUBELET_CA,
                kubeletCa(oc, first));
        List<String> writtenSync = Collections.synchronizedList(written);
        List<ClusterNode> writable = scope.stream()
                .filter(n -> !results.containsKey(n.name())
                        || results.get(n.name()).action() != KubeletHostResult.Action.FAILED)
                .toList();
        for (HostOutcome<?> wrote : context.fanOut()
                .<Void>onHosts(writable, context.options().workerParallelism(), node -> {
                    for (FileWrite write : fileWrites(node)) {
                        if (context.backups()
                                        .replaceFile(
                                                node, NAME, write.path(), contents.get(write.content()), write.mode())
                                != null) {
                            writtenSync.add(node.name() + ":" + write.path());
                        }
                    }
                    context.backups().touch(node, NAME, machineConfigDaemonForce(node));
                    return null;
                })) {
            if (!recordFailure(wrote, results)) {
                needs.remove(wrote.host());
            }
        }
        List<ClusterNode> masters = scope.stream()
                .filter(n -> n.isMaster() && needs.containsKey(n.name()))
                .toList();
        List<ClusterNode> workers = scope.stream()
                .filter(n -> !n.isMaster() && needs.containsKey(n.name()))
                .toList();
        // masters first (a failed one is recorded and the others go on), then the workers
        for (HostOutcome<KubeletHostResult> restarted : context.fanOut()
                .onHosts(
                        masters,
                        context.options().masterParallelism(),
                        node -> restartOrRecordFailure(node, needs.get(node.name())))) {
            recordOutcome(restarted, results);
        }
        for (HostOutcome<KubeletHostResult> restarted : context.fanOut()
                .onHosts(
                        workers,
                        context.options().workerParallelism(),
                        node -> restartOrRecordFailure(node, needs.get(node.name())))) {
            recordOutcome(restarted, results);
        }
        return new KubeletRecoveryResult(ordered(results), written);
    }

    private void recordOutcome(HostOutcome<KubeletHostResult> outcome, Map<String, KubeletHostResult> results)
            throws RecoveryException, InterruptedException {
        if (recordFailure(outcome, results)) {
            results.put(outcome.host(), outcome.value());
        }
    }

    /**
     * Records a host's failure as FAILED; true when the host succeeded.
     *
     * @throws RecoveryException   when the failure must stop the run (a refused host key)
     * @throws InterruptedException when the run was cancelled
     */
    private boolean recordFailure(HostOutcome<?> outcome, Map<String, KubeletHostResult> results)
            throws RecoveryException, InterruptedException {
        if (outcome.failure() instanceof InterruptedException cancelled) {
            throw cancelled;
        }
        if (outcome.succeeded()) {
            return true;
        }
        ClusterNode node = context.inventory().node(outcome.host()).orElseThrow();
        results.put(node.name(), failed(node, context.fanOut().failureOf(outcome)));
        return false;
    }

    /** A restart whose failure is recorded (the others go on) unless it must stop the run. */
    private KubeletHostResult restartOrRecordFailure(ClusterNode node, String why)
            throws RecoveryException, InterruptedException {
        try {
            return restart(node, why);
        } catch (RecoveryException failure) {
            return failed(node, failure);
        }
    }

    private KubeletHostResult failed(ClusterNode node, RecoveryException failure) throws RecoveryException {
        if (failure.hostKeyRefused()) {
            throw failure;
        }
        context.warning(
                node.name() + ": kubelet NOT recovered, going on with the other nodes: " + failure.getMessage());
        return new KubeletHostResult(
                node.name(), node.isMaster(), KubeletHostResult.Action.FAILED, null, failure.getMessage());
    }

    /** Masters first, then workers, in inventory order (a failed master is listed before any worker). */
    private List<KubeletHostResult> ordered(Map<String, KubeletHostResult> results) {
        return context.inventory().nodes().stream()
                .map(n -> results.get(n.name()))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** Why a node's kubelet needs recovery, or null when it does not. */
    private String whyRecover(ClusterNode node, Map<String, Boolean> readiness)
            throws RecoveryException, InterruptedException {
        List<String> reasons = new ArrayList<>();
        Boolean ready = readiness.get(node.name());
        if (ready == null) {
            reasons.add("missing from `oc get nodes`");
        } else if (!ready) {
            reasons.add("not Ready");
        }
        String certificateProblem = new KubeletClientCertificate(context).problem(node, NAME);
        if (certificateProblem != null) {
            reasons.add(certificateProblem);
        }
        if (reasons.isEmpty() && !node.isMaster() && context.options().allWorkers()) {
            reasons.add("every worker was asked for");
        }
        return reasons.isEmpty() ? null : String.join(", ", reasons);
    }

    private byte[] kubeletCa(Oc oc, ClusterNode first) throws RecoveryException, InterruptedException {
        JsonNode configMap = oc.json(NAME, caCommand(oc));
        String bundle = configMap.path("data").path("ca-bundle.crt").asText("");
        if (!bundle.contains("-----BEGIN CERTIFICATE-----")) {
            throw new RecoveryException(
                    first.name(),
                    NAME,
                    "configmap openshift-kube-apiserver-operator/"
                            + "kube-apiserver-to-kubelet-client-ca has no certificate in ca-bundle.crt");
        }
        return bundle.getBytes(StandardCharsets.UTF_8);
    }

    private KubeletHostResult restart(ClusterNode node, String why) throws RecoveryException, InterruptedException {
        context.listener().hostLine(node.name(), "recovering kubelet: " + why);
        CommandResult result;
        try {
            result = context.executor()
                    .run(node, NAME + ": restart kubelet", restartScript(node).command());
        } catch (RecoveryException lost) {
            throw new RecoveryException(
                    node.name(),
                    lost.step(),
                    lost.detail() + "; if the restart had begun, it finishes (or rolls "
                            + "back) on the host by itself, detached from the connection: see " + restartLog(node),
                    lost);
        }
        List<String> log = result.stdout().lines().toList();
        List<String> putBackPaths = context.backups().recordMoves(node, log);
        String outcome = log.stream()
                .filter(l -> l.startsWith("result "))
                .map(l -> l.substring(7))
                .reduce((a, b) -> b)
                .orElse("");
        if (result.exitCode() != 0) {
            String putBack =
                    putBackPaths.isEmpty() ? "nothing had been moved" : "put back " + String.join(", ", putBackPaths);
            String detail = DETACHED.exit(result.exitCode())
                    .map(exit -> switch (exit) {
                        case LOG_FAILED -> "cannot make the restart's log; nothing was done";
                        case VANISHED ->
                            "the restart ended without saying how (killed?)"
                                    + (outcome.isEmpty() ? "" : "; last: " + outcome);
                    })
                    .or(() -> RESTART.exit(result.exitCode()).map(exit -> switch (exit) {
                        case STOP_FAILED -> "`systemctl stop kubelet` failed; nothing was moved";
                        case MOVE_FAILED ->
                            "moving the old credentials failed; rolled back: " + putBack + ", kubelet started again";
                        case START_FAILED ->
                            "`systemctl start kubelet` failed; rolled back: " + putBack + ", kubelet started again";
                        case DOES_NOT_START ->
                            "`systemctl start kubelet` failed; rolled back: " + putBack
                                    + ", but kubelet still does not start";
                        case ROLL_BACK_FAILED ->
                            "ROLL BACK FAILED; " + putBack + "; the rest is still in "
                                    + context.layout(node).backupDir(context.runId());
                        case RESTARTED -> null;
                    }))
                    .orElse("the restart failed (exit " + result.exitCode() + (outcome.isEmpty() ? "" : ", " + outcome)
                            + ")");
            String step = NAME
                    + RESTART.exit(result.exitCode())
                            .map(exit -> switch (exit) {
                                case STOP_FAILED -> ": stop kubelet";
                                case MOVE_FAILED, ROLL_BACK_FAILED -> ": move old credentials";
                                default -> ": start kubelet";
                            })
                            .orElse(": start kubelet");
            throw new RecoveryException(
                    node.name(),
                    step,
                    detail + " (log: " + restartLog(node) + "): "
                            + context.executor().errorText(result));
        }
        recorder.restarted(node.name());
        String backup = log.stream().map(Backups::movedTo).anyMatch(java.util.Objects::nonNull)
                ? context.layout(node).backupDir(context.runId())
                : null;
        return new KubeletHostResult(node.name(), node.isMaster(), KubeletHostResult.Action.RESTARTED, backup, why);
    }
}
