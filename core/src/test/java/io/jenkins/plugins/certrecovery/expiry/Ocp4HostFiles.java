package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out the certificate files of an OpenShift 4.6+ master or worker as openshift-4x-facts.md section 2 lists them, written out
 * here path by path (not taken from the code under test), with real certificates whose dates each test chooses per part.
 */
final class Ocp4HostFiles {
    /** The parts whose dates a test sets. */
    enum Part {
        KUBELET_CLIENT,
        KUBELET_SERVING,
        RECOVERY_CLIENT,
        RECOVERY_SIGNER,
        RECOVERY_SERVING,
        ETCD,
        ADMIN_SIGNER,
        BOOTSTRAP,
        LEAF
    }

    static final String RESOURCES = "/etc/kubernetes/static-pod-resources";
    static final String KAS_CERTS = RESOURCES + "/kube-apiserver-certs";

    private final TestCertificates certs = new TestCertificates();
    private final Instant now;
    private final Map<Part, Instant[]> validity = new EnumMap<>(Part.class);

    /** Defaults: the dates of a healthy cluster installed a year before {@code now}. */
    Ocp4HostFiles(Instant now) {
        this.now = now;
        set(Part.KUBELET_CLIENT, -10, 20);
        set(Part.KUBELET_SERVING, -12, 18);
        set(Part.RECOVERY_CLIENT, -20, 100);
        set(Part.RECOVERY_SIGNER, -100, 265);
        set(Part.RECOVERY_SERVING, -365, 3285);
        set(Part.ETCD, -365, 730);
        set(Part.ADMIN_SIGNER, -365, 3285);
        set(Part.BOOTSTRAP, -365, 3285);
        set(Part.LEAF, -5, 25);
    }

    /** Sets a part's validity in days from now. */
    Ocp4HostFiles set(Part part, long notBeforeDays, long notAfterDays) {
        return set(part, now.plus(Duration.ofDays(notBeforeDays)), now.plus(Duration.ofDays(notAfterDays)));
    }

    Ocp4HostFiles set(Part part, Instant notBefore, Instant notAfter) {
        validity.put(part, new Instant[] {notBefore, notAfter});
        return this;
    }

    Instant notAfter(Part part) {
        return validity.get(part)[1];
    }

    private TestCertificates.Issued leaf(Part part, String cn, TestCertificates.Issued issuer) {
        return certs.leaf(cn, validity.get(part)[0], validity.get(part)[1], List.of(), issuer);
    }

    private TestCertificates.Issued ca(Part part, String cn) {
        return certs.ca(cn, validity.get(part)[0], validity.get(part)[1]);
    }

    private static boolean atLeast(OcpVersion version, int minor) {
        return version.compareTo(new OcpVersion(4, minor)) >= 0;
    }

