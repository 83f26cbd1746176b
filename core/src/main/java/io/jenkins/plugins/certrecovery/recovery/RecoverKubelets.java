package io.jenkins.plugins.certrecovery.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.ssh.HostOutcome;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
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
        this(context, Set.of(), host -> { });
    }

    @Override
    public String name() {
        return NAME;
    }

    private static RemoteCommand caCommand(Oc oc) {
        return oc.read("get", "configmap", "kube-apiserver-to-kubelet-client-ca", "-n", "openshift-kube-apiserver-operator", "-o", "json");
    }

    static RemoteCommand systemctl(String verb) {
        return RemoteCommand.of("systemctl", verb, "kubelet");
    }

    static RemoteCommand touch(String path) {
        return RemoteCommand.of("touch", path);
    }

    @Override
    public OperationPlan plan() {
        Oc oc = admin();
        ClusterNode first = context.firstMaster();
        List<PlanStep> steps = new ArrayList<>();
        steps.add(PlanStep.run(first.name(), oc.nodesCommand()));
        for (ClusterNode node : context.inventory().nodes()) {
            steps.add(PlanStep.run(node.name(), RecoveryContext.existsCommand(new KubeletClientCertificate(context).path(node))));
        }
        String any = "a kubelet needs recovery";
        new BootstrapKubeconfig(context, oc).plan().forEach(s -> steps.add(s.onlyIf(any)));
        steps.add(PlanStep.run(first.name(), caCommand(oc)).onlyIf(any));
        for (ClusterNode master : context.inventory().masters()) {
            context.replaceFilePlan(master, context.layout(master).bootstrapKubeconfig(), 0600).forEach(s -> steps.add(s.onlyIf(any)));
        }
        for (ClusterNode node : context.inventory().nodes()) {
            context.replaceFilePlan(node, context.layout(node).kubeletCa(), 0644).forEach(s -> steps.add(s.onlyIf(any)));
            steps.add(PlanStep.run(node.name(), touch(context.layout(node).machineConfigDaemonForce())).onlyIf(any));
        }
        for (ClusterNode node : context.inventory().nodes()) {
            String when = node.isMaster() || !context.options().allWorkers()
                    ? node.name() + " is missing or not Ready, or its kubelet client certificate is missing or expiring" : null;
            restartPlan(node).forEach(s -> steps.add(when == null ? s : s.onlyIf(when)));
        }
        return new OperationPlan(NAME, steps);
    }

    private List<PlanStep> restartPlan(ClusterNode node) {
        HostLayout layout = context.layout(node);
        List<PlanStep> steps = new ArrayList<>();
        steps.add(PlanStep.run(node.name(), systemctl("stop")));
        for (String path : List.of(layout.kubeletPkiDir(), layout.kubeletKubeconfig())) {
            steps.add(PlanStep.run(node.name(), RecoveryContext.existsCommand(path)));
            context.moveToBackupPlan(node, path).forEach(s -> steps.add(s.onlyIf(path + " exists")));
        }
        steps.add(PlanStep.run(node.name(), systemctl("start")));
        return steps;
    }

    private Oc admin() {
        try {
            return Oc.admin(context);
        } catch (RecoveryException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public KubeletRecoveryResult execute() throws RecoveryException, InterruptedException {
        Oc oc = Oc.admin(context);
        ClusterNode first = context.firstMaster();
        Map<String, Boolean> readiness = new LinkedHashMap<>();
        ApproveCsrs.nodes(context, oc).forEach(n -> readiness.put(n.name(), n.ready()));
        Map<String, String> needs = Collections.synchronizedMap(new LinkedHashMap<>());
        context.throwIfAnyFailed(context.onHosts(context.inventory().nodes(), context.options().workerParallelism(), node -> {
            String why = whyRecover(node, readiness);
            if (why != null) {
                needs.put(node.name(), why);
            }
            return why;
        }));
        Map<String, KubeletHostResult> results = new LinkedHashMap<>();
        for (ClusterNode node : context.inventory().nodes()) {
            if (alreadyRestarted.contains(node.name())) {
                results.put(node.name(), new KubeletHostResult(node.name(), node.isMaster(), KubeletHostResult.Action.ALREADY_RESTARTED,
                        null, "restarted by the interrupted run this one resumes"));
                needs.remove(node.name());
            } else if (!needs.containsKey(node.name())) {
                results.put(node.name(), new KubeletHostResult(node.name(), node.isMaster(), KubeletHostResult.Action.HEALTHY, null,
                        "Ready with a valid client certificate"));
            }
        }
        List<String> written = new ArrayList<>();
        if (needs.isEmpty() && results.values().stream().noneMatch(r -> r.action() == KubeletHostResult.Action.ALREADY_RESTARTED)) {
            context.listener().info("every kubelet is Ready with a valid client certificate: nothing to recover");
            return new KubeletRecoveryResult(ordered(results), written);
        }
        byte[] bootstrap = new BootstrapKubeconfig(context, oc).produce(NAME);
        byte[] kubeletCa = kubeletCa(oc, first);
        List<String> writtenSync = Collections.synchronizedList(written);
        context.throwIfAnyFailed(context.onHosts(context.inventory().nodes(), context.options().workerParallelism(), node -> {
            HostLayout layout = context.layout(node);
            if (node.isMaster() && context.replaceFile(node, NAME, layout.bootstrapKubeconfig(), bootstrap, 0600) != null) {
                writtenSync.add(node.name() + ":" + layout.bootstrapKubeconfig());
            }
            if (context.replaceFile(node, NAME, layout.kubeletCa(), kubeletCa, 0644) != null) {
                writtenSync.add(node.name() + ":" + layout.kubeletCa());
            }
            context.require(node, NAME, touch(layout.machineConfigDaemonForce()));
            context.fileChanged(node, layout.machineConfigDaemonForce(), "touched", null);
            return null;
        }));
        List<ClusterNode> masters = context.inventory().masters().stream().filter(n -> needs.containsKey(n.name())).toList();
        List<ClusterNode> workers = context.inventory().workers().stream().filter(n -> needs.containsKey(n.name())).toList();
        List<HostOutcome<KubeletHostResult>> outcomes = new ArrayList<>(
                context.onHosts(masters, context.options().masterParallelism(), node -> restart(node, needs.get(node.name()))));
        if (outcomes.stream().allMatch(HostOutcome::succeeded)) {
            outcomes.addAll(context.onHosts(workers, context.options().workerParallelism(), node -> restart(node, needs.get(node.name()))));
        }
        for (HostOutcome<KubeletHostResult> outcome : outcomes) {
            ClusterNode node = context.inventory().node(outcome.host()).orElseThrow();
            results.put(node.name(), outcome.succeeded() ? outcome.value() : new KubeletHostResult(node.name(), node.isMaster(),
                    KubeletHostResult.Action.FAILED, null, context.failureOf(outcome).getMessage()));
        }
        context.throwIfAnyFailed(outcomes);
        return new KubeletRecoveryResult(ordered(results), written);
    }

    private List<KubeletHostResult> ordered(Map<String, KubeletHostResult> results) {
        return context.inventory().nodes().stream().map(n -> results.get(n.name())).filter(java.util.Objects::nonNull).toList();
    }

    /** Why a node's kubelet needs recovery, or null when it does not. */
    private String whyRecover(ClusterNode node, Map<String, Boolean> readiness) throws RecoveryException, InterruptedException {
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
            throw new RecoveryException(first.name(), NAME, "configmap openshift-kube-apiserver-operator/"
                    + "kube-apiserver-to-kubelet-client-ca has no certificate in ca-bundle.crt");
        }
        return bundle.getBytes(StandardCharsets.UTF_8);
    }

    private KubeletHostResult restart(ClusterNode node, String why) throws RecoveryException, InterruptedException {
        HostLayout layout = context.layout(node);
        String step = NAME + ": stop kubelet";
        context.listener().hostLine(node.name(), "recovering kubelet: " + why);
        context.require(node, step, systemctl("stop"));
        Map<String, String> moved = new LinkedHashMap<>();
        try {
            for (String path : List.of(layout.kubeletPkiDir(), layout.kubeletKubeconfig())) {
                if (context.exists(node, NAME + ": move old credentials", path)) {
                    moved.put(path, context.moveToBackup(node, NAME + ": move old credentials", path));
                }
            }
            context.require(node, NAME + ": start kubelet", systemctl("start"));
        } catch (RecoveryException e) {
            throw new RecoveryException(node.name(), e.step(), e.detail() + "; " + rollBack(node, moved), e);
        }
        recorder.restarted(node.name());
        String backup = moved.isEmpty() ? null : context.layout(node).backupDir(context.runId());
        return new KubeletHostResult(node.name(), node.isMaster(), KubeletHostResult.Action.RESTARTED, backup, why);
    }

    /** Puts back what was moved and starts kubelet again, so a failed host is left as it was. Says what it did. */
    private String rollBack(ClusterNode node, Map<String, String> moved) throws InterruptedException {
        String step = NAME + ": roll back";
        List<String> putBack = new ArrayList<>();
        try {
            for (Map.Entry<String, String> entry : moved.entrySet()) {
                if (context.exists(node, step, entry.getKey())) {
                    // kubelet recreated it before failing: keep that one beside the backup instead of overwriting anything
                    context.moveToBackup(node, step, entry.getKey());
                }
                context.require(node, step, RecoveryContext.moveCommand(entry.getValue(), entry.getKey()));
                context.fileChanged(node, entry.getKey(), "moved back", entry.getValue());
                putBack.add(entry.getKey());
            }
        } catch (RecoveryException rollbackFailure) {
            return "ROLL BACK FAILED (" + rollbackFailure.getMessage() + "); put back: " + putBack + "; still in the backup: " + moved;
        }
        String restored = putBack.isEmpty() ? "nothing had been moved" : "put back " + String.join(", ", putBack);
        try {
            context.require(node, step, systemctl("start"));
            return "rolled back: " + restored + ", kubelet started again";
        } catch (RecoveryException startFailure) {
            return "rolled back: " + restored + ", but kubelet still does not start (" + startFailure.detail() + ")";
        }
    }
}
