package io.jenkins.plugins.certrecovery.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The cluster's signers and the certificates they issue, with lifetimes from KAO release-4.3 certrotationcontroller
 * (leaves 30 days, control-plane signer 60 days, kube-apiserver-to-kubelet signer 1 year, root and serving signers 10 years);
 * the same in 4.6–4.18 (openshift-4x-facts §3.2) plus node-system-admin-signer (1 year) and node-system-admin-client (120 days,
 * 2 years from 4.16).
 * <p>4.3: expired certificates ended 30 days ago. 4.6+: every certificate from before the shutdown was issued 10 days before it
 * (inside every rotation's refresh window), so after {@code daysOff} days it is expired when its lifetime is shorter than
 * {@code daysOff + 10} days. Signers that live long (root, serving, etcd: 10 years) stay valid, as on a real cluster that was
 * off for a few months.
 */
final class ClusterCertificates {
    static final Duration LEAF = Duration.ofDays(30);
    static final Duration CONTROL_PLANE_SIGNER = Duration.ofDays(60);
    static final Duration KUBELET_SIGNER = Duration.ofDays(365);
    static final Duration LONG_SIGNER = Duration.ofDays(3650);
    static final Duration EXPIRED_AGO = Duration.ofDays(30);
    /** etcd's leaves (CEO tlshelpers.go etcdCertValidity, all releases; openshift-4x-facts §3.5). */
    static final Duration ETCD_LEAF = Duration.ofDays(3 * 365);

    static final Duration NODE_SYSTEM_ADMIN_SIGNER = Duration.ofDays(365);
    /** 4.6+: how long before the shutdown the certificates then in use were issued. */
    static final Duration ISSUED_BEFORE_SHUTDOWN = Duration.ofDays(10);

    final Pki pki;
    final Pki.Issued rootCa;
    final Pki.Issued servingSigner;
    final Pki.Issued etcdSigner;
    private Pki.Issued controlPlaneSigner;
    private Pki.Issued kubeletClientSigner;
    private Pki.Issued csrSigner;
    /** 4.6+: signs the kube-apiserver's front-proxy client certificate, aggregator-client (30 days, openshift-4x-facts §3.2). */
    private Pki.Issued aggregatorClientSigner;

    private final boolean expired;
    /** 4.6+: when the cluster was shut down; null for 4.3, whose expired certificates simply ended 30 days ago. */
    private final Instant shutdownAt;
    /** 4.6+: signs node-system-admin-client, the identity of the masters' node-kubeconfigs. */
    final Pki.Issued nodeSystemAdminSigner;
    /** 4.6+: signs the node-bootstrapper client certificate of the masters' /etc/kubernetes/kubeconfig (10 years). */
    final Pki.Issued bootstrapKubeconfigSigner;

    private Pki.Issued nodeSystemAdminClient;
    private final Duration nodeSystemAdminClientLifetime;
    private final Instant startedAt;

    /**
     * @param version          the release imitated
     * @param expired          false: every certificate is valid (a cluster that was not off)
     * @param daysOff          4.6+: days the cluster was off
     * @param adminClientExpired 4.6+ fault: node-system-admin-client expired whatever {@code daysOff} says
     */
    ClusterCertificates(
            Pki pki, OpenShiftVersion version, boolean expired, int daysOff, boolean adminClientExpired, Instant now) {
        this.pki = pki;
        this.expired = expired;
        this.startedAt = now;
        this.shutdownAt = version.csrV1() ? now.minus(Duration.ofDays(expired ? daysOff : 0)) : null;
        rootCa = pki.selfSignedCa("root-ca", now.minus(Duration.ofDays(400)), now.plus(LONG_SIGNER));
        servingSigner = pki.selfSignedCa(
                "kube-apiserver-localhost-signer", now.minus(Duration.ofDays(400)), now.plus(LONG_SIGNER));
        etcdSigner = pki.selfSignedCa("etcd-signer", now.minus(Duration.ofDays(400)), now.plus(LONG_SIGNER));
        bootstrapKubeconfigSigner = pki.selfSignedCa(
                "kubelet-bootstrap-kubeconfig-signer", now.minus(Duration.ofDays(400)), now.plus(LONG_SIGNER));
        boolean old = expired || shutdownAt != null;
        controlPlaneSigner = signer("kube-control-plane-signer", CONTROL_PLANE_SIGNER, old, now);
        kubeletClientSigner = signer("kube-apiserver-to-kubelet-signer", KUBELET_SIGNER, old, now);
        csrSigner = signer("kube-csr-signer", LEAF, old, now);
        aggregatorClientSigner = signer("aggregator-client-signer", LEAF, old, now);
        nodeSystemAdminSigner = signer("node-system-admin-signer", NODE_SYSTEM_ADMIN_SIGNER, old, now);
        nodeSystemAdminClientLifetime = version.nodeSystemAdminClientLifetime();
        Instant adminNotAfter =
                adminClientExpired ? now.minus(Duration.ofDays(1)) : oldNotAfter(nodeSystemAdminClientLifetime, now);
        nodeSystemAdminClient = pki.leaf(
                nodeSystemAdminSigner,
                Pki.Subject.of("system:admin", "system:masters"),
                adminNotAfter.minus(nodeSystemAdminClientLifetime),
                adminNotAfter,
                KeyPurposeId.id_kp_clientAuth,
                List.of(),
                List.of());
    }

    /** When a certificate of this lifetime issued before the shutdown ends. */
    private Instant oldNotAfter(Duration lifetime, Instant now) {
        if (shutdownAt == null) {
            return expired ? now.minus(EXPIRED_AGO) : now.plus(lifetime);
        }
        return shutdownAt.minus(ISSUED_BEFORE_SHUTDOWN).plus(lifetime);
    }

    private Pki.Issued signer(String name, Duration lifetime, boolean old, Instant now) {
        Instant notAfter = old ? oldNotAfter(lifetime, now) : now.plus(lifetime);
        return pki.selfSignedCa(
                name + "_@" + notAfter.minus(lifetime).getEpochSecond(), notAfter.minus(lifetime), notAfter);
    }

    private static boolean expiredAt(Pki.Issued issued, Instant now) {
        return !issued.certificate().getNotAfter().toInstant().isAfter(now);
    }

    /**
     * 4.3: what regenerate-certificates does to the signers: the short-lived ones are made anew. 4.6+: what the cert-regeneration
     * controllers do (only when expired, KAS-op and KCM-op recovery controllers, openshift-4x-facts §3.7).
     */
    synchronized void regenerate(Instant now) {
        boolean onlyExpired = shutdownAt != null;
        if (!onlyExpired || expiredAt(controlPlaneSigner, now)) {
            controlPlaneSigner = signer("kube-control-plane-signer", CONTROL_PLANE_SIGNER, false, now);
        }
        if (kubeletClientSigner.certificate().getNotAfter().toInstant().isBefore(now.plus(LEAF))) {
            kubeletClientSigner = signer("kube-apiserver-to-kubelet-signer", KUBELET_SIGNER, false, now);
        }
        if (!onlyExpired || expiredAt(csrSigner, now)) {
            csrSigner = signer("kube-csr-signer", LEAF, false, now);
        }
        if (!onlyExpired || expiredAt(aggregatorClientSigner, now)) {
            aggregatorClientSigner = signer("aggregator-client-signer", LEAF, false, now);
        }
    }

    /** 4.6+: the operator's cert rotation renews node-system-admin-client (NodeKubeconfigController then rebuilds node-kubeconfigs). */
    synchronized boolean renewNodeSystemAdminClientIfExpired(Instant now) {
        if (!expiredAt(nodeSystemAdminClient, now)) {
            return false;
        }
        nodeSystemAdminClient = pki.leaf(
                nodeSystemAdminSigner,
                Pki.Subject.of("system:admin", "system:masters"),
                now.minus(Duration.ofMinutes(1)),
                now.plus(nodeSystemAdminClientLifetime),
                KeyPurposeId.id_kp_clientAuth,
                List.of(),
                List.of());
        return true;
    }

    synchronized Pki.Issued nodeSystemAdminClient() {
        return nodeSystemAdminClient;
    }

    synchronized Pki.Issued controlPlaneSigner() {
        return controlPlaneSigner;
    }

    synchronized Pki.Issued kubeletClientSigner() {
        return kubeletClientSigner;
    }

    synchronized Pki.Issued csrSigner() {
        return csrSigner;
    }

    synchronized Pki.Issued aggregatorClientSigner() {
        return aggregatorClientSigner;
    }

    /** The content of configmap kube-apiserver-to-kubelet-client-ca: the kubelet CA that every node needs. */
    synchronized String kubeletCaBundle() {
        return kubeletClientSigner.certificatePem();
    }

    /** client-ca of the kube-apiserver: the signers whose client certificates it accepts. */
    synchronized String clientCaBundle() {
        return controlPlaneSigner.certificatePem() + csrSigner.certificatePem();
    }

    /** A leaf certificate from a signer, 30 days, issued before the shutdown when {@code old} (4.3: expired 30 days ago). */
    Pki.Issued leaf(
            Pki.Issued issuer,
            Pki.Subject subject,
            boolean old,
            Instant now,
            KeyPurposeId usage,
            List<String> dnsNames,
            List<String> ipAddresses) {
        return leaf(issuer, subject, LEAF, old, now, usage, dnsNames, ipAddresses);
    }

    /** A leaf certificate of the given lifetime, issued before the shutdown when {@code old}, else now. */
    Pki.Issued leaf(
            Pki.Issued issuer,
            Pki.Subject subject,
            Duration lifetime,
            boolean old,
            Instant now,
            KeyPurposeId usage,
            List<String> dnsNames,
            List<String> ipAddresses) {
        Instant notAfter = old ? oldNotAfter(lifetime, now) : now.plus(lifetime);
        return pki.leaf(issuer, subject, notAfter.minus(lifetime), notAfter, usage, dnsNames, ipAddresses);
    }

    /** True when the 30-day leaves from before the shutdown are expired at the start. */
    boolean initiallyExpired() {
        return shutdownAt == null ? expired : !oldNotAfter(LEAF, startedAt).isAfter(startedAt);
    }
}
