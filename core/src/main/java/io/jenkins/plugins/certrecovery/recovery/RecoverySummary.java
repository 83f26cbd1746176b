package io.jenkins.plugins.certrecovery.recovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a whole recovery.
 *
 * @param runId        this run's id (the backup directory on every host is named after it)
 * @param resumedRunId the id of the interrupted run this one resumed, or null
 * @param operations   every operation in order with what happened to it
 * @param regeneration the certificate table, or null when not run (4.4+, or done before)
 * @param redeploy     the redeploy, or null when not run
 * @param kubelets     the kubelet recovery per host, or null when not run
 * @param csrs         the CSR verdicts and approvals, or null when not run
 * @param took         wall time of the whole run
 */
public record RecoverySummary(
        String runId,
        String resumedRunId,
        List<OperationOutcome> operations,
        RegenerationResult regeneration,
        RedeployResult redeploy,
        KubeletRecoveryResult kubelets,
        CsrApprovalResult csrs,
        Duration took) {
    public RecoverySummary {
        operations = List.copyOf(operations);
    }

    /** True when every node in scope was recovered and Ready at the end (the CLI's exit 0). */
    public boolean allNodesReady() {
        return notRecovered().isEmpty() && (csrs == null || csrs.notReady().isEmpty());
    }

    /**
     * The nodes this run did not recover (FAILED: their recovery failed and was rolled back; SKIPPED: unreachable), masters first,
     * each with the reason: the control plane and every other node were recovered (the CLI's exit 2, Jenkins' UNSTABLE).
     */
    public List<KubeletHostResult> notRecovered() {
        return kubelets == null ? List.of() : kubelets.notRecovered();
    }

    /** The option that retries only the nodes not recovered, e.g. {@code --nodes master-1,worker-7} (Jenkins: {@code nodes:}). */
    public String retryOption() {
        return kubelets == null ? "" : kubelets.retryOption();
    }

    /** A readable summary, one line per operation, then the hosts restarted and the CSRs refused. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Recovery " + runId + (resumedRunId == null ? "" : " (resumed " + resumedRunId + ")")
                + " finished in " + Durations.human(took));
        for (OperationOutcome outcome : operations) {
            lines.add(String.format("  %-28s %-12s %s", outcome.operation(), outcome.status(), outcome.detail()));
        }
        if (kubelets != null) {
            kubelets.hosts()
                    .forEach(h -> lines.add(String.format(
                            "  kubelet %-20s %-18s %s",
                            h.host(), h.action(), h.backup() == null ? h.detail() : "backup in " + h.backup())));
        }
        if (csrs != null) {
            csrs.invalid()
                    .forEach(v -> lines.add("  CSR " + v.name() + " left pending: " + String.join("; ", v.reasons())));
            csrs.superseded().forEach(line -> lines.add("  CSR " + line + "; left pending"));
        }
        if (!notRecovered().isEmpty()) {
            lines.add("NOT RECOVERED (" + notRecovered().size() + "); the control plane and the other nodes are:");
            notRecovered().forEach(h -> lines.add(String.format("  %-7s %-20s %s", h.action(), h.host(), h.detail())));
            lines.add("Fix them (docs/recovery.md, \"When some nodes fail\"), then retry only them: recover "
                    + retryOption());
        }
        return lines;
    }
}
