package io.jenkins.plugins.certrecovery.expiry;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes every {@code CERTIFICATE} block of PEM text with the JDK's X.509 support, one result per block, in order: the one way the
 * project reads certificates from files (the expiry check, and the recovery's checks of control-plane and kubelet certificates).
 */
public final class PemCertificates {
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final Pattern BLOCK =
            Pattern.compile(Pattern.quote(BEGIN) + ".*?-----END CERTIFICATE-----", Pattern.DOTALL);

    /** One block: the certificate, or why it could not be decoded. */
    public record Decoded(X509Certificate certificate, String problem) {
        public boolean ok() {
            return certificate != null;
        }
    }

    private PemCertificates() {}

    /** The first block (a leaf before its chain), or why there is none; the rest of the text, keys included, is not looked at. */
    public static Decoded first(String pem) {
        List<Decoded> all = decode(pem);
        return all.isEmpty() ? new Decoded(null, "no certificate block (" + BEGIN + ")") : all.get(0);
    }

    public static List<Decoded> decode(String pem) {
        List<Decoded> result = new ArrayList<>();
        Matcher block = BLOCK.matcher(pem);
        int end = 0;
        while (block.find()) {
            result.add(decodeBlock(block.group()));
            end = block.end();
        }
        if (pem.indexOf(BEGIN, end) >= 0) {
            result.add(new Decoded(null, "a certificate block has no END line (truncated file?)"));
        }
        return result;
    }

    private static Decoded decodeBlock(String block) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return new Decoded(
                    (X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(block.getBytes(StandardCharsets.US_ASCII))),
                    null);
        } catch (CertificateException e) {
            // The JDK's message names the DER problem; it never echoes the input.
            return new Decoded(null, "the certificate does not decode: " + e.getMessage());
        }
    }
}
