package io.jenkins.plugins.certrecovery.expiry;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * One line of an expiry report: a certificate, or an error where a certificate should have been read. Certificate fields are null
 * on error rows; {@code errorKind} and {@code error} are null on certificate rows.
 *
 * @param host            inventory name of the host, or the endpoint's host name for TLS rows
 * @param sourceKind      file, kubeconfig field, endpoint, or the host as a whole
 * @param source          where exactly: a path (with {@code [i/n]} inside a bundle), {@code path users[name].client-certificate-data},
 *                        or {@code host:port}
 * @param role            what the certificate is for ({@link CertificateRole#of}); on error rows what the missing one was for
 * @param status          ok / warning / critical / expired, or error
 * @param subject         subject DN (RFC 2253)
 * @param commonName      subject CN, or the whole subject when it has none
 * @param subjectAltNames {@code DNS:name} / {@code IP:address} / {@code URI:…} / {@code email:…}
 * @param issuer          issuer DN (RFC 2253)
 * @param serial          serial number in lower-case hex
 * @param notBefore       start of validity
 * @param notAfter        end of validity
 * @param daysLeft        whole days until notAfter at check time, negative once expired
 * @param ca              true when basicConstraints marks it a CA
 * @param errorKind       why this row is an error
 * @param error           what went wrong and what to do, already masked
 */
public record ExpiryRow(
        String host,
        SourceKind sourceKind,
        String source,
        CertificateRole role,
        ExpiryStatus status,
        String subject,
        String commonName,
        List<String> subjectAltNames,
        String issuer,
        String serial,
        Instant notBefore,
        Instant notAfter,
        Long daysLeft,
        Boolean ca,
        ErrorKind errorKind,
        String error) {
    public ExpiryRow {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(sourceKind, "sourceKind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(status, "status");
        subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
    }

    /** A certificate row, classified against the thresholds at {@code now}. */
    public static ExpiryRow certificate(
            String host,
            SourceKind kind,
            String source,
            X509Certificate certificate,
            ExpiryThresholds thresholds,
            Instant now) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        String commonName = commonName(subject);
        boolean ca = certificate.getBasicConstraints() >= 0;
        return new ExpiryRow(
                host,
                kind,
                source,
                CertificateRole.of(kind, source, commonName, ca),
                thresholds.classify(notAfter, now),
                subject,
                commonName,
                subjectAltNames(certificate),
                certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
                certificate.getSerialNumber().toString(16),
                certificate.getNotBefore().toInstant(),
                notAfter,
                ExpiryThresholds.daysLeft(notAfter, now),
                ca,
                null,
                null);
    }

    public static ExpiryRow error(String host, SourceKind kind, String source, ErrorKind errorKind, String message) {
        return new ExpiryRow(
                host,
                kind,
                source,
                CertificateRole.of(kind, source, null, null),
                ExpiryStatus.ERROR,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                Objects.requireNonNull(errorKind, "errorKind"),
                Objects.requireNonNull(message, "message"));
    }

    public boolean isError() {
        return status == ExpiryStatus.ERROR;
    }

    /** The issuer's CN (the whole issuer when it has none), null on error rows. */
    public String issuerCommonName() {
        return issuer == null ? null : commonName(issuer);
    }

    private static String commonName(String subject) {
        try {
            List<Rdn> rdns = new LdapName(subject).getRdns();
            // LdapName lists RDNs from the last to the first as written; the most specific CN is the leftmost one in
            // the DN.
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdns.get(i).getValue());
                }
            }
        } catch (InvalidNameException e) {
            // a subject the JDK printed is always a valid name; fall back to showing it whole
        }
        return subject;
    }

    private static List<String> subjectAltNames(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of("(undecodable subjectAltName: " + e.getMessage() + ")");
        }
        List<String> result = new ArrayList<>();
        if (names != null) {
            for (List<?> name : names) {
                Object value = name.get(1);
                result.add(sanPrefix((Integer) name.get(0)) + (value instanceof String text ? text : "(binary)"));
            }
        }
        return result;
    }

    /** GeneralName tags of RFC 5280 section 4.2.1.6. */
    private static String sanPrefix(int tag) {
        return switch (tag) {
            case 1 -> "email:";
            case 2 -> "DNS:";
            case 6 -> "URI:";
            case 7 -> "IP:";
            default -> "type" + tag + ":";
        };
    }
}
