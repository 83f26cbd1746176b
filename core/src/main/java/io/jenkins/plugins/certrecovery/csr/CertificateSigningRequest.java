package io.jenkins.plugins.certrecovery.csr;

import java.time.Instant;
import java.util.List;

/**
 * One CSR as {@code oc get csr -o json} lists it (certificates.k8s.io v1beta1 as 4.3 prints it, or v1).
 *
 * @param name           metadata.name
 * @param created        metadata.creationTimestamp, or null when absent
 * @param username       spec.username: who asked (the REQUESTOR column)
 * @param groups         spec.groups
 * @param usages         spec.usages
 * @param signerName     spec.signerName (v1, and v1beta1 from Kubernetes 1.18), or null
 * @param expirationSeconds spec.expirationSeconds (v1 from Kubernetes 1.22 = OpenShift 4.9), or null when absent
 * @param request        spec.request, base64-decoded: normally a PEM "CERTIFICATE REQUEST"
 * @param conditionTypes status.conditions[].type in order (Approved, Denied, Failed)
 * @param issued         status.certificate is present
 */
public record CertificateSigningRequest(
        String name,
        Instant created,
        String username,
        List<String> groups,
        List<String> usages,
        String signerName,
        Long expirationSeconds,
        byte[] request,
        List<String> conditionTypes,
        boolean issued) {
    public CertificateSigningRequest {
        groups = List.copyOf(groups);
        usages = List.copyOf(usages);
        conditionTypes = List.copyOf(conditionTypes);
        request = request.clone();
    }

    @Override
    public byte[] request() {
        return request.clone();
    }

    /**
     * The CONDITION column as {@code oc get csr} shows it: Denied, else Approved, else Pending; then ",Failed" and ",Issued"
     * (kubernetes pkg/printers/internalversion/printers.go, extractCSRStatus).
     */
    public String condition() {
        String status = conditionTypes.contains("Denied")
                ? "Denied"
                : conditionTypes.contains("Approved") ? "Approved" : "Pending";
        if (conditionTypes.contains("Failed")) {
            status += ",Failed";
        }
        if (issued) {
            status += ",Issued";
        }
        return status;
    }

    /** Neither approved, denied, failed nor issued: the only state in which this tool approves a CSR. */
    public boolean isPending() {
        return condition().equals("Pending");
    }
}
