package io.jenkins.plugins.certrecovery.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Lays out a host's files as on an OCP 4.3 node after a long shutdown (cert dirs and revision
 * directories of the static pods under /etc/kubernetes/static-pod-resources, the kubelet's pki/, kubeconfigs and CA):
 * the control plane's current revisions (from {@link ControlPlane}) on masters, the kubelet's files on every host.
 */
final class HostProvisioner {
    private final ClusterState state;
    private final ClusterCertificates certs;

    HostProvisioner(ClusterState state) {
        this.state = state;
        this.certs = state.certificates;
    }

    void provision(SimHost host, Instant now) {
        try {
            Files.createDirectories(host.root());
            for (String dir :
                    List.of("/run", "/root", "/var/home/core", "/tmp", HostFiles.MANIFESTS, HostFiles.KUBELET_PKI)) {
                Files.createDirectories(host.path(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create host directory " + host.root(), e);
        }
        if (host.isMaster()) {
            provisionControlPlane(host);
        }
        provisionKubelet(host, now);
        try {
            // RHCOS keeps the pull secret readable by root only.
            Files.setPosixFilePermissions(
                    host.path(HostFiles.PULL_SECRET),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The revision every master runs at start, laid out as its installer pods left it. */
    private void provisionControlPlane(SimHost host) {
        for (ControlPlane.Component component : state.controlPlane.components()) {
            state.controlPlane.install(host, component, component.initialRevision());
        }
        if (state.spec.ocpVersion().csrV1()) {
            provisionEtcd(host);
        }
    }

    /**
     * etcd's cert dir on a 4.6+ master: every master's peer, serving and metrics certificates (3 years, never rotated before
     * 4.9), in the layout of its release (openshift-4x-facts §2.4): secrets etcd-all-peer / etcd-all-serving /
     * etcd-all-serving-metrics up to 4.7, etcd-all-certs from 4.8; CA bundles in etcd-serving-ca up to 4.16, etcd-all-bundles
     * from 4.17. The manifest names revision 3 and the cert dir, as the installer leaves them.
     */
    private void provisionEtcd(SimHost host) {
        OpenShiftVersion version = state.spec.ocpVersion();
        String certDir = HostFiles.ETCD_CERT_DIR;
        String ca = certs.etcdSigner.certificatePem();
        for (SimHost member : state.masters()) {
            for (String kind : List.of("peer", "serving", "serving-metrics")) {
                String secret = version.etcdAllCerts() ? "etcd-all-certs" : "etcd-all-" + kind;
                String base = certDir + "/secrets/" + secret + "/etcd-" + kind + "-" + member.name();
                // Issued at installation, 400 days ago: 3 years, valid.
                Pki.Issued issued = certs.pki.leaf(
                        certs.etcdSigner,
                        Pki.Subject.of(
                                "system:etcd-" + kind + ":" + member.name(),
                                "system:etcd-" + (kind.equals("peer") ? "peers" : "servers")),
                        state.installedAt,
                        state.installedAt.plus(ClusterCertificates.ETCD_LEAF),
                        kind.equals("peer") ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth,
                        List.of("localhost", member.name()),
                        List.of(member.ip()));
                HostFiles.write(host.path(base + ".crt"), issued.certificatePem());
                HostFiles.write(host.path(base + ".key"), issued.keyPem());
            }
        }
        if (version.etcdAllBundles()) {
            HostFiles.write(host.path(certDir + "/configmaps/etcd-all-bundles/server-ca-bundle.crt"), ca);
            HostFiles.write(host.path(certDir + "/configmaps/etcd-all-bundles/metrics-ca-bundle.crt"), ca);
        } else {
            HostFiles.write(host.path(certDir + "/configmaps/etcd-serving-ca/ca-bundle.crt"), ca);
            HostFiles.write(host.path(certDir + "/configmaps/etcd-peer-client-ca/ca-bundle.crt"), ca);
            HostFiles.write(host.path(certDir + "/configmaps/etcd-metrics-proxy-serving-ca/ca-bundle.crt"), ca);
        }
        String resourceDir = HostFiles.RESOURCES + "/etcd-pod-3";
        String manifest = HostFiles.staticPodManifest(
                "etcd", "openshift-etcd", "etcd", "quay.io/openshift-release-dev/etcd", resourceDir, certDir, 3);
        HostFiles.write(host.path(resourceDir + "/etcd-pod.yaml"), manifest);
        HostFiles.write(host.path(HostFiles.ETCD_MANIFEST), manifest);
    }

    private void provisionKubelet(SimHost host, Instant now) {
        int workerIndex = host.isMaster()
                ? -1
                : Integer.parseInt(host.name().substring(host.name().lastIndexOf('-') + 1));
        boolean validClient =
                !certs.initiallyExpired() || workerIndex >= 0 && workerIndex < state.spec.workersWithValidClient();
        Pki.Subject node = Pki.Subject.of("system:node:" + host.name(), "system:nodes");
        Instant issuedAt = state.installedAt.plus(java.time.Duration.ofDays(1));
        Pki.Issued client = certs.leaf(
                certs.csrSigner(), node, !validClient, now, KeyPurposeId.id_kp_clientAuth, List.of(), List.of());
        Pki.Issued server = certs.leaf(
                certs.csrSigner(),
                node,
                !validClient,
                now,
                KeyPurposeId.id_kp_serverAuth,
                List.of(host.name()),
                List.of(host.ip()));
        HostFiles.writeKubeletPem(host, "kubelet-client", client.certificatePem(), client.keyPem(), issuedAt);
        HostFiles.writeKubeletPem(host, "kubelet-server", server.certificatePem(), server.keyPem(), issuedAt);
        String caData = Kubeconfig.base64(certs.rootCa.certificatePem());
        HostFiles.write(
                host.path(HostFiles.KUBELET_KUBECONFIG),
                new Kubeconfig(
                                "default-cluster",
                                state.spec.apiServerInternalUri(),
                                caData,
                                null,
                                "default-auth",
                                null,
                                null,
                                null,
                                HostFiles.KUBELET_PKI + "/kubelet-client-current.pem")
                        .toYaml("default-context"));
        HostFiles.write(host.path(HostFiles.BOOTSTRAP_KUBECONFIG), bootstrapKubeconfig(host, caData));
        if (state.spec.ocpVersion().ovnNodeCsrs()) {
            // ovnkube-node's client certificate lives 24 h (the CSR's expirationSeconds): expired after any shutdown of
            // a day.
            Pki.Subject ovn = Pki.Subject.of("system:ovn-node:" + host.name(), "system:ovn-nodes");
            Pki.Issued ovnClient = validClient
                    ? certs.pki.leaf(
                            certs.csrSigner(),
                            ovn,
                            now.minus(java.time.Duration.ofHours(1)),
                            now.plus(ClusterState.OVN_CERT_LIFETIME),
                            KeyPurposeId.id_kp_clientAuth,
                            List.of(),
                            List.of())
                    : certs.pki.leaf(
                            certs.csrSigner(),
                            ovn,
                            issuedAt,
                            issuedAt.plus(ClusterState.OVN_CERT_LIFETIME),
                            KeyPurposeId.id_kp_clientAuth,
                            List.of(),
                            List.of());
            HostFiles.writeRotatedPem(
                    host,
                    HostFiles.OVN_CERT_DIR,
                    ClusterState.OVN_PEM_KIND,
                    ovnClient.certificatePem(),
                    ovnClient.keyPem(),
                    issuedAt);
        }
        HostFiles.write(host.path(HostFiles.KUBELET_CA), certs.kubeletCaBundle());
        HostFiles.write(
                host.path(HostFiles.PULL_SECRET),
                HostFiles.pullSecret(Map.of(
                        "quay.io", Kubeconfig.base64("openshift-release-dev+sandbox:" + state.hex(20)),
                        "cloud.openshift.com", Kubeconfig.base64("openshift-release-dev+sandbox:" + state.hex(20)))));
    }

    /**
     * /etc/kubernetes/kubeconfig. 4.3: masters keep the installer's bootstrap kubeconfig, whose token no longer works (hence
     * step 7 of the procedure); workers got theirs from the machine-config server, with the node-bootstrapper service account's
     * token. 4.6+: masters installed from the bootstrap node hold a 10-year node-bootstrapper client certificate (installer
     * pkg/asset/tls/kubelet.go, openshift-4x-facts §2.5); workers the token.
     */
    private String bootstrapKubeconfig(SimHost host, String caData) {
        String server = state.spec.apiServerInternalUri();
        if (!host.isMaster()) {
            return new Kubeconfig("local", server, caData, null, "kubelet", state.bootstrapperToken, null, null, null)
                    .toYaml("kubelet");
        }
        if (!state.spec.ocpVersion().csrV1()) {
            return new Kubeconfig(
                            "local",
                            server,
                            caData,
                            null,
                            "kubelet",
                            "installer-bootstrap-" + state.hex(16),
                            null,
                            null,
                            null)
                    .toYaml("kubelet");
        }
        Pki.Issued bootstrapper = certs.pki.leaf(
                certs.bootstrapKubeconfigSigner,
                Pki.Subject.of(
                        ClusterState.BOOTSTRAPPER,
                        "system:serviceaccounts:openshift-machine-config-operator",
                        "system:serviceaccounts"),
                state.installedAt,
                state.installedAt.plus(ClusterCertificates.LONG_SIGNER),
                KeyPurposeId.id_kp_clientAuth,
                List.of(),
                List.of());
        return new Kubeconfig(
                        "local",
                        server,
                        caData,
                        null,
                        "kubelet",
                        null,
                        Kubeconfig.base64(bootstrapper.certificatePem()),
                        Kubeconfig.base64(bootstrapper.keyPem()),
                        null)
                .toYaml("kubelet");
    }
}
