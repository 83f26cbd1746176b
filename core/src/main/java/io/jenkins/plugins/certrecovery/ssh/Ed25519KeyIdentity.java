package io.jenkins.plugins.certrecovery.ssh;

import com.jcraft.jsch.Identity;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An ed25519 login key that signs with BouncyCastle's Ed25519. JSch's own key pair signs with the class its global configuration
 * names (the JDK's Ed25519 by default), and a library used inside Jenkins must leave that global setting alone. The JDK's
 * signature costs about ten times BouncyCastle's CPU, once per connection, so once per host of every check (docs/benchmarks.md,
 * "Expiry scan"). Ed25519 signatures are deterministic (RFC 8032): both give the same bytes.
 * Holds only the 32-byte seed, which {@link #clear()} zeroes as JSch's key pair zeroes its private key.
 */
final class Ed25519KeyIdentity implements Identity {
    private static final String ALGORITHM = "ssh-ed25519";

    private final String name;
    private final byte[] publicKeyBlob;
    private final byte[] seed;

    private Ed25519KeyIdentity(String name, byte[] publicKeyBlob, byte[] seed) {
        this.name = name;
        this.publicKeyBlob = publicKeyBlob;
        this.seed = seed;
    }

    /**
     * The key of a decrypted ed25519 key pair (the pair itself is left to the caller to dispose).
     *
     * @throws IllegalArgumentException when the pair is not ed25519
     */
    static Ed25519KeyIdentity of(String name, KeyPair decrypted) throws JSchException {
        if (decrypted.getKeyType() != KeyPair.ED25519) {
            throw new IllegalArgumentException("not an ed25519 key: " + decrypted.getKeyTypeString());
        }
        // ssh-agent's form of the key: string type, string public key, string private key (seed || public key), string
        // comment.
        byte[] agentForm = decrypted.forSSHAgent();
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(agentForm))) {
            readString(in);
            readString(in);
            byte[] privateKey = readString(in);
            try {
                return new Ed25519KeyIdentity(
                        name,
                        decrypted.getPublicKeyBlob(),
                        Arrays.copyOf(privateKey, Ed25519PrivateKeyParameters.KEY_SIZE));
            } finally {
                Arrays.fill(privateKey, (byte) 0);
            }
        } catch (IOException e) {
            throw new JSchException("the ed25519 key could not be read: " + e.getMessage());
        } finally {
            Arrays.fill(agentForm, (byte) 0);
        }
    }

    private static byte[] readString(DataInputStream in) throws IOException {
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        return value;
    }

    @Override
    public byte[] getSignature(byte[] data) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(seed, 0));
        signer.update(data, 0, data.length);
        byte[] signature = signer.generateSignature();
        // The SSH signature blob: string algorithm, string signature (RFC 8709).
        ByteArrayOutputStream blob = new ByteArrayOutputStream(4 + ALGORITHM.length() + 4 + signature.length);
        try (DataOutputStream out = new DataOutputStream(blob)) {
            byte[] algorithm = ALGORITHM.getBytes(StandardCharsets.US_ASCII);
            out.writeInt(algorithm.length);
            out.write(algorithm);
            out.writeInt(signature.length);
            out.write(signature);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return blob.toByteArray();
    }

    @Override
    public byte[] getSignature(byte[] data, String algorithm) {
        return getSignature(data);
    }

    @Override
    public boolean setPassphrase(byte[] passphrase) {
        return true;
    }

    @Override
    public byte[] getPublicKeyBlob() {
        return publicKeyBlob.clone();
    }

    @Override
    public String getAlgName() {
        return ALGORITHM;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isEncrypted() {
        return false;
    }

    @Override
    public void clear() {
        Arrays.fill(seed, (byte) 0);
    }
}
