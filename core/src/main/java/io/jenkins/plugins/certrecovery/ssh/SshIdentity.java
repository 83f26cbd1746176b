package io.jenkins.plugins.certrecovery.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;
import java.nio.charset.StandardCharsets;

/**
 * How the transport logs in: a private key held in memory (OpenSSH or PEM text; ed25519, ECDSA or RSA; optionally encrypted)
 * or a password. The key is checked when the identity is made, so a bad key fails before any host is contacted.
 * Neither {@link #toString()} nor any message shows the secret; {@link #registerSecrets(SecretMasker)} masks it in all output.
 */
public final class SshIdentity {
    private static final String KEY_NAME = "inventory key";
    private final String privateKey;
    private final String passphrase;
    private final String password;
    private final KeyFingerprint publicKey;

    private SshIdentity(String privateKey, String passphrase, String password, KeyFingerprint publicKey) {
        this.privateKey = privateKey;
        this.passphrase = passphrase;
        this.password = password;
        this.publicKey = publicKey;
    }

    /**
     * A private key given as text.
     *
     * @param keyText    the key file's content ({@code -----BEGIN OPENSSH PRIVATE KEY-----} or PEM)
     * @param passphrase the key's passphrase, or null/empty when it is not encrypted
     * @throws IllegalArgumentException when the text is no key, the key type is unsupported or the passphrase is missing or wrong
     */
    public static SshIdentity privateKey(String keyText, String passphrase) {
        if (keyText == null || keyText.isBlank()) {
            throw new IllegalArgumentException(
                    "SSH private key is empty: give the content of the key file (-----BEGIN OPENSSH PRIVATE KEY----- ...)");
        }
        String phrase = passphrase == null || passphrase.isEmpty() ? null : passphrase;
        KeyPair pair = load(keyText);
        try {
            if (pair.isEncrypted()) {
                if (phrase == null) {
                    throw new IllegalArgumentException("SSH private key is encrypted: give its passphrase");
                }
                if (!pair.decrypt(phrase)) {
                    throw new IllegalArgumentException(
                            "SSH private key passphrase is wrong: the key cannot be decrypted with it");
                }
            }
            String type = supportedType(pair);
            return new SshIdentity(
                    keyText,
                    phrase,
                    null,
                    new KeyFingerprint(
                            type, KeyFingerprint.of(pair.getPublicKeyBlob()).sha256()));
        } finally {
            pair.dispose();
        }
    }

    /**
     * Whether the key text is protected by a passphrase, so that a caller asks for one only when it is needed (the CLI prompts).
     *
     * @throws IllegalArgumentException when the text is no key
     */
    public static boolean isEncrypted(String keyText) {
        KeyPair pair = load(keyText);
        try {
            return pair.isEncrypted();
        } finally {
            pair.dispose();
        }
    }

    private static KeyPair load(String keyText) {
        try {
            return KeyPair.load(new JSch(), keyText.getBytes(StandardCharsets.UTF_8), null);
        } catch (JSchException e) {
            throw new IllegalArgumentException("SSH private key is malformed: it is not an OpenSSH or PEM private key "
                    + "(expected the whole key file, from -----BEGIN ... PRIVATE KEY----- to its END line)");
        }
    }

    /** Password authentication. */
    public static SshIdentity password(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("SSH password is empty");
        }
        return new SshIdentity(null, null, password, null);
    }

    private static String supportedType(KeyPair pair) {
        return switch (pair.getKeyType()) {
            case KeyPair.ED25519 -> "ssh-ed25519";
            case KeyPair.ECDSA -> pair.getKeyTypeString();
            case KeyPair.RSA -> "ssh-rsa";
            default ->
                throw new IllegalArgumentException("SSH private key type " + pair.getKeyTypeString()
                        + " is not supported: use an ed25519, ECDSA or RSA key");
        };
    }

    /** Registers the key text, passphrase and password with the run's masker. */
    public void registerSecrets(SecretMasker masker) {
        masker.register(privateKey);
        masker.register(passphrase);
        masker.register(password);
    }

    /** What authentication offers, for messages: key type and public fingerprint, or "password". */
    public String describe() {
        return publicKey == null ? "password" : publicKey.toString();
    }

    /**
     * Gives a run's JSch the key, decrypted once: an encrypted OpenSSH key's bcrypt derivation costs hundreds of milliseconds of
     * CPU, which a key added per connection would pay for every host. An ed25519 key signs through {@link Ed25519KeyIdentity}.
     * Nothing for a password.
     */
    void addTo(JSch jsch) {
        if (privateKey == null) {
            return;
        }
        try {
            byte[] phrase = passphrase == null ? null : passphrase.getBytes(StandardCharsets.UTF_8);
            KeyPair pair = load(privateKey);
            try {
                if (pair.getKeyType() == KeyPair.ED25519) {
                    if (phrase != null) {
                        pair.decrypt(phrase);
                    }
                    jsch.addIdentity(Ed25519KeyIdentity.of(KEY_NAME, pair), null);
                } else {
                    jsch.addIdentity(KEY_NAME, privateKey.getBytes(StandardCharsets.UTF_8), null, phrase);
                }
            } finally {
                pair.dispose();
            }
        } catch (JSchException e) {
            // privateKey() loaded and decrypted this very text already, so this cannot happen with a valid identity.
            throw new IllegalStateException("SSH private key " + publicKey + " could not be loaded again", e);
        }
    }

    /** What a session offers: the key added by {@link #addTo}, or the password. */
    void configure(Session session) {
        if (privateKey != null) {
            session.setConfig("PreferredAuthentications", "publickey");
        } else {
            session.setPassword(password);
            session.setConfig("PreferredAuthentications", "password");
        }
    }

    @Override
    public String toString() {
        return "SshIdentity["
                + (publicKey == null ? "password ****" : publicKey + (passphrase == null ? "" : ", encrypted")) + "]";
    }
}
