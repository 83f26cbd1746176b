package io.jenkins.plugins.certrecovery.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import io.jenkins.plugins.certrecovery.cluster.JumpHost;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every bad input is refused before any host is contacted, with a message naming the field and what to do. */
class SshInputValidationTest {
    private static final String KEY = TestKeys.openSsh(TestKeys.generate(TestKeys.Type.ED25519), null);

    private static String refusal(Runnable action) {
        return assertThrows(IllegalArgumentException.class, action::run).getMessage();
    }

    @Test
    void blankHost() {
        assertEquals(
                "node master-0: host is blank; set it to the host's DNS name or IP address",
                refusal(() -> new SshTarget("master-0", " ", 22, "core")));
    }

    @Test
    void portOutOfRange() {
        assertEquals(
                "node master-1: SSH port 70000 is out of range; use a port between 1 and 65535",
                refusal(() -> new SshTarget("master-1", "10.0.0.1", 70000, "core")));
        assertTrue(refusal(() -> new SshTarget("master-1", "10.0.0.1", -1, "core"))
                .contains("SSH port -1 is out of range"));
        assertTrue(refusal(() -> JumpHost.parse("core@bastion:0", "core"))
                .contains("the port '0' is not a number from 1 to 65535"));
        assertTrue(refusal(() -> new SshTarget("master-1", "10.0.0.1", 22, "core", new JumpHost("core", "bastion", 0)))
                .contains("jump host: SSH port 0 is out of range"));
    }

    @Test
    void malformedJumpHost() {
        assertTrue(refusal(() -> JumpHost.parse("core@[fd00::1:22", "core")).contains("'[' without a closing ']'"));
        assertEquals(new JumpHost("core", "fd00::1", 2222), JumpHost.parse("core@[fd00::1]:2222", "root"));
        assertEquals(new JumpHost("core", "bastion", 22), JumpHost.parse("core@bastion", "root"));
        assertEquals(new JumpHost("core", "bastion", 2200), JumpHost.parse("bastion:2200", "core"));
    }

    @Test
    void malformedKeyText() {
        String message = refusal(() -> SshIdentity.privateKey(
                "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----\n", null));
        assertTrue(message.startsWith("SSH private key is malformed"), message);
        assertTrue(refusal(() -> SshIdentity.privateKey("", null)).startsWith("SSH private key is empty"));
    }

    @Test
    void wrongOrMissingPassphraseNeverEchoesIt() {
        String encrypted = TestKeys.openSsh(TestKeys.generate(TestKeys.Type.ED25519), "right one");
        String wrong = refusal(() -> SshIdentity.privateKey(encrypted, "wrong guess"));
        assertEquals("SSH private key passphrase is wrong: the key cannot be decrypted with it", wrong);
        assertEquals(
                "SSH private key is encrypted: give its passphrase",
                refusal(() -> SshIdentity.privateKey(encrypted, null)));
        String pemEncrypted = TestKeys.pem(TestKeys.generate(TestKeys.Type.RSA), "right one");
        assertEquals(wrong, refusal(() -> SshIdentity.privateKey(pemEncrypted, "wrong guess")));
    }

    @Test
    void isEncryptedTellsWhetherAPassphraseIsNeeded() {
        TestKeys.Type ed25519 = TestKeys.Type.ED25519;
        assertTrue(SshIdentity.isEncrypted(TestKeys.openSsh(TestKeys.generate(ed25519), "right one")));
        assertTrue(SshIdentity.isEncrypted(TestKeys.pem(TestKeys.generate(TestKeys.Type.RSA), "right one")));
        assertFalse(SshIdentity.isEncrypted(TestKeys.openSsh(TestKeys.generate(ed25519), null)));
        assertTrue(refusal(() -> SshIdentity.isEncrypted("not a key")).startsWith("SSH private key is malformed"));
    }

    @Test
    void unsupportedKeyType() throws Exception {
        KeyPair dsa = KeyPair.genKeyPair(new JSch(), KeyPair.DSA, 1024);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        dsa.writePrivateKey(text);
        String message = refusal(() -> SshIdentity.privateKey(text.toString(StandardCharsets.US_ASCII), null));
        assertEquals("SSH private key type ssh-dss is not supported: use an ed25519, ECDSA or RSA key", message);
    }

    @Test
    void emptyKnownHostsOrNoTrustAtAll() {
        String empty = refusal(() -> HostKeyTrust.verified("# nothing here yet\n\n", Map.of()));
        assertTrue(empty.startsWith("known_hosts is empty (no host key line in it)"), empty);
        assertTrue(empty.contains("hostKeyFingerprints"), empty);
        String none = refusal(() -> HostKeyTrust.verified(null, Map.of()));
        assertTrue(none.startsWith("no host key trust configured"), none);
        String badPin = refusal(() -> HostKeyTrust.verified(null, Map.of("master-0", "MD5:aa:bb")));
        assertTrue(badPin.startsWith("host key fingerprint 'MD5:aa:bb' is not of the form SHA256:"), badPin);
    }

    @Test
    void identityNeverShowsItsSecretsButMasksThem() {
        String encrypted = TestKeys.openSsh(TestKeys.generate(TestKeys.Type.ECDSA_P256), "hunter2-passphrase");
        SshIdentity identity = SshIdentity.privateKey(encrypted, "hunter2-passphrase");
        assertFalse(identity.toString().contains("hunter2"));
        assertFalse(identity.toString().contains("PRIVATE KEY"));
        assertTrue(
                identity.toString().matches("SshIdentity\\[ecdsa-sha2-nistp256 key SHA256:[A-Za-z0-9+/]+, encrypted]"),
                identity.toString());
        SecretMasker masker = new SecretMasker();
        identity.registerSecrets(masker);
        String secondKeyLine = encrypted.lines().skip(1).findFirst().orElseThrow();
        assertEquals("pass **** line ****", masker.mask("pass hunter2-passphrase line " + secondKeyLine));
    }

    @Test
    void environmentNamesMustBeVariableNames() {
        assertEquals(
                "environment variable name 'A=B' is not a shell variable name",
                refusal(() -> RemoteCommand.of("true").withEnvironment("A=B", "x")));
    }
}
