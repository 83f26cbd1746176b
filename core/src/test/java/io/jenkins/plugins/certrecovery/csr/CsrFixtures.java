package io.jenkins.plugins.certrecovery.csr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Builds real PKCS#10 requests (BouncyCastle, ECDSA P-256 like the kubelet's) and {@code oc get csr -o json} output around them. */
final class CsrFixtures {
    static final List<String> BOOTSTRAPPER_GROUPS = List.of(
            "system:serviceaccounts:openshift-machine-config-operator",
            "system:serviceaccounts",
            "system:authenticated");
    static final List<String> NODE_GROUPS = List.of("system:nodes", "system:authenticated");
    static final List<String> CLIENT_USAGES = List.of("digital signature", "key encipherment", "client auth");
    static final List<String> SERVING_USAGES = List.of("digital signature", "key encipherment", "server auth");
    static final String BOOTSTRAPPER = "system:serviceaccount:openshift-machine-config-operator:node-bootstrapper";
    static final List<String> OVN_USAGES = List.of("digital signature", "client auth");
    static final String CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";
    static final String SERVING_SIGNER = "kubernetes.io/kubelet-serving";
    static final String KUBE_APISERVER_CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client";

    private final ObjectMapper mapper = new ObjectMapper();
    private final ArrayNode items = mapper.createArrayNode();

    /** A PEM request for {@code subject} ("O=system:nodes,CN=system:node:master-0") with the given SANs ("DNS:…", "IP:…"). */
    static String pem(String subject, String... sans) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic());
            if (sans.length > 0) {
                List<GeneralName> names = new ArrayList<>();
                for (String san : sans) {
                    String value = san.substring(san.indexOf(':') + 1);
                    names.add(
                            switch (san.substring(0, san.indexOf(':'))) {
                                case "DNS" -> new GeneralName(GeneralName.dNSName, value);
                                case "IP" -> new GeneralName(GeneralName.iPAddress, value);
                                case "email" -> new GeneralName(GeneralName.rfc822Name, value);
                                case "URI" -> new GeneralName(GeneralName.uniformResourceIdentifier, value);
                                default -> throw new IllegalArgumentException(san);
                            });
                }
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            return toPem(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request of {@code subjectPem} carrying the signature of {@code signaturePem}: parses, but does not verify. */
    static String withSignatureOf(String subjectPem, String signaturePem) {
        try {
            var subject = (PKCS10CertificationRequest) new PEMParser(new StringReader(subjectPem)).readObject();
            var signature = (PKCS10CertificationRequest) new PEMParser(new StringReader(signaturePem)).readObject();
            var forged = new PKCS10CertificationRequest(new CertificationRequest(
                    subject.toASN1Structure().getCertificationRequestInfo(),
                    signature.getSignatureAlgorithm(),
                    new DERBitString(signature.getSignature())));
            return toPem(forged);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String toPem(PKCS10CertificationRequest request) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(request);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** Adds a v1beta1 CSR as OpenShift 4.3 lists it (no signerName). */
    CsrFixtures v1beta1(
            String name,
            String created,
            String username,
            List<String> groups,
            List<String> usages,
            String pem,
            String... conditions) {
        return add(
                "certificates.k8s.io/v1beta1", name, created, username, groups, usages, null, pem, false, conditions);
    }

    /** Adds a v1 CSR with a signerName. */
    CsrFixtures v1(
            String name,
            String created,
            String username,
            List<String> groups,
            List<String> usages,
            String signer,
            String pem,
            boolean issued,
            String... conditions) {
        return add("certificates.k8s.io/v1", name, created, username, groups, usages, signer, pem, issued, conditions);
    }

    private CsrFixtures add(
            String apiVersion,
            String name,
            String created,
            String username,
            List<String> groups,
            List<String> usages,
            String signer,
            String pem,
            boolean issued,
            String... conditions) {
        ObjectNode csr = items.addObject();
        csr.put("apiVersion", apiVersion).put("kind", "CertificateSigningRequest");
        csr.putObject("metadata")
                .put("name", name)
                .put("creationTimestamp", created)
                .put("resourceVersion", "1234");
        ObjectNode spec = csr.putObject("spec");
        groups.forEach(spec.putArray("groups")::add);
        spec.put("request", Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8)));
        if (signer != null) {
            spec.put("signerName", signer);
        }
        usages.forEach(spec.putArray("usages")::add);
        spec.put("username", username);
        ObjectNode status = csr.putObject("status");
        if (conditions.length > 0) {
            ArrayNode list = status.putArray("conditions");
            for (String type : conditions) {
                list.addObject()
                        .put("type", type)
                        .put("status", "True")
                        .put("reason", "AutoApproved")
                        .put("lastUpdateTime", created);
            }
        }
        if (issued) {
            status.put("certificate", Base64.getEncoder().encodeToString("-----BEGIN CERTIFICATE-----".getBytes()));
        }
        return this;
    }

    /** Sets spec.expirationSeconds (Kubernetes 1.22+, OpenShift 4.9+) on the CSR added last. */
    CsrFixtures expiring(long seconds) {
        ((ObjectNode) items.get(items.size() - 1).get("spec")).put("expirationSeconds", seconds);
        return this;
    }

    String json() {
        ObjectNode list = mapper.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        list.set("items", items);
        list.putObject("metadata").put("resourceVersion", "").put("selfLink", "");
        return list.toPrettyString();
    }
}
