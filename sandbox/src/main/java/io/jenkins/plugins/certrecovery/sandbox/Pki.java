package io.jenkins.plugins.certrecovery.sandbox;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Real X.509 material for the simulated cluster: EC P-256 keys (fast to generate; OpenShift itself uses RSA 2048, which
 * would make a 3 + 2 cluster start in seconds instead of milliseconds), certificates and PKCS#10 requests, and PEM text.
 */
final class Pki {
    private final SecureRandom random = new SecureRandom();
    private final KeyPairGenerator generator;

    Pki() {
        try {
            generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate EC P-256 keys", e);
        }
    }

    /** A key and its certificate. */
    record Issued(KeyPair keyPair, X509Certificate certificate) {
        String certificatePem() {
            return pem(certificate);
        }

        String keyPem() {
            return pem(keyPair.getPrivate());
        }
    }

    /** What a certificate or request says about its holder. */
    record Subject(String commonName, List<String> organizations) {
        static Subject of(String commonName, String... organizations) {
            return new Subject(commonName, List.of(organizations));
        }

        X500Name x500() {
            // Values as UTF8String without BCStyle's length check: Go's crypto/x509 does not enforce RFC 5280's
            // 64-character
            // bound, and real names exceed it
            // (system:serviceaccount:openshift-machine-config-operator:node-bootstrapper).
            X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
            organizations.forEach(o -> builder.addRDN(BCStyle.O, new org.bouncycastle.asn1.DERUTF8String(o)));
            builder.addRDN(BCStyle.CN, new org.bouncycastle.asn1.DERUTF8String(commonName));
            return builder.build();
        }
    }

    synchronized KeyPair newKeyPair() {
        return generator.generateKeyPair();
    }

    Issued selfSignedCa(String commonName, Instant notBefore, Instant notAfter) {
        KeyPair keys = newKeyPair();
        X500Name name = Subject.of(commonName).x500();
        return new Issued(
                keys, sign(name, keys.getPrivate(), name, keys, notBefore, notAfter, true, null, List.of(), List.of()));
    }

    Issued signerSignedBy(Issued issuer, String commonName, Instant notBefore, Instant notAfter) {
        KeyPair keys = newKeyPair();
        return new Issued(
                keys,
                sign(
                        x500(issuer.certificate()),
                        issuer.keyPair().getPrivate(),
                        Subject.of(commonName).x500(),
                        keys,
                        notBefore,
                        notAfter,
                        true,
                        null,
                        List.of(),
                        List.of()));
    }

    Issued leaf(
            Issued issuer,
            Subject subject,
            Instant notBefore,
            Instant notAfter,
            KeyPurposeId usage,
            List<String> dnsNames,
            List<String> ipAddresses) {
        KeyPair keys = newKeyPair();
        return new Issued(
                keys,
                sign(
                        x500(issuer.certificate()),
                        issuer.keyPair().getPrivate(),
                        subject.x500(),
                        keys,
                        notBefore,
                        notAfter,
                        false,
                        usage,
                        dnsNames,
                        ipAddresses));
    }

    /** Signs a PKCS#10 request as the cluster's csr-signer does: subject and SANs from the request, usage from the CSR object. */
    X509Certificate signRequest(
            Issued issuer,
            PKCS10CertificationRequest request,
            Instant notBefore,
            Instant notAfter,
            KeyPurposeId usage,
            List<String> dnsNames,
            List<String> ipAddresses) {
        try {
            java.security.PublicKey publicKey =
                    new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest(request).getPublicKey();
            return sign(
                    x500(issuer.certificate()),
                    issuer.keyPair().getPrivate(),
                    request.getSubject(),
                    new KeyPair(publicKey, null),
                    notBefore,
                    notAfter,
                    false,
                    usage,
                    dnsNames,
                    ipAddresses);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the public key of a certificate request", e);
        }
    }

    /** A certificate request and the key it was made with (the kubelet keeps the key until the certificate arrives). */
    record Request(KeyPair keyPair, String pem) {}

