package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Operation 6: the whole documented procedure. Preflight (nothing changes when it fails), the cluster lock, then the operations in
 * order with a checkpoint on the first master after each, so that a second run resumes where a failed one stopped. 4.1–4.3: recovery
 * API server, regenerate, redeploy, kubelets, CSRs, recovery API server destroyed (also on failure, unless asked to keep it). 4.4 and
 * 4.5: kubelets and CSRs with the admin kubeconfig the user names. A cluster whose certificates are all valid is left alone.
 * 4.6 and later (the documented procedure there, facts 1.1): preflight, wait for the API through the admin kubeconfig, approve the
 * valid node CSRs wave by wave until every inventory node is Ready; no lock, no checkpoint, no file changed on any host (the wait is
 * idempotent: a second run, or two at once, approve nothing twice), no kubelet restart.
 * Cancelling the thread (Ctrl-C, a Jenkins abort) stops the current remote command, releases the lock and leaves the recovery API
 * server as it is. Without an approval policy it stops before approving: it lists the pending CSRs and the nodes not Ready, keeps the
 * recovery API server (approving needs it) and the checkpoint, so that after the approvals a second run finishes. A node whose
 * kubelet recovery fails does not stop the run: it is recorded as FAILED, the other nodes are recovered and waited for, and the
 * checkpoint stays open so that a run with {@link RecoveryOptions#onlyNodes()} finishes just those nodes. A failure of a
 * cluster-wide step, the lock or a refused host key stops the run.
 *
 * <p>Longer than 300 lines on purpose: it is the procedure's one script (the operations of each version in their order,
 * the checkpoint around each, what a failure of each means for the run), which is reviewed as a whole.
 */
public final class RecoveryProcedure implements RecoveryOperation<RecoverySummary> {
    public static final String NAME = "recover";

    private final RecoveryContext context;
    private final CsrApprovalPolicy approvals;
    private final CheckpointStore store;
    private RecoveryCheckpoint checkpoint;
    private final List<OperationOutcome> outcomes = new ArrayList<>();

