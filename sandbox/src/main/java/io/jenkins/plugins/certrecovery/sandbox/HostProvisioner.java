package io.jenkins.plugins.certrecovery.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Lays out a host's files as on an OCP 4.3 node after a long shutdown (facts: "Where certificates live on an OCP 4 master"),
 * and makes the control-plane secrets that regenerate-certificates rewrites.
 */
final class HostProvisioner {
    /** The secrets and configmaps regenerate-certificates rewrites, with the manifest volume they go under (KAO release-4.3). */
    record RegeneratedObject(String type, String name, String manifest, String volume) {
    }

    static final List<RegeneratedObject> REGENERATED = List.of(
            new RegeneratedObject("secrets", "service-network-serving-certkey", HostFiles.KAS_MANIFEST, "cert-dir"),
            new RegeneratedObject("configmaps", "client-ca", HostFiles.KAS_MANIFEST, "cert-dir"),
            new RegeneratedObject("secrets", "localhost-serving-cert-certkey", HostFiles.KAS_MANIFEST, "cert-dir"),
            new RegeneratedObject("secrets", "internal-loadbalancer-serving-certkey", HostFiles.KAS_MANIFEST, "cert-dir"),
            new RegeneratedObject("secrets", "kube-controller-manager-client-cert-key", HostFiles.KCM_MANIFEST, "resource-dir"),
            new RegeneratedObject("secrets", "csr-signer", HostFiles.KCM_MANIFEST, "resource-dir"),
            new RegeneratedObject("secrets", "kube-scheduler-client-cert-key", HostFiles.SCHEDULER_MANIFEST, "resource-dir"));

    private final ClusterState state;
    private final ClusterCertificates certs;
    private final String clusterDomain;

    HostProvisioner(ClusterState state) {
        this.state = state;
        this.certs = state.certificates;
        this.clusterDomain = state.spec.clusterName() + "." + state.spec.baseDomain();
    }

    /** The files of one secret or configmap as the cluster holds it now; {@code old}: as issued before the shutdown. */
    Map<String, String> objectFiles(String name, boolean old, Instant now) {
        Pki.Issued issued = switch (name) {
            case "service-network-serving-certkey" -> certs.leaf(certs.servingSigner, Pki.Subject.of("172.30.0.1"), old, now,
                    KeyPurposeId.id_kp_serverAuth, List.of("kubernetes", "kubernetes.default", "kubernetes.default.svc",
                            "kubernetes.default.svc.cluster.local", "openshift", "openshift.default", "openshift.default.svc"),
                    List.of("172.30.0.1"));
            case "localhost-serving-cert-certkey" -> certs.leaf(certs.servingSigner, Pki.Subject.of("127.0.0.1"), old, now,
                    KeyPurposeId.id_kp_serverAuth, List.of("localhost"), List.of("127.0.0.1", "::1"));
            case "internal-loadbalancer-serving-certkey" -> certs.leaf(certs.servingSigner, Pki.Subject.of("api-int." + clusterDomain),
                    old, now, KeyPurposeId.id_kp_serverAuth, List.of("api-int." + clusterDomain), List.of());
            case "external-loadbalancer-serving-certkey" -> certs.leaf(certs.servingSigner, Pki.Subject.of("api." + clusterDomain),
                    old, now, KeyPurposeId.id_kp_serverAuth, List.of("api." + clusterDomain), List.of());
            case "kube-controller-manager-client-cert-key" -> certs.leaf(certs.controlPlaneSigner(),
                    Pki.Subject.of("system:kube-controller-manager"), old, now, KeyPurposeId.id_kp_clientAuth, List.of(), List.of());
            case "kube-scheduler-client-cert-key" -> certs.leaf(certs.controlPlaneSigner(), Pki.Subject.of("system:kube-scheduler"),
                    old, now, KeyPurposeId.id_kp_clientAuth, List.of(), List.of());
            case "kubelet-client" -> certs.leaf(certs.kubeletClientSigner(), Pki.Subject.of("system:kube-apiserver",
                    "kube-master"), old, now, KeyPurposeId.id_kp_clientAuth, List.of(), List.of());
            case "etcd-client" -> certs.leaf(certs.etcdSigner, Pki.Subject.of("etcd", "etcd"), false, now,
                    KeyPurposeId.id_kp_clientAuth, List.of(), List.of());
            case "csr-signer" -> certs.csrSigner();
            case "client-ca" -> null;
            default -> throw new IllegalArgumentException("no control-plane object named " + name);
        };
        Map<String, String> files = new LinkedHashMap<>();
        if (issued == null) {
            files.put("ca-bundle.crt", certs.clientCaBundle());
        } else {
            files.put("tls.crt", issued.certificatePem());
            files.put("tls.key", issued.keyPem());
        }
        return files;
    }

