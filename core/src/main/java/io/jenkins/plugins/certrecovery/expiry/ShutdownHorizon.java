package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Until when this cluster can be powered off and come back, computed from the certificates a check read (rules of
 * openshift-4x-facts.md sections 3.1, 3.4, 3.6 and 3.7; what is DERIVED there is said so in docs/expiry-report.md). While the cluster
 * is off nothing is re-issued, so each date is the end of validity of the certificate that decides it:
 * <ul>
 *   <li>{@link #nothingToDo}: every kubelet's client and serving certificate still valid — kubelets reconnect by themselves and the
 *       recovery controllers regenerate the expired 30-day control-plane certificates;</li>
 *   <li>{@link #csrApprovalByHand}: kubelet certificates expired — each kubelet asks again through the node-bootstrapper, which
 *       cluster-machine-approver refuses for an existing node, so the CSRs are approved by hand with
 *       {@code node-kubeconfigs/localhost-recovery.kubeconfig} on a master (its client certificate and signer still valid);</li>
 *   <li>{@link #adminKubeconfigFromOutside}: that credential expired too — only an admin kubeconfig from outside the cluster (the
 *       installer's {@code auth/kubeconfig}, trusted while {@code admin-kubeconfig-signer} is valid) can approve them.</li>
 * </ul>
 * etcd certificates and the kubelets' bootstrap credential bound every level: neither is regenerated after offline expiry.
 *
 * @param computed          false for versions the rules do not cover (4.1 to 4.5) and for reports not made by a cluster check
 * @param reason            why it was not computed (null when computed)
 * @param nothingToDo       (a)
 * @param csrApprovalByHand (b)
 * @param adminKubeconfigFromOutside (c)
 * @param findings          what must be acted on before a shutdown (a cluster younger than its first rotation)
 * @param notes             what limits the dates' reliability (certificates not read, versions not covered by the facts)
 */
public record ShutdownHorizon(
        boolean computed,
        String reason,
        Limit nothingToDo,
        Limit csrApprovalByHand,
        Limit adminKubeconfigFromOutside,
        List<Finding> findings,
        List<String> notes) {

    /** The installer's first kubelet certificates live 24 hours (installer {@code kubelet-signer}, facts section 3.3). */
    static final Duration FIRST_ROTATION_LIFETIME = Duration.ofHours(24);

    /**
     * One level.
     *
     * @param meaning   what "coming back" takes at this level
     * @param until     the last instant the cluster may be powered on for this level; null when no certificate read limits it
     * @param decidedBy the certificate row whose notAfter is {@code until}; null with {@code until}
     */
    public record Limit(String meaning, Instant until, ExpiryRow decidedBy) {
        public Limit {
            Objects.requireNonNull(meaning, "meaning");
        }

        public String describe() {
            if (until == null) {
                return meaning + ": no certificate read limits it";
            }
            return meaning + " if powered on by " + until + " — decided by the "
                    + decidedBy.role().label() + " certificate " + decidedBy.commonName() + " on " + decidedBy.host()
                    + " (" + decidedBy.source() + ")";
        }
    }

    /**
     * Something to act on.
     *
     * @param severity how the check counts it ({@link ExpiryStatus#CRITICAL} for a cluster younger than its first rotation)
     * @param message  what and until when
     */
    public record Finding(ExpiryStatus severity, String message) {}

    static final String NOTHING_TO_DO = "(a) comes back with nothing to do";
    static final String CSR_APPROVAL =
            "(b) comes back with node CSRs to approve by hand (localhost-recovery.kubeconfig on a master)";
    static final String OUTSIDE_ADMIN =
            "(c) comes back only with an admin kubeconfig from outside the cluster (the installer's "
                    + "auth/kubeconfig) to approve the node CSRs";

    /** Roles that end every level when they expire: etcd does not start, a kubelet without credentials cannot ask at all. */
    private static final Set<CertificateRole> END_ALL =
            EnumSet.of(CertificateRole.ETCD, CertificateRole.BOOTSTRAP_CLIENT);

    public ShutdownHorizon {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    /** A horizon that was not computed, and why. */
    public static ShutdownHorizon notComputed(String reason) {
        return new ShutdownHorizon(false, reason, null, null, null, List.of(), List.of());
    }

    /** The worst finding's severity; {@link ExpiryStatus#OK} when there is none. */
    public ExpiryStatus severity() {
        return findings.stream().map(Finding::severity).reduce(ExpiryStatus.OK, ExpiryStatus::worse);
    }

    /** The horizon from the rows of a check of a cluster of {@code version}. */
    public static ShutdownHorizon of(OcpVersion version, List<ExpiryRow> rows) {
        if (version.major() == 4 && version.minor() < 6) {
            return notComputed(
                    "not computed for OpenShift " + version + ": 4.1 to 4.3 do not recover expired control-plane "
                            + "certificates by themselves (this tool's recovery with a recovery API server is needed as soon as the 30-day "
                            + "certificates expire), and 4.4 and 4.5 have no node-kubeconfigs/localhost-recovery.kubeconfig (added in 4.6); "
                            + "the rules behind the dates were read for 4.6 to 4.18. What applies there: once a kubelet client certificate "
                            + "(/var/lib/kubelet/pki/kubelet-client-current.pem) has expired, its node needs its CSRs approved by hand");
        }
        List<ExpiryRow> certificates =
                rows.stream().filter(row -> !row.isError()).toList();
        ExpiryRow endAll = earliest(certificates, END_ALL);
        Set<CertificateRole> adminRoles = EnumSet.of(CertificateRole.ADMIN_KUBECONFIG_SIGNER);
        Limit outside = limit(OUTSIDE_ADMIN, earlier(earliest(certificates, adminRoles), endAll));
        ExpiryRow recovery = earlier(
                recoveryCredential(certificates),
                earliest(certificates, EnumSet.of(CertificateRole.LOCALHOST_RECOVERY_SERVING)));
        ExpiryRow byHand = earlier(recovery, endAll);
        Limit csr = limit(CSR_APPROVAL, byHand);
        ExpiryRow kubelets =
                earliest(certificates, EnumSet.of(CertificateRole.KUBELET_CLIENT, CertificateRole.KUBELET_SERVING));
        Limit nothing = limit(NOTHING_TO_DO, earlier(kubelets, byHand));
        List<Finding> findings = new ArrayList<>();
        firstRotationPending(certificates).ifPresent(findings::add);
        return new ShutdownHorizon(true, null, nothing, csr, outside, findings, notes(version, rows, certificates));
    }

    /**
     * The localhost-recovery client certificate and the signer in a client CA bundle that issued it: Go's verification refuses a
     * chain whose CA has expired, so the credential ends with the earlier of the two (DERIVED, facts section 3.6).
     */
    private static ExpiryRow recoveryCredential(List<ExpiryRow> certificates) {
        ExpiryRow client = earliest(certificates, EnumSet.of(CertificateRole.LOCALHOST_RECOVERY_CLIENT));
        if (client == null) {
            return null;
        }
        ExpiryRow signer = certificates.stream()
                .filter(row -> Boolean.TRUE.equals(row.ca()) && client.issuer().equals(row.subject()))
                .max(Comparator.comparing(ExpiryRow::notAfter))
                .orElse(null);
        return earlier(client, signer);
    }

    /** A kubelet certificate of at most 24 hours: the installer's, before the first rotation (16 to 22 hours after installation). */
    private static Optional<Finding> firstRotationPending(List<ExpiryRow> certificates) {
        return certificates.stream()
                .filter(row ->
                        row.role() == CertificateRole.KUBELET_CLIENT || row.role() == CertificateRole.KUBELET_SERVING)
                .filter(row ->
                        Duration.between(row.notBefore(), row.notAfter()).compareTo(FIRST_ROTATION_LIFETIME) <= 0)
                .max(Comparator.comparing(ExpiryRow::notAfter))
                .map(
                        row -> new Finding(
                                ExpiryStatus.CRITICAL,
                                "do not shut down before " + row.notAfter() + ": the cluster has "
                                        + "not had its first certificate rotation (the "
                                        + row.role().label() + " certificate " + row.commonName()
                                        + " on " + row.host() + " is valid "
                                        + Duration.between(row.notBefore(), row.notAfter())
                                                .toHours()
                                        + " hours, as the installer issues it); a cluster shut down before the rotation and started after these "
                                        + "certificates expired needs every node's CSRs approved by hand. Check again after that date"));
    }

    private static List<String> notes(OcpVersion version, List<ExpiryRow> rows, List<ExpiryRow> certificates) {
        Set<String> notes = new LinkedHashSet<>();
        version.unverifiedWarning().ifPresent(notes::add);
        for (ExpiryRow row : rows) {
            if (row.isError() && row.sourceKind() == SourceKind.HOST) {
                notes.add(
                        row.host() + " was not read (" + row.errorKind().name().toLowerCase(Locale.ROOT)
                                + "): its certificates may make the dates earlier");
            } else if (row.isError()
                    && row.role() != CertificateRole.OTHER
                    && row.role() != CertificateRole.CA_BUNDLE
                    && row.role() != CertificateRole.ENDPOINT) {
                notes.add("the " + row.role().label() + " certificate " + row.source() + " on " + row.host()
                        + " was not read (" + row.errorKind().name().toLowerCase(Locale.ROOT)
                        + "): the dates may be earlier");
            }
        }
        if (certificates.stream().noneMatch(row -> row.role() == CertificateRole.LOCALHOST_RECOVERY_CLIENT)) {
            notes.add("no localhost-recovery client certificate was read: (b) is not limited by it");
        }
        if (certificates.stream().noneMatch(row -> row.role() == CertificateRole.ADMIN_KUBECONFIG_SIGNER)) {
            notes.add(
                    "no admin-kubeconfig-signer was read in a client CA bundle: (c) assumes the installer's admin kubeconfig is "
                            + "still trusted");
        }
        if (version.compareTo(new OcpVersion(4, 9)) < 0) {
            certificates.stream()
                    .filter(row -> row.role() == CertificateRole.ETCD)
                    .min(Comparator.comparing(ExpiryRow::notAfter))
                    .ifPresent(
                            row -> notes.add("OpenShift " + version + " does not rotate etcd certificates (4.9 does): "
                                    + row.commonName() + " on " + row.host() + " expires " + row.notAfter()
                                    + " whether the cluster runs or not"));
        }
        return List.copyOf(notes);
    }

    private static ExpiryRow earliest(List<ExpiryRow> certificates, Set<CertificateRole> roles) {
        return certificates.stream()
                .filter(row -> roles.contains(row.role()))
                .min(Comparator.comparing(ExpiryRow::notAfter))
                .orElse(null);
    }

    private static ExpiryRow earlier(ExpiryRow a, ExpiryRow b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return b.notAfter().isBefore(a.notAfter()) ? b : a;
    }

    private static Limit limit(String meaning, ExpiryRow decidedBy) {
        return new Limit(meaning, decidedBy == null ? null : decidedBy.notAfter(), decidedBy);
    }

    /** Lines to print (CLI, build log, HTML), findings first. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (!computed) {
            lines.add("Shutdown horizon " + reason);
            return lines;
        }
        lines.add("Shutdown horizon (until when the cluster may be powered off and come back):");
        findings.forEach(finding -> lines.add("  " + finding.severity().name() + ": " + finding.message()));
        for (Limit limit : List.of(nothingToDo, csrApprovalByHand, adminKubeconfigFromOutside)) {
            lines.add("  " + limit.describe());
        }
        notes.forEach(note -> lines.add("  note: " + note));
        return lines;
    }
}
