package io.jenkins.plugins.certrecovery.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * A CertificateSigningRequest (certificates.k8s.io/v1beta1 on 4.3, v1 on 4.6+) and its conditions.
 *
 * @param name          {@code csr-xxxxx}
 * @param created       creation time
 * @param username      {@code spec.username}, the requestor
 * @param groups        {@code spec.groups}
 * @param usages        {@code spec.usages}
 * @param commonName    CN of the PKCS#10 request
 * @param organizations O of the request
 * @param dnsNames      DNS SANs of the request
 * @param ipAddresses   IP SANs of the request
 * @param approved      has an Approved condition
 * @param denied        has a Denied condition
 * @param issued        {@code status.certificate} is set
 * @param rogue         which rogue this is, or null for a kubelet's own request
 * @param signerName    {@code spec.signerName} (certificates.k8s.io/v1, 4.6+), null on 4.3
 */
public record CsrStatus(
        String name,
        Instant created,
        String username,
        List<String> groups,
        List<String> usages,
        String commonName,
        List<String> organizations,
        List<String> dnsNames,
        List<String> ipAddresses,
        boolean approved,
        boolean denied,
        boolean issued,
        RogueCsr rogue,
        String signerName) {
    public CsrStatus {
        groups = List.copyOf(groups);
        usages = List.copyOf(usages);
        organizations = List.copyOf(organizations);
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    /** The CONDITION column of {@code oc get csr}: Pending, Approved, Denied, with ",Issued" once signed. */
    public String condition() {
        String base = denied ? "Denied" : approved ? "Approved" : "Pending";
        return issued ? base + ",Issued" : base;
    }

    public boolean pending() {
        return !approved && !denied;
    }

    /** True for a serving CSR (asks for server auth). */
    public boolean serving() {
        return usages.contains("server auth");
    }
}