    /** Every master file of the version, and the node files. */
    void master(HostTree tree, OcpVersion version, String node) {
        TestCertificates.Issued root =
                certs.ca("root-ca", now.minus(Duration.ofDays(365)), now.plus(Duration.ofDays(3285)));
        TestCertificates.Issued admin = ca(Part.ADMIN_SIGNER, "admin-kubeconfig-signer");
        // The operator names it openshift-kube-apiserver-operator_node-system-admin-signer@<seconds>, longer than the
        // 64
        // characters Bouncy Castle allows a CN; the horizon finds a signer by the issuer name, whatever it is.
        TestCertificates.Issued recoverySigner = ca(Part.RECOVERY_SIGNER, "node-system-admin-signer@1700000000");
        TestCertificates.Issued recoveryClient = leaf(Part.RECOVERY_CLIENT, "system:admin", recoverySigner);
        for (String secret : List.of(
                "aggregator-client",
                "localhost-serving-cert-certkey",
                "service-network-serving-certkey",
                "external-loadbalancer-serving-certkey",
                "internal-loadbalancer-serving-certkey",
                "control-plane-node-admin-client-cert-key",
                "check-endpoints-client-cert-key")) {
            tree.write(
                    KAS_CERTS + "/secrets/" + secret + "/tls.crt",
                    leaf(Part.LEAF, secret, root).pem());
        }
        tree.write(KAS_CERTS + "/configmaps/client-ca/ca-bundle.crt", root.pem() + admin.pem() + recoverySigner.pem())
                .write(KAS_CERTS + "/configmaps/aggregator-client-ca/ca-bundle.crt", root.pem())
                // the proxy trust store is not read
                .write(KAS_CERTS + "/configmaps/trusted-ca-bundle/ca-bundle.crt", root.pem());
        for (String name : List.of("localhost", "localhost-recovery", "lb-int", "lb-ext")) {
            tree.write(
                    KAS_CERTS + "/secrets/node-kubeconfigs/" + name + ".kubeconfig",
                    adminKubeconfig(root, recoveryClient));
        }
        String kasRevision = RESOURCES + "/kube-apiserver-pod-7";
        manifest(tree, "kube-apiserver-pod", 7);
        tree.write(
                        kasRevision + "/secrets/etcd-client/tls.crt",
                        leaf(Part.ETCD, "etcd", root).pem())
                .write(
                        kasRevision + "/secrets/localhost-recovery-serving-certkey/tls.crt",
                        leaf(Part.RECOVERY_SERVING, "localhost-recovery", root).pem())
                .write(kasRevision + "/configmaps/etcd-serving-ca/ca-bundle.crt", root.pem())
                .write(kasRevision + "/configmaps/kubelet-serving-ca/ca-bundle.crt", root.pem())
                // an older revision is not read
                .write(
                        RESOURCES + "/kube-apiserver-pod-6/secrets/etcd-client/tls.crt",
                        certs.leaf(
                                        "old",
                                        now.minus(Duration.ofDays(900)),
                                        now.minus(Duration.ofDays(10)),
                                        List.of(),
                                        root)
                                .pem());
        String kubeletClientOfApiserver =
                (atLeast(version, 9) ? KAS_CERTS : kasRevision) + "/secrets/kubelet-client/tls.crt";
        tree.write(
                kubeletClientOfApiserver,
                leaf(Part.LEAF, "system:kube-apiserver", root).pem());

        String kcm = RESOURCES + "/kube-controller-manager-certs";
        manifest(tree, "kube-controller-manager-pod", 4);
        tree.write(
                        kcm + "/secrets/kube-controller-manager-client-cert-key/tls.crt",
                        leaf(Part.LEAF, "system:kube-controller-manager", root).pem())
                .write(
                        kcm + "/secrets/csr-signer/tls.crt",
                        certs.ca(
                                        "kube-csr-signer_@1700000000",
                                        now.minus(Duration.ofDays(10)),
                                        now.plus(Duration.ofDays(20)))
                                .pem())
                .write(kcm + "/configmaps/client-ca/ca-bundle.crt", root.pem())
                .write(kcm + "/configmaps/aggregator-client-ca/ca-bundle.crt", root.pem())
                .write(
                        RESOURCES + "/kube-controller-manager-pod-4/secrets/serving-cert/tls.crt",
                        leaf(Part.LEAF, "kube-controller-manager.openshift-kube-controller-manager.svc", root)
                                .pem())
                .write(
                        RESOURCES + "/kube-controller-manager-pod-4/configmaps/serviceaccount-ca/ca-bundle.crt",
                        root.pem());
        manifest(tree, "kube-scheduler-pod", 3);
        tree.write(
                        RESOURCES + "/kube-scheduler-certs/secrets/kube-scheduler-client-cert-key/tls.crt",
                        leaf(Part.LEAF, "system:kube-scheduler", root).pem())
                .write(
                        RESOURCES + "/kube-scheduler-pod-3/secrets/serving-cert/tls.crt",
                        leaf(Part.LEAF, "scheduler", root).pem());

        String etcd = RESOURCES + "/etcd-certs";
        manifest(tree, "etcd-pod", 2);
        for (String kind : List.of("peer", "serving", "serving-metrics")) {
            String secret = atLeast(version, 8) ? "etcd-all-certs" : "etcd-all-" + kind;
            tree.write(
                    etcd + "/secrets/" + secret + "/etcd-" + kind + "-" + node + ".crt",
                    leaf(Part.ETCD, "system:etcd-" + kind + ":" + node, root).pem());
        }
        if (atLeast(version, 17)) {
            tree.write(etcd + "/configmaps/etcd-all-bundles/server-ca-bundle.crt", root.pem())
                    .write(etcd + "/configmaps/etcd-all-bundles/metrics-ca-bundle.crt", root.pem());
        } else {
            tree.write(etcd + "/configmaps/etcd-serving-ca/ca-bundle.crt", root.pem());
        }
        tree.write(RESOURCES + "/etcd-pod-2/configmaps/etcd-peer-client-ca/ca-bundle.crt", root.pem());
        node(tree, node, root);
    }

