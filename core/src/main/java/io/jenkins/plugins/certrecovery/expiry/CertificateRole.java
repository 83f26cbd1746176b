package io.jenkins.plugins.certrecovery.expiry;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a certificate is for, as far as a shutdown is concerned: which one is the kubelet's client certificate, which one the
 * localhost-recovery credential, which ones the operators re-issue on their own. Decided from where the certificate was found
 * (the path as the host sees it, the kubeconfig field) and, for CA bundles, its subject; the OpenShift 4.6 to 4.18 places are
 * those of openshift-4x-facts.md section 2, their lifetimes and rotation section 3.
 */
public enum CertificateRole {
    /** {@code /var/lib/kubelet/pki/kubelet-client-current.pem} (and the kubelet kubeconfig's client certificate): at most 30 days. */
    KUBELET_CLIENT("kubelet client"),
    /** {@code /var/lib/kubelet/pki/kubelet-server-current.pem}: at most 30 days. */
    KUBELET_SERVING("kubelet serving"),
    /** The client certificate of {@code node-kubeconfigs/localhost-recovery.kubeconfig} ({@code node-system-admin-client}). */
    LOCALHOST_RECOVERY_CLIENT("localhost-recovery client"),
    /** The same {@code node-system-admin-client} in the other node kubeconfigs (localhost, lb-int, lb-ext). */
    NODE_KUBECONFIG_CLIENT("node kubeconfig client"),
    /** The kubelet's bootstrap credential ({@code /etc/kubernetes/kubeconfig}, node-bootstrapper; 10 years on masters). */
    BOOTSTRAP_CLIENT("bootstrap client"),
    /** etcd peer, serving and metrics certificates and the kube-apiserver's etcd client: never regenerated after offline expiry. */
    ETCD("etcd"),
    /** The localhost-recovery serving certificate (10 years): what the automatic recovery connects to. */
    LOCALHOST_RECOVERY_SERVING("localhost-recovery serving"),
    /**
     * A leaf of the kube-apiserver, kube-controller-manager or kube-scheduler static pods (mostly 30 days), re-issued by its
     * operator while the cluster runs and regenerated after offline expiry by the recovery controllers.
     */
    ROTATED_LEAF("30-day leaf"),
    /** A signing certificate kept as a secret (the kube-controller-manager's {@code csr-signer}). */
    SIGNER("signer"),
    /** The installer's {@code admin-kubeconfig-signer} (10 years): while it is trusted, the installer's admin kubeconfig works. */
    ADMIN_KUBECONFIG_SIGNER("admin kubeconfig signer"),
    /** A certificate of a trust bundle: a configmap's {@code ca-bundle.crt}, {@code kubelet-ca.crt}, a kubeconfig's CA. */
    CA_BUNDLE("CA bundle"),
    /** A certificate a TLS endpoint presented. */
    ENDPOINT("endpoint"),
    /** Anything else: user paths, files this tool has no rule for. */
    OTHER("other");

    private static final String STATIC_POD_RESOURCES = "/etc/kubernetes/static-pod-resources/";
    private static final Pattern ETCD_LEAF =
            Pattern.compile(".*/etcd-certs/secrets/etcd-all-[a-z-]+/etcd-(peer|serving|serving-metrics)-[^/]+\\.crt");
    private static final Pattern STATIC_POD_SECRET =
            Pattern.compile(".*/(kube-apiserver|kube-controller-manager|kube-scheduler)-(certs|pod-[0-9]+)/secrets/.*");

    private final String label;

    CertificateRole(String label) {
        this.label = label;
    }

    /** How reports name it ("kubelet client", "30-day leaf" …). */
    public String label() {
        return label;
    }

    /** The JSON value: {@code kubelet-client}, {@code rotated-leaf} … */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The role of a row.
     *
     * @param kind       where it was found
     * @param source     the row's source: a path as the host sees it (with {@code [i/n]} in a bundle), or
     *                   {@code kubeconfig-path clusters[…]/users[…].field[ -> file]}
     * @param commonName the subject CN, or null for an error row
     * @param ca         whether basicConstraints marks a CA, or null for an error row
     */
    public static CertificateRole of(SourceKind kind, String source, String commonName, Boolean ca) {
        if (kind == SourceKind.ENDPOINT) {
            return ENDPOINT;
        }
        if (kind == SourceKind.HOST) {
            return OTHER;
        }
        if (Boolean.TRUE.equals(ca) && "admin-kubeconfig-signer".equals(commonName)) {
            return ADMIN_KUBECONFIG_SIGNER;
        }
        int users = source.indexOf(" users[");
        int clusters = source.indexOf(" clusters[");
        if (clusters > 0) {
            return CA_BUNDLE;
        }
        // The file: a certificate file, a kubeconfig whose client certificate this is, or a path that could not be
        // read.
        String path = users > 0 ? source.substring(0, users) : source.replaceFirst(" \\[[0-9]+/[0-9]+]$", "");
        CertificateRole node = ofNodeFile(path);
        if (node != null) {
            return node;
        }
        if (kind == SourceKind.KUBECONFIG) {
            return OTHER;
        }
        if (path.contains("/configmaps/")
                || path.equals("/etc/kubernetes/kubelet-ca.crt")
                || path.equals("/etc/kubernetes/ca.crt")) {
            return CA_BUNDLE;
        }
        if (!path.startsWith(STATIC_POD_RESOURCES)) {
            return OTHER;
        }
        if (ETCD_LEAF.matcher(path).matches()
                || path.endsWith("/etcd-certs")
                || path.matches(".*/kube-apiserver-pod-[0-9]+/secrets/etcd-client/tls\\.crt")) {
            return ETCD;
        }
        if (path.contains("/secrets/localhost-recovery-serving-certkey/")) {
            return LOCALHOST_RECOVERY_SERVING;
        }
        if (STATIC_POD_SECRET.matcher(path).matches()) {
            return Boolean.TRUE.equals(ca) || path.contains("/secrets/csr-signer/") ? SIGNER : ROTATED_LEAF;
        }
        return OTHER;
    }

    /** The kubelet's files and the kubeconfigs of a node, by path; null for any other path. */
    private static CertificateRole ofNodeFile(String path) {
        if (path.endsWith("/node-kubeconfigs/localhost-recovery.kubeconfig")
                || path.endsWith("/secrets/node-kubeconfigs")) {
            return LOCALHOST_RECOVERY_CLIENT;
        }
        if (path.contains("/node-kubeconfigs/") && path.endsWith(".kubeconfig")) {
            return NODE_KUBECONFIG_CLIENT;
        }
        if (path.equals("/etc/kubernetes/kubeconfig")) {
            return BOOTSTRAP_CLIENT;
        }
        if (path.equals("/var/lib/kubelet/kubeconfig")
                || path.equals("/var/lib/kubelet/pki")
                || path.endsWith("/kubelet-client-current.pem")) {
            return KUBELET_CLIENT;
        }
        if (path.endsWith("/kubelet-server-current.pem")) {
            return KUBELET_SERVING;
        }
        return null;
    }
}
