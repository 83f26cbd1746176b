package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificate files an OpenShift 4.6 or later node holds, per version (openshift-4x-facts.md section 2; the static pods'
 * lists from the operators' starter.go, release-4.6 to 4.18). The scan reads whole directories; these are the files that must be
 * among what it read, so that a missing one is an error row rather than a silent gap. Files marked optional in the facts are not
 * listed. Before 4.6 nothing is listed: the facts this is built on start at 4.6.
 */
final class ExpectedCertificates {
    /** The static pods whose current revision directory is scanned on 4.6+ masters, besides the kube-apiserver's. */
    static final List<String> REVISIONED_PODS_4X =
            List.of("kube-controller-manager-pod", "kube-scheduler-pod", "etcd-pod");

    static final String KUBE_APISERVER_POD = "kube-apiserver-pod";

    /**
     * One expected file.
     *
     * @param revisionPod null for a fixed path; else the static pod whose current revision directory holds {@code path}
     * @param path        the path on the host (below the node's prefix), or relative to the revision directory
     */
    record Expected(String revisionPod, String path) {}

    private ExpectedCertificates() {}

    static boolean coversVersion(OcpVersion version) {
        return version.major() > 4 || version.minor() >= 6;
    }

    static List<Expected> of(ClusterNode node, HostLayout layout, OcpVersion version) {
        List<Expected> expected = new ArrayList<>();
        if (!coversVersion(version)) {
            return expected;
        }
        if (node.isMaster()) {
            kubeApiserver(layout, version, expected);
            String kcm = layout.kubeControllerManagerCertsDir();
            fixed(
                    expected,
                    kcm + "/secrets/kube-controller-manager-client-cert-key/tls.crt",
                    kcm + "/secrets/csr-signer/tls.crt",
                    kcm + "/configmaps/client-ca/ca-bundle.crt",
                    kcm + "/configmaps/aggregator-client-ca/ca-bundle.crt",
                    layout.kubeSchedulerCertsDir() + "/secrets/kube-scheduler-client-cert-key/tls.crt");
            etcd(node, layout, version, expected);
        }
        fixed(
                expected,
                layout.kubeletPkiDir() + "/kubelet-client-current.pem",
                layout.kubeletPkiDir() + "/kubelet-server-current.pem");
        return expected;
    }

    private static void kubeApiserver(HostLayout layout, OcpVersion version, List<Expected> expected) {
        String certs = layout.kubeApiserverCertsDir();
        for (String secret : List.of(
                "aggregator-client",
                "localhost-serving-cert-certkey",
                "service-network-serving-certkey",
                "external-loadbalancer-serving-certkey",
                "internal-loadbalancer-serving-certkey",
                "control-plane-node-admin-client-cert-key",
                "check-endpoints-client-cert-key")) {
            fixed(expected, certs + "/secrets/" + secret + "/tls.crt");
        }
        fixed(
                expected,
                certs + "/configmaps/client-ca/ca-bundle.crt",
                certs + "/configmaps/aggregator-client-ca/ca-bundle.crt");
        for (String kubeconfig : List.of("localhost", "localhost-recovery", "lb-int", "lb-ext")) {
            fixed(expected, layout.nodeKubeconfigsDir() + "/" + kubeconfig + ".kubeconfig");
        }
        for (String file : List.of(
                "secrets/etcd-client/tls.crt",
                "secrets/localhost-recovery-serving-certkey/tls.crt",
                "configmaps/etcd-serving-ca/ca-bundle.crt",
                "configmaps/kubelet-serving-ca/ca-bundle.crt")) {
            expected.add(new Expected(KUBE_APISERVER_POD, file));
        }
        // The kube-apiserver's client certificate to the kubelets left the revision for the cert directory in 4.9.
        if (version.compareTo(new OcpVersion(4, 9)) >= 0) {
            fixed(expected, certs + "/secrets/kubelet-client/tls.crt");
        } else {
            expected.add(new Expected(KUBE_APISERVER_POD, "secrets/kubelet-client/tls.crt"));
        }
    }

    private static void etcd(ClusterNode node, HostLayout layout, OcpVersion version, List<Expected> expected) {
        String etcd = layout.etcdCertsDir();
        for (String kind : List.of("peer", "serving", "serving-metrics")) {
            // 4.8 put the per-node certificates of the three secrets into one, etcd-all-certs.
            String secret = version.compareTo(new OcpVersion(4, 8)) >= 0 ? "etcd-all-certs" : "etcd-all-" + kind;
            fixed(expected, etcd + "/secrets/" + secret + "/etcd-" + kind + "-" + node.name() + ".crt");
        }
        if (version.compareTo(new OcpVersion(4, 17)) >= 0) {
            fixed(
                    expected,
                    etcd + "/configmaps/etcd-all-bundles/server-ca-bundle.crt",
                    etcd + "/configmaps/etcd-all-bundles/metrics-ca-bundle.crt");
        } else {
            fixed(expected, etcd + "/configmaps/etcd-serving-ca/ca-bundle.crt");
        }
    }

    private static void fixed(List<Expected> expected, String... paths) {
        for (String path : paths) {
            expected.add(new Expected(null, path));
        }
    }
}
