package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.csr.CertificateSigningRequest;
import io.jenkins.plugins.certrecovery.csr.CsrKind;
import io.jenkins.plugins.certrecovery.csr.CsrVerdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kubelet that waits for its certificate posts a new CSR every few minutes and watches only the newest (facts 3.6; okd#285: "multiple
 * pending node-bootstrapper CSRs every ~5–10 min"): approving an older one issues a certificate nobody uses. So of a node's valid
 * pending CSRs of one kind only the newest is offered for approval, and none that is not newer than one this run approved; the others
 * are superseded, left pending and reported. CSRs created in the same second (the API's resolution) are all offered: which one the
 * kubelet watches cannot be told.
 */
final class SupersededCsrs {
    private final Map<String, Instant> approvedUpTo = new HashMap<>();
    private final Map<String, String> superseded = new LinkedHashMap<>();

    private static String key(CsrVerdict verdict) {
        return verdict.kind() + " " + verdict.node();
    }

    private static Map<String, Instant> created(List<CertificateSigningRequest> listed) {
        Map<String, Instant> created = new HashMap<>();
        listed.forEach(c -> created.put(c.name(), c.created() == null ? Instant.MIN : c.created()));
        return created;
    }

    /**
     * The valid pending CSRs to offer for approval; the superseded ones are remembered with why.
     *
     * @param valid  valid pending CSRs of one listing
     * @param listed that listing (for the creation times)
     * @return the newly superseded ones' lines, for the caller to report
     */
    List<String> offer(List<CsrVerdict> valid, List<CertificateSigningRequest> listed, List<CsrVerdict> offered) {
        Map<String, Instant> created = created(listed);
        Map<String, CsrVerdict> newest = new HashMap<>();
        for (CsrVerdict verdict : valid) {
            if (verdict.kind() != CsrKind.OTHER && verdict.node() != null) {
                newest.merge(
                        key(verdict), verdict, (a, b) -> created.get(a.name()).isBefore(created.get(b.name())) ? b : a);
            }
        }
        List<String> reported = new ArrayList<>();
        for (CsrVerdict verdict : valid) {
            CsrVerdict newer = newest.get(key(verdict));
            Instant when = created.get(verdict.name());
            Instant approvedBefore = approvedUpTo.get(key(verdict));
            String why = null;
            if (newer != null && created.get(newer.name()).isAfter(when)) {
                why = "superseded by " + newer.name() + ", the newest " + verdict.kind() + " CSR of " + verdict.node();
            } else if (approvedBefore != null && !when.isAfter(approvedBefore)) {
                why = "superseded: a " + verdict.kind() + " CSR of " + verdict.node() + " as new or newer was approved";
            }
            if (why == null) {
                offered.add(verdict);
            } else if (superseded.putIfAbsent(verdict.name(), why) == null) {
                reported.add(verdict.name() + " " + why + "; left pending");
            }
        }
        return reported;
    }

    /** Remembers what was approved, so that older CSRs of the same node and kind are not approved in a later wave. */
    void approved(Collection<CsrVerdict> approved, List<CertificateSigningRequest> listed) {
        Map<String, Instant> created = created(listed);
        for (CsrVerdict verdict : approved) {
            Instant when = created.get(verdict.name());
            if (when != null && verdict.node() != null) {
                approvedUpTo.merge(key(verdict), when, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
    }

    /** Every CSR superseded so far: name and why. */
    List<String> lines() {
        return superseded.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .toList();
    }
}
