package io.jenkins.plugins.certrecovery.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The BouncyCastle-signing ed25519 login key stands in for JSch's own key pair byte for byte. */
class Ed25519KeyIdentityTest {
    private static final byte[] SESSION_DATA =
            "session identifier and userauth request".getBytes(StandardCharsets.UTF_8);

    private static KeyPair jschPair(String keyText, String passphrase) throws Exception {
        KeyPair pair = KeyPair.load(new JSch(), keyText.getBytes(StandardCharsets.US_ASCII), null);
        if (passphrase != null) {
            pair.decrypt(passphrase);
        }
        return pair;
    }

    @Test
    void signsAndOffersTheSameBytesAsJschsKeyPair() throws Exception {
        KeyPair pair = jschPair(TestKeys.openSsh(TestKeys.generate(TestKeys.Type.ED25519), null), null);
        Ed25519KeyIdentity identity = Ed25519KeyIdentity.of("key", pair);

        assertEquals("ssh-ed25519", identity.getAlgName());
        assertArrayEquals(pair.getPublicKeyBlob(), identity.getPublicKeyBlob());
        assertArrayEquals(
                pair.getSignature(SESSION_DATA, "ssh-ed25519"), identity.getSignature(SESSION_DATA, "ssh-ed25519"));
    }

    @Test
    void takesTheKeyOfADecryptedPassphraseProtectedKey() throws Exception {
        KeyPair pair =
                jschPair(TestKeys.openSsh(TestKeys.generate(TestKeys.Type.ED25519), "s3cret phrase"), "s3cret phrase");
        Ed25519KeyIdentity identity = Ed25519KeyIdentity.of("key", pair);

        assertFalse(identity.isEncrypted());
        assertArrayEquals(pair.getSignature(SESSION_DATA, "ssh-ed25519"), identity.getSignature(SESSION_DATA));
    }

    @Test
    void clearForgetsTheKey() throws Exception {
        KeyPair pair = jschPair(TestKeys.openSsh(TestKeys.generate(TestKeys.Type.ED25519), null), null);
        Ed25519KeyIdentity identity = Ed25519KeyIdentity.of("key", pair);

        identity.clear();

        assertFalse(Arrays.equals(pair.getSignature(SESSION_DATA, "ssh-ed25519"), identity.getSignature(SESSION_DATA)));
    }

    @Test
    void refusesAnotherKeyType() throws Exception {
        KeyPair pair = jschPair(TestKeys.openSsh(TestKeys.generate(TestKeys.Type.ECDSA_P256), null), null);

        assertThrows(IllegalArgumentException.class, () -> Ed25519KeyIdentity.of("key", pair));
    }
}
