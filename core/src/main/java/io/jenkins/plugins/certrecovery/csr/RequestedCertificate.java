package io.jenkins.plugins.certrecovery.csr;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * What a PKCS#10 request in a CSR's spec.request asks for: subject and subject alternative names. Decoding checks that the PEM
 * holds exactly one certificate request whose signature verifies with its own key.
 *
 * @param commonNames   every CN of the subject (a valid node request has exactly one)
 * @param organizations every O of the subject
 * @param dnsNames      DNS SANs
 * @param ipAddresses   IP SANs
 * @param emails        email SANs
 * @param uris          URI SANs
 * @param otherNames    SANs of any other type, described
 */
public record RequestedCertificate(
        List<String> commonNames,
        List<String> organizations,
        List<String> dnsNames,
        List<InetAddress> ipAddresses,
        List<String> emails,
        List<String> uris,
        List<String> otherNames) {

    public RequestedCertificate {
        commonNames = List.copyOf(commonNames);
        organizations = List.copyOf(organizations);
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        emails = List.copyOf(emails);
        uris = List.copyOf(uris);
        otherNames = List.copyOf(otherNames);
    }

    /** True when the request names any subject alternative name at all. */
    public boolean hasSubjectAlternativeNames() {
        return !(dnsNames.isEmpty()
                && ipAddresses.isEmpty()
                && emails.isEmpty()
                && uris.isEmpty()
                && otherNames.isEmpty());
    }

    /** Decodes a PEM certificate request; anything else is refused with the reason. */
    public static RequestedCertificate decode(byte[] pem) {
        PKCS10CertificationRequest request = parse(pem);
        verifySignature(request);
        X500Name subject = request.getSubject();
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Attribute attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (ASN1Encodable value : attribute.getAttributeValues()) {
                GeneralNames names =
                        GeneralNames.fromExtensions(Extensions.getInstance(value), Extension.subjectAlternativeName);
                if (names == null) {
                    continue;
                }
                for (GeneralName name : names.getNames()) {
                    switch (name.getTagNo()) {
                        case GeneralName.dNSName ->
                            dns.add(ASN1String.class.cast(name.getName()).getString());
                        case GeneralName.iPAddress -> ips.add(ipAddress(name));
                        case GeneralName.rfc822Name ->
                            emails.add(ASN1String.class.cast(name.getName()).getString());
                        case GeneralName.uniformResourceIdentifier ->
                            uris.add(ASN1String.class.cast(name.getName()).getString());
                        default -> others.add(name.toString());
                    }
                }
            }
        }
        return new RequestedCertificate(
                values(subject, BCStyle.CN), values(subject, BCStyle.O), dns, ips, emails, uris, others);
    }

    private static PKCS10CertificationRequest parse(byte[] pem) {
        Object first;
        Object second;
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.UTF_8)))) {
            first = parser.readObject();
            second = first == null ? null : parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "spec.request is not a readable PEM certificate request: " + e.getMessage());
        }
        if (first == null) {
            throw new IllegalArgumentException("spec.request holds no PEM block");
        }
        if (!(first instanceof PKCS10CertificationRequest request)) {
            throw new IllegalArgumentException(
                    "spec.request holds a " + first.getClass().getSimpleName() + ", not a CERTIFICATE REQUEST");
        }
        if (second != null) {
            throw new IllegalArgumentException("spec.request holds more than one PEM block");
        }
        return request;
    }

    private static void verifySignature(PKCS10CertificationRequest request) {
        try {
            // The JDK's own providers verify RSA, ECDSA and Ed25519: no BouncyCastle provider is registered or created.
            boolean valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey(request)));
            if (!valid) {
                throw new IllegalArgumentException("the request's signature does not verify with its own public key");
            }
        } catch (OperatorCreationException | PKCSException | GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the request's signature cannot be checked: " + e.getMessage());
        }
    }

    private static PublicKey publicKey(PKCS10CertificationRequest request)
            throws GeneralSecurityException, IOException {
        SubjectPublicKeyInfo info = request.getSubjectPublicKeyInfo();
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        String name = algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)
                ? "EC"
                : algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)
                        ? "RSA"
                        : algorithm.equals(EdECObjectIdentifiers.id_Ed25519) ? "Ed25519" : null;
        if (name == null) {
            throw new GeneralSecurityException("unsupported key algorithm " + algorithm);
        }
        return KeyFactory.getInstance(name).generatePublic(new X509EncodedKeySpec(info.getEncoded()));
    }

    private static InetAddress ipAddress(GeneralName name) {
        byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "an IP address SAN has " + octets.length + " bytes, neither IPv4 nor IPv6");
        }
    }

    private static List<String> values(X500Name subject, ASN1ObjectIdentifier type) {
        List<String> values = new ArrayList<>();
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                if (value.getType().equals(type)) {
                    values.add(
                            value.getValue() instanceof ASN1String s
                                    ? s.getString()
                                    : value.getValue().toString());
                }
            }
        }
        return values;
    }
}
