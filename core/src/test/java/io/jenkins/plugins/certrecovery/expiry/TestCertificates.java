package io.jenkins.plugins.certrecovery.expiry;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Real X.509 certificates for tests, with the dates, names and CA flag each test chooses (BouncyCastle, EC P-256). */
public final class TestCertificates {
    /** A certificate with its key, so it can sign others or serve TLS. */
    public record Issued(X509Certificate certificate, KeyPair keys) {
        public String pem() {
            return TestCertificates.pem(certificate);
        }

        public String keyPem() {
            return TestCertificates.pem(keys.getPrivate());
        }
    }

    private final AtomicLong serials = new AtomicLong(0x1000);

    public Issued ca(String cn, Instant notBefore, Instant notAfter) {
        return issue(cn, notBefore, notAfter, true, List.of(), null);
    }

    public Issued leaf(String cn, Instant notBefore, Instant notAfter, List<String> dnsNames, Issued issuer) {
        return issue(cn, notBefore, notAfter, false, dnsNames, issuer);
    }

    private Issued issue(
            String cn, Instant notBefore, Instant notAfter, boolean ca, List<String> dnsNames, Issued issuer) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + cn + ",O=test");
            X500Name issuerName = issuer == null
                    ? subject
                    : X500Name.getInstance(
                            issuer.certificate().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuerName,
                    BigInteger.valueOf(serials.incrementAndGet()),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    subject,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!dnsNames.isEmpty()) {
                builder.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(dnsNames.stream()
                                .map(name -> new GeneralName(
                                        name.matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName, name))
                                .toArray(GeneralName[]::new)));
            }
            KeyPair signer = issuer == null ? keys : issuer.keys();
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
            return new Issued(certificate, keys);
        } catch (GeneralSecurityException
                | org.bouncycastle.operator.OperatorCreationException
                | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }
}
