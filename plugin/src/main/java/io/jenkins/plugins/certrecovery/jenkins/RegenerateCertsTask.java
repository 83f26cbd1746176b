package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.recovery.CertificateExpiry;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOperation;
import io.jenkins.plugins.certrecovery.recovery.RegenerateCertificates;
import io.jenkins.plugins.certrecovery.recovery.RegenerationResult;
import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * {@code regenerateCerts} on the agent: the operator's {@code regenerate-certificates}, then the before/after expiry table in the log.
 * Returns {@code [path: [subject: …, before: …, after: …]]} with ISO-8601 instants (null where a file was missing).
 */
record RegenerateCertsTask() implements OperationTask<RegenerationResult> {
    @Override
    public String stepName() {
        return "regenerateCerts";
    }

    @Override
    public RecoveryOperation<RegenerationResult> operation(RecoveryContext context) {
        return new RegenerateCertificates(context);
    }

    @Override
    public StepOutcome outcome(RegenerationResult result, AgentSession session) {
        LinkedHashMap<String, Object> expiries = new LinkedHashMap<>();
        session.log("Control-plane certificates on "
                + session.cluster().context().firstMaster().name() + " (notAfter before -> after):");
        for (CertificateExpiry certificate : result.certificates()) {
            session.log(
                    "  " + text(certificate.before()) + " -> " + text(certificate.after()) + "  " + certificate.path());
            LinkedHashMap<String, Object> row = new LinkedHashMap<>();
            row.put("subject", certificate.subject());
            row.put("before", text(certificate.before()));
            row.put("after", text(certificate.after()));
            expiries.put(certificate.path(), row);
        }
        return StepOutcome.of(expiries);
    }

    /** An empty map. */
    @Override
    public Object dryRunValue(RecoveryOperation<? extends RegenerationResult> operation) {
        return new LinkedHashMap<String, Object>();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
