package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.csr.CsrVerdict;
import io.jenkins.plugins.certrecovery.recovery.ApproveCsrs;
import io.jenkins.plugins.certrecovery.recovery.CsrApprovalPolicy;
import io.jenkins.plugins.certrecovery.recovery.CsrApprovalResult;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOperation;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code approveCsrs} on the agent: list (names null, no wait), approve the named ones, or approve valid ones until every node is
 * Ready. Returns one map per CSR seen: {@code [name, node, kind, requestor, valid, reasons, approved]}. A refused name, and in the
 * approving modes an invalid CSR left pending, make the step UNSTABLE.
 */
record ApproveCsrsTask(List<String> names, boolean waitUntilReady, int nodesReadyTimeoutMinutes)
        implements OperationTask<CsrApprovalResult> {
    @Override
    public String stepName() {
        return "approveCsrs";
    }

    @Override
    public RecoveryOptions.Builder options(RecoveryOptions.Builder defaults) {
        return defaults.nodesReadyTimeout(Duration.ofMinutes(nodesReadyTimeoutMinutes));
    }

    private boolean listOnly() {
        return names == null && !waitUntilReady;
    }

    @Override
    public RecoveryOperation<CsrApprovalResult> operation(RecoveryContext context) {
        return listOnly()
                ? ApproveCsrs.list(context)
                : waitUntilReady
                        ? ApproveCsrs.untilNodesReady(context, CsrApprovalPolicy.ALL_VALID)
                        : ApproveCsrs.approve(context, names);
    }

    @Override
    public StepOutcome outcome(CsrApprovalResult result, AgentSession session) {
        ArrayList<Object> rows = new ArrayList<>();
        List<String> warnings = new ArrayList<>(session.warnings());
        for (CsrVerdict verdict : result.verdicts()) {
            rows.add(row(verdict, result.isApproved(verdict.name())));
        }
        if (!listOnly()) {
            result.invalid().stream()
                    .filter(v -> !v.skipped()
                            && result.refused().stream().noneMatch(r -> r.name().equals(v.name())))
                    .forEach(v -> warnings.add("CSR " + v.name() + " left pending: " + String.join("; ", v.reasons())));
        }
        return new StepOutcome(rows, warnings);
    }

    /** An empty list. */
    @Override
    public Object dryRunValue(RecoveryOperation<? extends CsrApprovalResult> operation) {
        return new ArrayList<Object>();
    }

    /** One CSR as the steps return it; {@code recoverCluster} lists its CSRs the same way. */
    static LinkedHashMap<String, Object> row(CsrVerdict verdict, boolean approved) {
        LinkedHashMap<String, Object> row = new LinkedHashMap<>();
        row.put("name", verdict.name());
        row.put("node", verdict.node());
        row.put("kind", verdict.kind().name());
        row.put("requestor", verdict.requestor());
        row.put("valid", verdict.valid());
        row.put("reasons", new ArrayList<>(verdict.reasons()));
        row.put("approved", approved);
        return row;
    }
}