    /**
     * @param approvals which valid CSRs to approve ({@link CsrApprovalPolicy#ALL_VALID} approves exactly the valid ones), or null to
     *                  stop before approving (the caller approves, then runs again)
     */
    public RecoveryProcedure(RecoveryContext context, CsrApprovalPolicy approvals) {
        this.context = context;
        this.approvals = approvals;
        this.store = new CheckpointStore(context);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Up to 4.5 it changes files on the hosts; from 4.6 on it only approves CSRs, which two runs at once never do twice. */
    @Override
    public boolean changesCluster() {
        return !byApprovingCsrs();
    }

    /** The lock comes after the preflight, which decides the first master the run can reach (the lock lives there). */
    @Override
    public boolean takesLockItself() {
        return true;
    }

    private boolean viaRecoveryApiserver() {
        return context.inventory().ocpVersion().hasRecoveryApiserver();
    }

    private boolean byApprovingCsrs() {
        return VersionOperations.recoversByApprovingCsrs(context.inventory().ocpVersion());
    }

    @Override
    public OperationPlan plan() throws RecoveryException {
        context.warnIfUnverifiedVersion();
        List<OperationPlan> parts = new ArrayList<>();
        parts.add(new Preflight(context).plan());
        if (byApprovingCsrs()) {
            parts.add(new AwaitApi(context).plan());
            parts.add(
                    approvals == null
                            ? ApproveCsrs.list(context).plan()
                            : ApproveCsrs.untilNodesReady(context, approvals).plan());
            return OperationPlan.concat(NAME, parts);
        }
        List<PlanStep> lock = new ArrayList<>(ClusterLock.plan(context));
        lock.addAll(store.loadPlan());
        String fresh = "no unfinished recovery is resumed";
        if (viaRecoveryApiserver()) {
            lock.add(PlanStep.run(context.firstMaster().name(), new ControlPlaneCertificates(context).readScript())
                    .onlyIf(fresh));
        }
        KubeletClientCertificate kubelet = new KubeletClientCertificate(context);
        for (ClusterNode node : context.nodesInScope()) {
            lock.add(PlanStep.run(node.name(), kubelet.readScript(node))
                    .onlyIf(fresh + " and no certificate before is expiring"));
        }
        parts.add(new OperationPlan("lock and assess", lock));
        String image = KubeApiserverOperator.IMAGE_PLACEHOLDER;
        if (viaRecoveryApiserver()) {
            parts.add(new RecoveryApiserverCreate(context).plan());
            parts.add(new RegenerateCertificates(context, image).plan());
            parts.add(new ForceRedeploy(context).plan());
        }
        parts.add(new RecoverKubelets(context).plan());
        parts.add(
                approvals == null
                        ? ApproveCsrs.list(context).plan()
                        : ApproveCsrs.untilNodesReady(context, approvals).plan());
        if (viaRecoveryApiserver()) {
            parts.add(new RecoveryApiserverDestroy(context, image).plan());
        }
        List<PlanStep> unlock = ClusterLock.releasePlan(context);
        if (!unlock.isEmpty()) {
            parts.add(new OperationPlan("unlock", unlock));
        }
        return OperationPlan.concat(NAME, parts);
    }

    /**
     * @throws PreflightException when the preflight found problems (nothing changed)
     * @throws RecoveryException  naming the host and operation that failed; the checkpoint lets the next run resume
     */
    @Override
    public RecoverySummary execute() throws RecoveryException, InterruptedException {
        long start = System.nanoTime();
        run(new Preflight(context));
        if (byApprovingCsrs()) {
            run(new AwaitApi(context));
            CsrApprovalResult csrs =
                    approvals == null ? pendingApprovals() : run(ApproveCsrs.untilNodesReady(context, approvals));
            return summary(null, null, null, null, csrs, start);
        }
        try (ClusterLock lock = ClusterLock.forRun(context)) {
            Optional<RecoveryCheckpoint> resumed = store.unfinished();
            checkpoint = resumed.orElseGet(() -> RecoveryCheckpoint.start(
                    context.runId(),
                    context.clock().instant().toString(),
                    context.options().owner()));
            resumed.ifPresent(c -> context.listener()
                    .info("resuming recovery " + c.runId() + " started by " + c.owner() + " at " + c.started()
                            + "; finished before: "
                            + (c.completed().isEmpty() ? "nothing" : String.join(", ", c.completed()))));
            if (resumed.isEmpty()) {
                String problem = firstCertificateProblem();
                if (problem == null) {
                    context.listener().info("every control-plane and kubelet certificate is valid: nothing to recover");
                    outcomes.add(new OperationOutcome(
                            NAME, OperationOutcome.Status.SKIPPED, "every certificate is valid", Duration.ZERO));
                    return summary(null, null, null, null, null, start);
                }
                context.listener().info("recovery needed: " + problem);
            }
            store.save(checkpoint);
            return recover(resumed.map(RecoveryCheckpoint::runId).orElse(null), start);
        }
    }

    private RecoverySummary recover(String resumedRunId, long start) throws RecoveryException, InterruptedException {
        RegenerationResult regeneration = null;
        RedeployResult redeploy = null;
        String image = null;
        try {
            if (viaRecoveryApiserver()) {
                image = run(new RecoveryApiserverCreate(context)).operatorImage();
                if (isDone(RegenerateCertificates.NAME)) {
                    alreadyDone(RegenerateCertificates.NAME);
                } else {
                    regeneration = run(new RegenerateCertificates(context, image));
                    complete(RegenerateCertificates.NAME);
                }
                if (isDone(ForceRedeploy.NAME)) {
                    alreadyDone(ForceRedeploy.NAME);
                } else if (regeneration != null && !regeneration.regenerated() && checkpoint.redeployReason() == null) {
                    skipped(
                            ForceRedeploy.NAME,
                            "no certificate was regenerated: the control plane needs no new rollout");
                } else {
                    ForceRedeploy operation = checkpoint.redeployReason() == null
                            ? new ForceRedeploy(context)
                            : new ForceRedeploy(context, checkpoint.redeployReason());
                    checkpoint = checkpoint.withRedeployReason(operation.reason());
                    store.save(checkpoint);
                    redeploy = run(operation);
                    complete(ForceRedeploy.NAME);
                }
            }
            KubeletRecoveryResult kubelets = null;
            List<String> leftOut = context.skipped();
            if (isDone(RecoverKubelets.NAME)) {
                alreadyDone(RecoverKubelets.NAME);
            } else {
                kubelets = run(new RecoverKubelets(
                        context, Set.copyOf(checkpoint.kubeletsRestarted()), this::kubeletRestarted));
                leftOut = kubelets.notRecovered().stream()
                        .map(KubeletHostResult::host)
                        .toList();
                if (leftOut.isEmpty() && context.options().onlyNodes().isEmpty()) {
                    complete(RecoverKubelets.NAME);
                }
            }
            CsrApprovalResult csrs = approvals == null
                    ? pendingApprovals()
                    : run(ApproveCsrs.untilNodesReady(context, approvals, leftOut));
            if (approvals == null && !csrs.notReady().isEmpty()) {
                // stopped before approving: the recovery API server and the checkpoint stay for the run that finishes
                return summary(resumedRunId, regeneration, redeploy, kubelets, csrs, start);
            }
            if (viaRecoveryApiserver()) {
                destroyOrKeep(image);
            }
            if (leftOut.isEmpty() && context.options().onlyNodes().isEmpty()) {
                checkpoint = checkpoint.asFinished();
            } else {
                // open: the next run resumes it (with onlyNodes, for just the nodes left); nothing finished is done
                // again
                context.listener()
                        .info("the recovery stays open for the nodes not recovered: "
                                + (leftOut.isEmpty()
                                        ? "only "
                                                + String.join(
                                                        ", ", context.options().onlyNodes()) + " were asked for"
                                        : String.join(", ", leftOut)));
            }
            store.save(checkpoint);
            return summary(resumedRunId, regeneration, redeploy, kubelets, csrs, start);
        } catch (RecoveryException failure) {
            if (viaRecoveryApiserver()) {
                cleanUpAfter(failure, image);
            }
            throw failure;
        }
    }

    /** Without an approval policy: the pending CSRs with their verdicts and the nodes not Ready, nothing approved. */
    private CsrApprovalResult pendingApprovals() throws RecoveryException, InterruptedException {
        long start = System.nanoTime();
        Set<String> ready = new HashSet<>();
        ApproveCsrs.nodes(context, Oc.admin(context)).stream()
                .filter(n -> n.ready())
                .forEach(n -> ready.add(n.name()));
        List<String> notReady = context.inventory().nodes().stream()
                .map(ClusterNode::name)
                .filter(n -> !ready.contains(n))
                .toList();
        CsrApprovalResult listed = context.perform(ApproveCsrs.list(context));
        long valid = listed.verdicts().stream().filter(v -> v.valid()).count();
        String detail = notReady.isEmpty()
                ? "every inventory node is Ready"
                : "stopped before approving: " + valid + " valid CSRs pending; not Ready: "
                        + String.join(", ", notReady);
        outcomes.add(new OperationOutcome(
                ApproveCsrs.NAME,
                notReady.isEmpty() ? OperationOutcome.Status.DONE : OperationOutcome.Status.SKIPPED,
                detail,
                Duration.ofNanos(System.nanoTime() - start)));
        if (!notReady.isEmpty()) {
            context.listener()
                    .info(ApproveCsrs.NAME + ": " + detail + "; approve the valid ones, then run again to finish");
        }
        return new CsrApprovalResult(listed.verdicts(), List.of(), List.of(), notReady);
    }

    private void destroyOrKeep(String image) throws RecoveryException, InterruptedException {
        if (context.options().keepRecoveryApiserver()) {
            skipped(
                    RecoveryApiserverDestroy.NAME,
                    "kept as asked: destroy it with recovery-apiserver destroy when done");
        } else {
            run(new RecoveryApiserverDestroy(context, image));
        }
    }

    /** After a failure the recovery API server goes too, unless asked to keep it; a failure of that is attached, not thrown. */
    private void cleanUpAfter(RecoveryException failure, String image) throws InterruptedException {
        if (context.options().keepRecoveryApiserver()) {
            context.warning("the recovery API server is kept as asked");
            return;
        }
        try {
            new RecoveryApiserverDestroy(context, image).execute();
        } catch (RecoveryException destroyFailure) {
            failure.addSuppressed(destroyFailure);
            context.warning(
                    "could not destroy the recovery API server after the failure: " + destroyFailure.getMessage());
        }
    }

    private synchronized void kubeletRestarted(String host) throws RecoveryException, InterruptedException {
        checkpoint = checkpoint.withKubeletRestarted(host);
        store.save(checkpoint);
    }

    /** The first certificate that is expired or about to expire (control plane on 4.1–4.3, then each kubelet), or null. */
    private String firstCertificateProblem() throws RecoveryException, InterruptedException {
        Instant validUntil = context.clock().instant().plus(context.options().minimumValidity());
        if (viaRecoveryApiserver()) {
            var stale =
                    ControlPlaneCertificates.stale(new ControlPlaneCertificates(context).read("assess"), validUntil);
            if (!stale.isEmpty()) {
                return context.firstMaster().name() + ": control-plane secrets " + stale;
            }
        }
        KubeletClientCertificate kubelet = new KubeletClientCertificate(context);
        for (ClusterNode node : context.nodesInScope()) {
            String problem = kubelet.problem(node, "assess");
            if (problem != null) {
                return node.name() + ": " + problem;
            }
        }
        return null;
    }

    private <R> R run(RecoveryOperation<R> operation) throws RecoveryException, InterruptedException {
        long start = System.nanoTime();
        R result = context.perform(operation);
        outcomes.add(new OperationOutcome(
                operation.name(),
                OperationOutcome.Status.DONE,
                OperationOutcome.describe(result),
                Duration.ofNanos(System.nanoTime() - start)));
        return result;
    }

    private boolean isDone(String operation) {
        return checkpoint.isCompleted(operation);
    }

    private void alreadyDone(String operation) {
        outcomes.add(new OperationOutcome(
                operation,
                OperationOutcome.Status.ALREADY_DONE,
                "finished by run " + checkpoint.runId(),
                Duration.ZERO));
        context.listener().info(operation + ": finished by run " + checkpoint.runId() + ", not repeated");
    }

    private void skipped(String operation, String why) {
        outcomes.add(new OperationOutcome(operation, OperationOutcome.Status.SKIPPED, why, Duration.ZERO));
        context.listener().info(operation + ": skipped, " + why);
    }

    private void complete(String operation) throws RecoveryException, InterruptedException {
        checkpoint = checkpoint.withCompleted(operation);
        store.save(checkpoint);
    }

    private RecoverySummary summary(
            String resumedRunId,
            RegenerationResult regeneration,
            RedeployResult redeploy,
            KubeletRecoveryResult kubelets,
            CsrApprovalResult csrs,
            long start) {
        RecoverySummary summary = new RecoverySummary(
                context.runId(),
                resumedRunId,
                outcomes,
                regeneration,
                redeploy,
                kubelets,
                csrs,
                Duration.ofNanos(System.nanoTime() - start));
        summary.lines().forEach(context.listener()::info);
        return summary;
    }
}
