package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.csr.CsrVerdict;
import io.jenkins.plugins.certrecovery.recovery.CsrApprovalPolicy;
import io.jenkins.plugins.certrecovery.recovery.CsrApprovalResult;
import io.jenkins.plugins.certrecovery.recovery.KubeletHostResult;
import io.jenkins.plugins.certrecovery.recovery.OperationOutcome;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOperation;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import io.jenkins.plugins.certrecovery.recovery.RecoveryProcedure;
import io.jenkins.plugins.certrecovery.recovery.RecoverySummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code recoverCluster} on the agent: the whole procedure as the CLI's {@code recover} runs it (preflight, lock, checkpoints and
 * resume, the version's operations). With {@code approveValidated} the valid CSRs are approved until every node is Ready; without,
 * it stops before approving and lists them. Inside {@code withOpenShiftCluster} the block's lock is re-entered.
 */
record RecoverClusterTask(
        boolean approveValidated,
        int nodesReadyTimeoutMinutes,
        int apiserverTimeoutMinutes,
        int masterParallelism,
        int workerParallelism)
        implements OperationTask<RecoverySummary> {
    @Override
    public String stepName() {
        return "recoverCluster";
    }

    @Override
    public RecoveryOptions.Builder options(RecoveryOptions.Builder defaults) {
        return defaults.nodesReadyTimeout(Duration.ofMinutes(nodesReadyTimeoutMinutes))
                .apiserverTimeout(Duration.ofMinutes(apiserverTimeoutMinutes))
                .parallelism(masterParallelism, workerParallelism);
    }

    @Override
    public RecoveryOperation<RecoverySummary> operation(RecoveryContext context) {
        return new RecoveryProcedure(context, approveValidated ? CsrApprovalPolicy.ALL_VALID : null);
    }

    @Override
    public StepOutcome outcome(RecoverySummary summary, AgentSession session) {
        List<String> warnings = new ArrayList<>(session.warnings());
        LinkedHashMap<String, Object> result = new LinkedHashMap<>();
        result.put("runId", summary.runId());
        result.put("resumedRunId", summary.resumedRunId());
        result.put("finished", summary.allNodesReady());
        ArrayList<Object> operations = new ArrayList<>();
        for (OperationOutcome outcome : summary.operations()) {
            LinkedHashMap<String, Object> row = new LinkedHashMap<>();
            row.put("operation", outcome.operation());
            row.put("status", outcome.status().name());
            row.put("detail", outcome.detail());
            operations.add(row);
        }
        result.put("operations", operations);
        ArrayList<Object> kubelets = new ArrayList<>();
        if (summary.kubelets() != null) {
            for (KubeletHostResult host : summary.kubelets().hosts()) {
                kubelets.add(RecoverKubeletsTask.row(host, warnings));
            }
        }
        result.put("kubelets", kubelets);
        ArrayList<Object> csrs = new ArrayList<>();
        CsrApprovalResult approvals = summary.csrs();
        if (approvals != null) {
            for (CsrVerdict verdict : approvals.verdicts()) {
                csrs.add(ApproveCsrsTask.row(verdict, approvals.isApproved(verdict.name())));
                if (!verdict.valid()) {
                    warnings.add("CSR " + verdict.name() + " left pending: " + String.join("; ", verdict.reasons()));
                }
            }
        }
        result.put("csrs", csrs);
        result.put("notReady", new ArrayList<>(approvals == null ? List.of() : approvals.notReady()));
        ArrayList<Object> notRecovered = new ArrayList<>();
        summary.notRecovered().forEach(host -> notRecovered.add(RecoverKubeletsTask.row(host, new ArrayList<>())));
        result.put("notRecovered", notRecovered);
        if (!notRecovered.isEmpty()) {
            List<String> names =
                    summary.notRecovered().stream().map(KubeletHostResult::host).toList();
            warnings.add("not recovered (FAILED or SKIPPED): " + String.join(", ", names)
                    + "; the control plane and the other nodes "
                    + "are. Fix them (docs/recovery.md, \"When some nodes fail\"), then retry only them: recoverCluster(nodes: ['"
                    + String.join("', '", names) + "'])");
        }
        return new StepOutcome(result, warnings);
    }
}
