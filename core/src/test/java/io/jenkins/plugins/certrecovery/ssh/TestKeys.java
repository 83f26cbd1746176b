package io.jenkins.plugins.certrecovery.ssh;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;

/** Test key material: key pairs generated in memory, written as OpenSSH or PEM text the way ssh-keygen/openssl would. */
public final class TestKeys {
    private TestKeys() {}

    public enum Type {
        ED25519(KeyPairProvider.SSH_ED25519, 256),
        ECDSA_P256(KeyPairProvider.ECDSA_SHA2_NISTP256, 256),
        ECDSA_P384(KeyPairProvider.ECDSA_SHA2_NISTP384, 384),
        RSA(KeyPairProvider.SSH_RSA, 2048);

        final String sshName;
        final int bits;

        Type(String sshName, int bits) {
            this.sshName = sshName;
            this.bits = bits;
        }
    }

    public static KeyPair generate(Type type) {
        try {
            return KeyUtils.generateKeyPair(type.sshName, type.bits);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type + " key", e);
        }
    }

    /** {@code -----BEGIN OPENSSH PRIVATE KEY-----}, encrypted (aes256-ctr, bcrypt) when a passphrase is given. */
    public static String openSsh(KeyPair pair, String passphrase) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyEncryptionContext encryption = null;
            if (passphrase != null) {
                encryption = new OpenSSHKeyEncryptionContext();
                encryption.setPassword(passphrase);
                encryption.setCipherName("AES");
                encryption.setCipherMode("CTR");
                encryption.setCipherType("256");
            }
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "test", encryption, out);
            return out.toString(StandardCharsets.US_ASCII);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write an OpenSSH key", e);
        }
    }

    /** Traditional PEM ({@code RSA PRIVATE KEY} / {@code EC PRIVATE KEY}), AES-128-CBC encrypted when a passphrase is given. */
    public static String pem(KeyPair pair, String passphrase) {
        try (StringWriter text = new StringWriter();
                JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (passphrase == null) {
                writer.writeObject(pair.getPrivate());
            } else {
                writer.writeObject(
                        pair.getPrivate(), new JcePEMEncryptorBuilder("AES-128-CBC").build(passphrase.toCharArray()));
            }
            writer.flush();
            return text.toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write a PEM key", e);
        }
    }

    /** The public key as one authorized_keys / known_hosts key field ({@code ssh-ed25519 AAAA...}). */
    public static String publicKeyLine(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    public static String sha256(PublicKey key) {
        try {
            return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
