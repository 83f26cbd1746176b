package io.jenkins.plugins.certrecovery.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The cluster's signers and the certificates they issue, with lifetimes from KAO release-4.3 certrotationcontroller
 * (leaves 30 days, control-plane signer 60 days, kube-apiserver-to-kubelet signer 1 year, root and serving signers 10 years).
 * Expired certificates ended 30 days ago; signers that live long (root, serving, etcd: 10 years) stay valid, as they do on a real
 * cluster that was off for a few months.
 */
final class ClusterCertificates {
    static final Duration LEAF = Duration.ofDays(30);
    static final Duration CONTROL_PLANE_SIGNER = Duration.ofDays(60);
    static final Duration KUBELET_SIGNER = Duration.ofDays(365);
    static final Duration LONG_SIGNER = Duration.ofDays(3650);
    static final Duration EXPIRED_AGO = Duration.ofDays(30);

    final Pki pki;
    final Pki.Issued rootCa;
    final Pki.Issued servingSigner;
    final Pki.Issued etcdSigner;
    private Pki.Issued controlPlaneSigner;
    private Pki.Issued kubeletClientSigner;
    private Pki.Issued csrSigner;
    private final boolean expired;

    ClusterCertificates(Pki pki, boolean expired, Instant now) {
        this.pki = pki;
        this.expired = expired;
        rootCa = pki.selfSignedCa("root-ca", now.minus(Duration.ofDays(400)), now.plus(LONG_SIGNER));
        servingSigner = pki.selfSignedCa("kube-apiserver-localhost-signer", now.minus(Duration.ofDays(400)), now.plus(LONG_SIGNER));
        etcdSigner = pki.selfSignedCa("etcd-signer", now.minus(Duration.ofDays(400)), now.plus(LONG_SIGNER));
        controlPlaneSigner = signer("kube-control-plane-signer", CONTROL_PLANE_SIGNER, expired, now);
        kubeletClientSigner = signer("kube-apiserver-to-kubelet-signer", KUBELET_SIGNER, expired, now);
        csrSigner = signer("kube-csr-signer", LEAF, expired, now);
    }

    private Pki.Issued signer(String name, Duration lifetime, boolean old, Instant now) {
        Instant notAfter = old ? now.minus(EXPIRED_AGO) : now.plus(lifetime);
        return pki.selfSignedCa(name + "_@" + notAfter.minus(lifetime).getEpochSecond(), notAfter.minus(lifetime), notAfter);
    }

    /** What regenerate-certificates does to the signers: the short-lived ones are made anew. */
    synchronized void regenerate(Instant now) {
        controlPlaneSigner = signer("kube-control-plane-signer", CONTROL_PLANE_SIGNER, false, now);
        if (kubeletClientSigner.certificate().getNotAfter().toInstant().isBefore(now.plus(LEAF))) {
            kubeletClientSigner = signer("kube-apiserver-to-kubelet-signer", KUBELET_SIGNER, false, now);
        }
        csrSigner = signer("kube-csr-signer", LEAF, false, now);
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

    /** The content of configmap kube-apiserver-to-kubelet-client-ca: the kubelet CA that every node needs. */
    synchronized String kubeletCaBundle() {
        return kubeletClientSigner.certificatePem();
    }

    /** client-ca of the kube-apiserver: the signers whose client certificates it accepts. */
    synchronized String clientCaBundle() {
        return controlPlaneSigner.certificatePem() + csrSigner.certificatePem();
    }

    /** A leaf certificate from a signer, 30 days, expired {@code EXPIRED_AGO} ago when {@code old}. */
    Pki.Issued leaf(Pki.Issued issuer, Pki.Subject subject, boolean old, Instant now, KeyPurposeId usage, List<String> dnsNames,
                    List<String> ipAddresses) {
        Instant notAfter = old ? now.minus(EXPIRED_AGO) : now.plus(LEAF);
        return pki.leaf(issuer, subject, notAfter.minus(LEAF), notAfter, usage, dnsNames, ipAddresses);
    }

    boolean initiallyExpired() {
        return expired;
    }
}
