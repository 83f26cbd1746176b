package io.jenkins.plugins.certrecovery.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
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
        KubeletClientCertificate certificate = new KubeletClientCertificate(context);
        for (ClusterNode node : context.inventory().nodes()) {
            steps.add(PlanStep.run(node.name(), certificate.readScript(node)));
        }
        String any = "a kubelet needs recovery";
        new BootstrapKubeconfig(context, oc).plan().forEach(s -> steps.add(s.onlyIf(any)));
        steps.add(PlanStep.run(first.name(), caCommand(oc)).onlyIf(any));
        for (ClusterNode node : context.inventory().nodes()) {
            if (node.isMaster()) {
                steps.add(context.replaceFilePlan(node, context.layout(node).bootstrapKubeconfig(), 0600).onlyIf(any));
            }
            steps.add(context.replaceFilePlan(node, context.layout(node).kubeletCa(), 0644).onlyIf(any));
            steps.add(PlanStep.run(node.name(), touch(context.layout(node).machineConfigDaemonForce())).onlyIf(any));
        }
        for (ClusterNode node : context.inventory().nodes()) {
            String when = node.isMaster() || !context.options().allWorkers()
                    ? node.name() + " is missing or not Ready, or its kubelet client certificate is missing or expiring" : null;
            PlanStep restart = PlanStep.run(node.name(), restartScript(node));
            steps.add(when == null ? restart : restart.onlyIf(when));
        }
        return new OperationPlan(NAME, steps);
    }

    /**
     * The kubelet restart, run on the host by {@link #DETACHED}: stop kubelet (nothing moved when that fails), move {@code pki/} and
     * the kubeconfig into the backup ({@code $3}, {@code $4}; {@code .N} appended when a resumed run already kept one there), start
     * kubelet. When a move or the start fails, what was moved is put back (anything kubelet recreated meanwhile is kept beside the
     * backup) and kubelet started again. Prints {@code moved FROM -> TO} / {@code put back PATH} as it goes and ends with
     * {@code result WHAT} and {@code exit N}; exit 0 restarted, 10 stop failed, 11 a move failed, 12 start failed (both rolled back,
     * kubelet running), 13 rolled back but kubelet does not start, 14 the roll back failed.
     */
    private static final String RESTART = RecoveryContext.KEEP_FUNCTION + """
            trap 'echo "exit $?"' EXIT
            pki=$1; kubeconfig=$2; pki_backup=$3; kubeconfig_backup=$4
            moved_pki=; moved_kubeconfig=
            put_back() {
              if [ -e "$1" ] || [ -L "$1" ]; then keep "$1" "$3" || return 1; fi
              mv -T -- "$2" "$1" && echo "put back $1"
            }
            roll_back() {
              ok=1
              if [ -n "$moved_kubeconfig" ]; then put_back "$kubeconfig" "$moved_kubeconfig" "$kubeconfig_backup" || ok=; fi
              if [ -n "$moved_pki" ]; then put_back "$pki" "$moved_pki" "$pki_backup" || ok=; fi
              if [ -z "$ok" ]; then echo "result roll back failed"; exit 14; fi
              if systemctl start kubelet; then echo "result rolled back"; exit "$1"; fi
              echo "result rolled back, kubelet does not start"; exit 13
            }
            systemctl stop kubelet || { echo "result stop failed"; exit 10; }
            if [ -e "$pki" ] || [ -L "$pki" ]; then keep "$pki" "$pki_backup" || roll_back 11; moved_pki=$kept; fi
            if [ -e "$kubeconfig" ] || [ -L "$kubeconfig" ]; then keep "$kubeconfig" "$kubeconfig_backup" || roll_back 11; moved_kubeconfig=$kept; fi
            systemctl start kubelet || roll_back 12
            echo "result restarted"
            """;

    /**
     * Runs {@link #RESTART} ({@code $1}) detached from the SSH session and waits for it: {@code $2} its log file, then its arguments.
     * Why detached: a dropped connection (or a cancelled command) ends the processes of its session, and a restart ended right
     * after {@code systemctl stop kubelet} would leave kubelet stopped until the next run (end-to-end tests saw exactly that). Started
     * from a subshell that exits at once (so it is no longer a child of this command's process tree), in its own session
     * ({@code setsid}, {@code nohup}, no terminal, output appended to the log on the host), the restart finishes, rolling back on
     * failure, whatever happens to the connection. This command only waits for the {@code exit N} line the restart's EXIT trap
     * writes and prints the log, so it still costs one round trip; if the restart disappears without that line (killed), exit 23.
     * A trap in the session instead was the other option, but no trap runs on SIGKILL, which is what ends a dropped session's
     * processes in the sandbox.
     */
    private static final String DETACHED = """
            restart=$1; log=$2; shift 2
            mkdir -p -- "$(dirname -- "$log")" && : > "$log" || exit 20
            pid=$( (setsid -w nohup sh -c "$restart" restart-kubelet "$@" < /dev/null >> "$log" 2>&1 & echo $!) )
            while ! grep -q '^exit [0-9]*$' "$log" && kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
            cat -- "$log"
            code=$(sed -n 's/^exit \\([0-9]*\\)$/\\1/p' "$log")
            exit "${code:-23}"
            """;

    /** Where the detached restart writes what it did (in the run's backup directory on the host). */
    String restartLog(ClusterNode node) {
        return context.layout(node).backupDir(context.runId()) + "/kubelet-restart.log";
    }

    HostScript restartScript(ClusterNode node) {
        HostLayout layout = context.layout(node);
        String pki = layout.kubeletPkiDir();
        String kubeconfig = layout.kubeletKubeconfig();
        String pkiBackup = context.backupPath(node, pki);
        String kubeconfigBackup = context.backupPath(node, kubeconfig);
        String failed = "a move or the start failed";
        return HostScript.of("restart kubelet", DETACHED, false,
                List.of(RESTART, restartLog(node), pki, kubeconfig, pkiBackup, kubeconfigBackup), List.of(
                        HostScript.Step.describe("detached from the SSH session (setsid, nohup), its output in " + restartLog(node)),
                        HostScript.Step.run(systemctl("stop")),
                        HostScript.Step.run(RecoveryContext.moveCommand(pki, pkiBackup)).onlyIf(pki + " exists"),
                        HostScript.Step.run(RecoveryContext.moveCommand(kubeconfig, kubeconfigBackup)).onlyIf(kubeconfig + " exists"),
                        HostScript.Step.run(systemctl("start")),
                        HostScript.Step.describe("put back what was moved").onlyIf(failed),
                        HostScript.Step.run(systemctl("start")).onlyIf(failed)));
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
        context.listener().hostLine(node.name(), "recovering kubelet: " + why);
        CommandResult result;
        try {
            result = context.run(node, NAME + ": restart kubelet", restartScript(node).command());
        } catch (RecoveryException lost) {
            throw new RecoveryException(node.name(), lost.step(), lost.detail() + "; if the restart had begun, it finishes (or rolls "
                    + "back) on the host by itself, detached from the connection: see " + restartLog(node), lost);
        }
        List<String> log = result.stdout().lines().toList();
        for (String line : log) {
            String movedTo = RecoveryContext.movedTo(line);
            if (movedTo != null) {
                context.listener().hostLine(node.name(), line);
                context.fileChanged(node, line.substring("moved ".length(), line.indexOf(" -> ")), "moved", movedTo);
            } else if (line.startsWith("put back ")) {
                context.listener().hostLine(node.name(), line);
                context.fileChanged(node, line.substring("put back ".length()), "moved back", null);
            }
        }
        String outcome = log.stream().filter(l -> l.startsWith("result ")).map(l -> l.substring(7)).reduce((a, b) -> b).orElse("");
        if (result.exitCode() != 0) {
            String step = switch (result.exitCode()) {
                case 10 -> NAME + ": stop kubelet";
                case 11, 14 -> NAME + ": move old credentials";
                default -> NAME + ": start kubelet";
            };
            List<String> putBack = log.stream().filter(l -> l.startsWith("put back ")).map(l -> l.substring(9)).toList();
            String detail = switch (result.exitCode()) {
                case 10 -> "`systemctl stop kubelet` failed; nothing was moved";
                case 11, 12 -> (result.exitCode() == 11 ? "moving the old credentials" : "`systemctl start kubelet`")
                        + " failed; rolled back: " + (putBack.isEmpty() ? "nothing had been moved" : "put back " + String.join(", ", putBack))
                        + ", kubelet started again";
                case 13 -> "`systemctl start kubelet` failed; rolled back: " + (putBack.isEmpty() ? "nothing had been moved"
                        : "put back " + String.join(", ", putBack)) + ", but kubelet still does not start";
                case 14 -> "ROLL BACK FAILED; put back: " + putBack + "; the rest is still in " + context.layout(node).backupDir(context.runId());
                default -> "the restart failed (exit " + result.exitCode() + (outcome.isEmpty() ? "" : ", " + outcome) + ")";
            };
            throw new RecoveryException(node.name(), step, detail + " (log: " + restartLog(node) + "): " + context.errorText(result));
        }
        recorder.restarted(node.name());
        String backup = log.stream().anyMatch(l -> l.startsWith("moved ")) ? context.layout(node).backupDir(context.runId()) : null;
        return new KubeletHostResult(node.name(), node.isMaster(), KubeletHostResult.Action.RESTARTED, backup, why);
    }
}
