package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.csr.CsrVerdict;
import java.util.List;

/**
 * Decides which valid pending CSRs the wait mode approves. Only valid ones are ever offered (invalid ones cannot be approved at all);
 * whatever is chosen is validated again against a fresh listing just before approval. The CLI's {@code --approve prompt} asks per CSR;
 * {@link #ALL_VALID} is {@code --approve validated}.
 */
@FunctionalInterface
public interface CsrApprovalPolicy {
    /** The names to approve among these valid pending CSRs (possibly none, to wait for more). */
    List<String> choose(List<CsrVerdict> validPending) throws InterruptedException;

    /** Approves exactly the valid ones. */
    CsrApprovalPolicy ALL_VALID = valid -> valid.stream().map(CsrVerdict::name).toList();
}
