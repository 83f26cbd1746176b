package io.jenkins.plugins.certrecovery.recovery;

import java.util.List;

/**
 * What {@link RegenerateCertificates} did.
 *
 * @param regenerated  false when every control-plane certificate was already valid long enough, so nothing was run
 * @param certificates every control-plane certificate file with its expiry before and after
 */
public record RegenerationResult(boolean regenerated, List<CertificateExpiry> certificates) {
    public RegenerationResult {
        certificates = List.copyOf(certificates);
    }
}