    void provision(SimHost host, Instant now) {
        try {
            Files.createDirectories(host.root());
            for (String dir : List.of("/run", "/root", "/var/home/core", "/tmp", HostFiles.MANIFESTS, HostFiles.KUBELET_PKI)) {
                Files.createDirectories(host.path(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create host directory " + host.root(), e);
        }
        if (host.isMaster()) {
            provisionControlPlane(host, now);
        }
        provisionKubelet(host, now);
        try {
            // RHCOS keeps the pull secret readable by root only.
            Files.setPosixFilePermissions(host.path(HostFiles.PULL_SECRET),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void provisionControlPlane(SimHost host, Instant now) {
        boolean old = certs.initiallyExpired();
        String image = "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:" + state.hex(32);
        HostFiles.write(host.path(HostFiles.KAS_MANIFEST), HostFiles.staticPodManifest("kube-apiserver", "openshift-kube-apiserver",
                "kube-apiserver-7", image, HostFiles.KAS_RESOURCE_DIR, HostFiles.KAS_CERT_DIR, 7));
        HostFiles.write(host.path(HostFiles.KCM_MANIFEST), HostFiles.staticPodManifest("kube-controller-manager",
                "openshift-kube-controller-manager", "kube-controller-manager-5", image, HostFiles.KCM_RESOURCE_DIR,
                HostFiles.KCM_CERT_DIR, 5));
        HostFiles.write(host.path(HostFiles.SCHEDULER_MANIFEST), HostFiles.staticPodManifest("openshift-kube-scheduler",
                "openshift-kube-scheduler", "scheduler", image, HostFiles.SCHEDULER_RESOURCE_DIR, HostFiles.SCHEDULER_CERT_DIR, 6));

        for (String secret : List.of("service-network-serving-certkey", "localhost-serving-cert-certkey",
                "internal-loadbalancer-serving-certkey", "external-loadbalancer-serving-certkey")) {
            writeObject(host, HostFiles.KAS_CERT_DIR + "/secrets/" + secret, objectFiles(secret, old, now));
        }
        writeObject(host, HostFiles.KAS_CERT_DIR + "/configmaps/client-ca", objectFiles("client-ca", old, now));
        writeObject(host, HostFiles.KAS_RESOURCE_DIR + "/secrets/kubelet-client", objectFiles("kubelet-client", old, now));
        writeObject(host, HostFiles.KAS_RESOURCE_DIR + "/secrets/etcd-client", objectFiles("etcd-client", false, now));
        HostFiles.write(host.path(HostFiles.KAS_RESOURCE_DIR + "/configmaps/etcd-serving-ca/ca-bundle.crt"),
                certs.etcdSigner.certificatePem());
        HostFiles.write(host.path(HostFiles.KAS_RESOURCE_DIR + "/configmaps/kubelet-serving-ca/ca-bundle.crt"),
                certs.csrSigner().certificatePem());
        writeObject(host, HostFiles.KCM_CERT_DIR + "/secrets/csr-signer", objectFiles("csr-signer", old, now));
        writeObject(host, HostFiles.KCM_RESOURCE_DIR + "/secrets/csr-signer", objectFiles("csr-signer", old, now));
        writeObject(host, HostFiles.KCM_RESOURCE_DIR + "/secrets/kube-controller-manager-client-cert-key",
                objectFiles("kube-controller-manager-client-cert-key", old, now));
        writeObject(host, HostFiles.SCHEDULER_RESOURCE_DIR + "/secrets/kube-scheduler-client-cert-key",
                objectFiles("kube-scheduler-client-cert-key", old, now));
    }

    private void writeObject(SimHost host, String dir, Map<String, String> files) {
        files.forEach((file, content) -> HostFiles.write(host.path(dir + "/" + file), content));
    }

    private void provisionKubelet(SimHost host, Instant now) {
        int workerIndex = host.isMaster() ? -1 : Integer.parseInt(host.name().substring(host.name().lastIndexOf('-') + 1));
        boolean validClient = !certs.initiallyExpired() || workerIndex >= 0 && workerIndex < state.spec.workersWithValidClient();
        Pki.Subject node = Pki.Subject.of("system:node:" + host.name(), "system:nodes");
        Instant issuedAt = state.installedAt.plus(java.time.Duration.ofDays(1));
        Pki.Issued client = certs.leaf(certs.csrSigner(), node, !validClient, now, KeyPurposeId.id_kp_clientAuth, List.of(),
                List.of());
        Pki.Issued server = certs.leaf(certs.csrSigner(), node, !validClient, now, KeyPurposeId.id_kp_serverAuth,
                List.of(host.name()), List.of(host.ip()));
        HostFiles.writeKubeletPem(host, "kubelet-client", client.certificatePem(), client.keyPem(), issuedAt);
        HostFiles.writeKubeletPem(host, "kubelet-server", server.certificatePem(), server.keyPem(), issuedAt);
        String caData = Kubeconfig.base64(certs.rootCa.certificatePem());
        HostFiles.write(host.path(HostFiles.KUBELET_KUBECONFIG), new Kubeconfig("default-cluster", state.spec.apiServerInternalUri(),
                caData, "default-auth", null, null, null, HostFiles.KUBELET_PKI + "/kubelet-client-current.pem")
                .toYaml("default-context"));
        // Masters keep the installer's bootstrap kubeconfig, whose token no longer works (hence step 7 of the procedure);
        // workers got theirs from the machine-config server, with the node-bootstrapper service account's token.
        String token = host.isMaster() ? "installer-bootstrap-" + state.hex(16) : state.bootstrapperToken;
        HostFiles.write(host.path(HostFiles.BOOTSTRAP_KUBECONFIG), new Kubeconfig("local", state.spec.apiServerInternalUri(), caData,
                "kubelet", token, null, null, null).toYaml("kubelet"));
        HostFiles.write(host.path(HostFiles.KUBELET_CA), certs.kubeletCaBundle());
        HostFiles.write(host.path(HostFiles.PULL_SECRET), HostFiles.pullSecret(Map.of(
                "quay.io", Kubeconfig.base64("openshift-release-dev+sandbox:" + state.hex(20)),
                "cloud.openshift.com", Kubeconfig.base64("openshift-release-dev+sandbox:" + state.hex(20)))));
    }
}
