package io.jenkins.plugins.certrecovery.csr;

import java.util.List;

/**
 * The outcome of checking the names asked for approval against a fresh CSR listing.
 *
 * @param approve the verdicts of the CSRs to approve: still pending and valid
 * @param refused the names that must not be approved, each with its reasons
 */
public record ApprovalSelection(List<CsrVerdict> approve, List<Refusal> refused) {
    public ApprovalSelection {
        approve = List.copyOf(approve);
        refused = List.copyOf(refused);
    }

    /** The names to pass to {@code oc adm certificate approve}. */
    public List<String> namesToApprove() {
        return approve.stream().map(CsrVerdict::name).toList();
    }

    /** A name asked for that is not approved, and why. */
    public record Refusal(String name, List<String> reasons) {
        public Refusal {
            reasons = List.copyOf(reasons);
        }
    }
}
