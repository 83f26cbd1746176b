package io.jenkins.plugins.certrecovery.sandbox;

import java.time.Duration;

/**
 * The OpenShift release the sandbox imitates: 4.3 (the recovery API server procedure) or 4.6 to 4.18 (automatic control-plane
 * recovery, manual kubelet CSRs). What differs between releases comes from /work/shared/openshift-4x-facts.md, section named at
 * each method; docs/sandbox.md lists them per {@link Profile}.
 *
 * @param minor the minor version: 3, or 6 to 18
 */
public record OpenShiftVersion(int minor) {
    /** The groups of releases that behave alike for this recovery. */
    public enum Profile {
        /** Recovery API server, certificates.k8s.io/v1beta1 CSRs. */
        OCP_4_3,
        /** No recovery API server; v1 CSRs without REQUESTEDDURATION; kubelet-client revisioned. */
        OCP_4_6_TO_4_8,
        /** kubelet-client in the cert dir; REQUESTEDDURATION column. */
        OCP_4_9_TO_4_13,
        /** OVN per-node kube-apiserver-client CSRs. */
        OCP_4_14_TO_4_15,
        /** node-system-admin-client lives 2 years. */
        OCP_4_16_TO_4_18
    }

    public OpenShiftVersion {
        if (minor != 3 && (minor < 6 || minor > 18)) {
            throw new IllegalArgumentException(
                    "ocpVersion: the sandbox simulates OpenShift 4.3 and 4.6 to 4.18, got 4." + minor);
        }
    }

    /** Parses {@code 4.N} (a patch level such as {@code 4.12.30} is accepted and ignored). */
    public static OpenShiftVersion parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("\\.");
        if (parts.length < 2 || !parts[0].equals("4") || !parts[1].matches("\\d{1,2}")) {
            throw new IllegalArgumentException("ocpVersion: expected 4.N (4.3 or 4.6 to 4.18), got '" + text + "'");
        }
        return new OpenShiftVersion(Integer.parseInt(parts[1]));
    }

    public Profile profile() {
        if (minor == 3) {
            return Profile.OCP_4_3;
        }
        if (minor <= 8) {
            return Profile.OCP_4_6_TO_4_8;
        }
        if (minor <= 13) {
            return Profile.OCP_4_9_TO_4_13;
        }
        return minor <= 15 ? Profile.OCP_4_14_TO_4_15 : Profile.OCP_4_16_TO_4_18;
    }

    /** {@code 4.N}, as the inventory's {@code ocpVersion} says it. */
    public String text() {
        return "4." + minor;
    }

    /** The release image of {@code 4.N.0}. */
    String releaseImage() {
        return "quay.io/openshift-release-dev/ocp-release:" + text() + ".0-x86_64";
    }

    /** KAS-op release-4.4/4.5 still have pkg/cmd/recoveryapiserver, release-4.6+ do not (facts §1.3). */
    boolean hasRecoveryApiserver() {
        return minor <= 5;
    }

    /** certificates.k8s.io/v1 with signerName is GA in Kubernetes 1.19 = OCP 4.6 (facts §4.4). */
    boolean csrV1() {
        return minor >= 6;
    }

    /** spec.expirationSeconds and the REQUESTEDDURATION column came with Kubernetes 1.22 = OCP 4.9 (facts §4.4). */
    boolean requestedDuration() {
        return minor >= 9;
    }

    /** kubelet-client moved from the revisioned secrets to the cert secrets in KAS-op release-4.9 (facts §2.2). */
    boolean kubeletClientInCertDir() {
        return minor >= 9;
    }

    /** etcd's per-node certificates in one secret etcd-all-certs from CEO release-4.8 (facts §2.4). */
    boolean etcdAllCerts() {
        return minor >= 8;
    }

    /** etcd's CA bundles in configmap etcd-all-bundles from CEO release-4.17 (facts §2.4). */
    boolean etcdAllBundles() {
        return minor >= 17;
    }

    /** node-system-admin-client: 120 days up to 4.15, 2 × 365 days from 4.16 (KAS-op commit 55b4eec0c; facts §3.2). */
    Duration nodeSystemAdminClientLifetime() {
        return minor >= 16 ? Duration.ofDays(2 * 365) : Duration.ofDays(120);
    }

    /** ovn-kubernetes interconnect asks for per-node kube-apiserver-client certificates from 4.14 (facts §5.4). */
    boolean ovnNodeCsrs() {
        return minor >= 14;
    }

    /** The kubelet version {@code oc get nodes} shows: OCP 4.N ships Kubernetes 1.(N+13) (4.3.0: 1.16.2). */
    String kubernetesVersion() {
        return minor == 3 ? "v1.16.2" : "v1." + (minor + 13) + ".0";
    }
}