    /** A PEM PKCS#10 request as a kubelet writes it: subject, and SANs in an extension request when there are any. */
    Request certificateRequest(Subject subject, List<String> dnsNames, List<String> ipAddresses) {
        try {
            KeyPair keys = newKeyPair();
            JcaPKCS10CertificationRequestBuilder builder =
                    new JcaPKCS10CertificationRequestBuilder(subject.x500(), keys.getPublic());
            GeneralNames sans = generalNames(dnsNames, ipAddresses);
            if (sans != null) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false, sans);
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            PKCS10CertificationRequest request = builder.build(signer);
            return new Request(keys, pem(new PemObject("CERTIFICATE REQUEST", request.getEncoded())));
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot build a certificate request", e);
        }
    }

    static PKCS10CertificationRequest parseRequest(String pem) {
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject object = reader.readPemObject();
            if (object == null || !object.getType().equals("CERTIFICATE REQUEST")) {
                throw new IllegalArgumentException("not a PEM certificate request");
            }
            return new PKCS10CertificationRequest(object.getContent());
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PEM certificate request: " + e.getMessage(), e);
        }
    }

    /** Subject, DNS names and IP addresses of a request. */
    record RequestContents(
            String commonName, List<String> organizations, List<String> dnsNames, List<String> ipAddresses) {}

    static RequestContents contents(PKCS10CertificationRequest request) {
        X500Name subject = request.getSubject();
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        Extensions extensions = request.getRequestedExtensions();
        if (extensions != null) {
            GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
            if (names != null) {
                for (GeneralName name : names.getNames()) {
                    if (name.getTagNo() == GeneralName.dNSName) {
                        dns.add(name.getName().toString());
                    } else if (name.getTagNo() == GeneralName.iPAddress) {
                        byte[] octets = org.bouncycastle.asn1.DEROctetString.getInstance(name.getName())
                                .getOctets();
                        try {
                            ips.add(java.net.InetAddress.getByAddress(octets).getHostAddress());
                        } catch (java.net.UnknownHostException e) {
                            throw new IllegalArgumentException("malformed IP address in a certificate request", e);
                        }
                    }
                }
            }
        }
        return new RequestContents(first(subject, BCStyle.CN), all(subject, BCStyle.O), dns, ips);
    }

    private static String first(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        return rdns.length == 0
                ? ""
                : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    private static List<String> all(X500Name name, ASN1ObjectIdentifier type) {
        List<String> values = new ArrayList<>();
        for (RDN rdn : name.getRDNs(type)) {
            values.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
        return values;
    }

    static String commonName(X509Certificate certificate) {
        return first(x500(certificate), BCStyle.CN);
    }

    private static X500Name x500(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    private X509Certificate sign(
            X500Name issuer,
            PrivateKey issuerKey,
            X500Name subject,
            KeyPair subjectKeys,
            Instant notBefore,
            Instant notAfter,
            boolean ca,
            KeyPurposeId usage,
            List<String> dnsNames,
            List<String> ipAddresses) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(127, random),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    subject,
                    subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(
                        Extension.keyUsage,
                        true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            } else {
                builder.addExtension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                if (usage != null) {
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage));
                }
            }
            GeneralNames sans = generalNames(dnsNames, ipAddresses);
            if (sans != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, sans);
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | IOException | CertificateException e) {
            throw new IllegalStateException("cannot sign a certificate for " + subject, e);
        }
    }

    private static GeneralNames generalNames(List<String> dnsNames, List<String> ipAddresses) {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
        ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        return names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new));
    }

    static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** All certificates of a PEM bundle; an empty list for text that holds none. */
    static List<X509Certificate> parseCertificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemObject object = reader.readPemObject(); object != null; object = reader.readPemObject()) {
                if (object.getType().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate)
                            factory.generateCertificate(new java.io.ByteArrayInputStream(object.getContent())));
                }
            }
        } catch (IOException | CertificateException e) {
            return List.of();
        }
        return certificates;
    }
}
