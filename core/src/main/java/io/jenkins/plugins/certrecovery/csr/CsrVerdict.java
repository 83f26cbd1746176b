package io.jenkins.plugins.certrecovery.csr;

import java.util.List;

/**
 * What the validator thinks of one CSR.
 *
 * @param name      the CSR's name
 * @param kind      node client, node serving, or other
 * @param node      the inventory node it is for (from the request's CN), or null when it names none
 * @param requestor spec.username
 * @param condition the CONDITION as {@code oc get csr} shows it
 * @param valid     true only when every check passed: the only CSRs this tool approves
 * @param skipped   true when it was not examined because more CSRs were pending than the validator considers at once
 * @param reasons   why it is not valid (empty when valid)
 */
public record CsrVerdict(
        String name,
        CsrKind kind,
        String node,
        String requestor,
        String condition,
        boolean valid,
        boolean skipped,
        List<String> reasons) {
    public CsrVerdict {
        reasons = List.copyOf(reasons);
    }
}
