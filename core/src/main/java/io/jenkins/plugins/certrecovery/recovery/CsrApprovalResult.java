package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.csr.ApprovalSelection;
import io.jenkins.plugins.certrecovery.csr.CsrVerdict;
import java.util.List;

/**
 * What {@link ApproveCsrs} saw and did.
 *
 * @param verdicts every pending CSR seen, with its verdict and reasons (in the wait mode: each CSR once, as first seen)
 * @param approved the names approved by this run
 * @param refused  names asked for that were not approved, with the reasons
 * @param notReady inventory nodes not Ready at the end (wait mode; empty otherwise)
 * @param superseded valid CSRs left pending because the same node asked again since (wait mode): name and why
 */
public record CsrApprovalResult(
        List<CsrVerdict> verdicts,
        List<String> approved,
        List<ApprovalSelection.Refusal> refused,
        List<String> notReady,
        List<String> superseded) {
    public CsrApprovalResult {
        verdicts = List.copyOf(verdicts);
        approved = List.copyOf(approved);
        refused = List.copyOf(refused);
        notReady = List.copyOf(notReady);
        superseded = List.copyOf(superseded);
    }

    /** A result without superseded CSRs (the list and approve modes). */
    public CsrApprovalResult(
            List<CsrVerdict> verdicts,
            List<String> approved,
            List<ApprovalSelection.Refusal> refused,
            List<String> notReady) {
        this(verdicts, approved, refused, notReady, List.of());
    }

    public boolean isApproved(String name) {
        return approved.contains(name);
    }

    /** Pending CSRs seen that are not valid (rogue or foreign requests): never approved. */
    public List<CsrVerdict> invalid() {
        return verdicts.stream().filter(v -> !v.valid()).toList();
    }
}
