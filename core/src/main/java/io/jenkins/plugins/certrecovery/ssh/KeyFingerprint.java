package io.jenkins.plugins.certrecovery.ssh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The {@code SHA256:} fingerprint and type name of an SSH public key blob, as {@code ssh-keygen -l} prints them. */
public record KeyFingerprint(String keyType, String sha256) {
    public static KeyFingerprint of(byte[] publicKeyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKeyBlob);
            return new KeyFingerprint(
                    typeOf(publicKeyBlob),
                    "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Normalises a user-given fingerprint: {@code SHA256:} prefix required, base64 padding ignored. */
    public static String normalise(String fingerprint) {
        String value = fingerprint == null ? "" : fingerprint.strip();
        if (!value.startsWith("SHA256:") || value.length() < 20) {
            throw new IllegalArgumentException(
                    "host key fingerprint '" + value + "' is not of the form SHA256:<base64> "
                            + "(print it on the host with ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)");
        }
        return value.replaceAll("=+$", "");
    }

    // An SSH key blob starts with its type name as a length-prefixed string (RFC 4253 section 6.6).
    private static String typeOf(byte[] blob) {
        if (blob.length < 4) {
            return "unknown";
        }
        int length = ByteBuffer.wrap(blob, 0, 4).getInt();
        if (length <= 0 || length > blob.length - 4) {
            return "unknown";
        }
        return new String(blob, 4, length, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return keyType + " key " + sha256;
    }
}