    /** The files every node has: kubelet CA, bootstrap and kubelet kubeconfigs, the kubelet's current certificates. */
    void worker(HostTree tree, String node) {
        node(tree, node, certs.ca("root-ca", now.minus(Duration.ofDays(365)), now.plus(Duration.ofDays(3285))));
    }

    private void node(HostTree tree, String node, TestCertificates.Issued root) {
        // The installer's CN is system:serviceaccount:openshift-machine-config-operator:node-bootstrapper (73
        // characters, over
        // Bouncy Castle's 64); the role comes from the kubeconfig it is in.
        TestCertificates.Issued bootstrap = leaf(Part.BOOTSTRAP, "node-bootstrapper", root);
        TestCertificates.Issued client = leaf(Part.KUBELET_CLIENT, "system:node:" + node, root);
        TestCertificates.Issued serving = leaf(Part.KUBELET_SERVING, "system:node:" + node, root);
        tree.write("/etc/kubernetes/kubelet-ca.crt", root.pem())
                .write("/etc/kubernetes/kubeconfig", """
                        clusters:
                        - cluster: {certificate-authority-data: %s, server: https://api-int.test.example:6443}
                          name: local
                        users:
                        - name: kubelet
                          user: {client-certificate-data: %s, client-key-data: %s}
                        """.formatted(
                                RootLoginServer.base64(root.pem()),
                                RootLoginServer.base64(bootstrap.pem()),
                                RootLoginServer.base64(bootstrap.keyPem())))
                .write("/var/lib/kubelet/kubeconfig", """
                        clusters:
                        - cluster: {certificate-authority-data: %s, server: https://api-int.test.example:6443}
                          name: default-cluster
                        users:
                        - name: default-auth
                          user:
                            client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem
                            client-key: /var/lib/kubelet/pki/kubelet-client-current.pem
                        """.formatted(RootLoginServer.base64(root.pem())))
                .write("/var/lib/kubelet/pki/kubelet-client-2026-01-01-00-00-00.pem", client.pem() + client.keyPem())
                .symlink("/var/lib/kubelet/pki/kubelet-client-current.pem", "kubelet-client-2026-01-01-00-00-00.pem")
                .write("/var/lib/kubelet/pki/kubelet-server-2026-01-01-00-00-00.pem", serving.pem() + serving.keyPem())
                .symlink("/var/lib/kubelet/pki/kubelet-server-current.pem", "kubelet-server-2026-01-01-00-00-00.pem");
    }

    private static void manifest(HostTree tree, String pod, int revision) {
        tree.write("/etc/kubernetes/manifests/" + pod + ".yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  labels: {revision: "%d"}
                spec:
                  volumes:
                  - hostPath: {path: /etc/kubernetes/static-pod-resources/%s-%d}
                    name: resource-dir
                """.formatted(revision, pod, revision));
    }

    private static String adminKubeconfig(TestCertificates.Issued ca, TestCertificates.Issued client) {
        return """
                apiVersion: v1
                clusters:
                - cluster: {certificate-authority-data: %s, server: https://localhost:6443, tls-server-name: localhost-recovery}
                  name: loopback
                users:
                - name: system:admin
                  user: {client-certificate-data: %s, client-key-data: %s}
                """.formatted(
                        RootLoginServer.base64(ca.pem()),
                        RootLoginServer.base64(client.pem()),
                        RootLoginServer.base64(client.keyPem()));
    }
}
