package io.jenkins.plugins.certrecovery.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.jenkins.plugins.certrecovery.cluster.JumpHost;
import io.jenkins.plugins.certrecovery.cluster.SshSettings;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

/**
 * Opens verified, authenticated SSH connections for one run: identity, host-key trust and timings are the run's. Connections
 * to a jump host are shared by every target behind it and closed with {@link #close()}.
 */
public final class SshConnector implements AutoCloseable {
    private final SshIdentity identity;
    private final HostKeyTrust trust;
    private final SshOptions options;
    private final SecretMasker masker;
    private final OutputSink sink;
    private final OutputSink maskedLines;
    private final Map<JumpHost, Session> jumpSessions = new HashMap<>();
    // One JSch for the run's connections: it holds the key, decrypted once (see SshIdentity.addTo).
    private final JSch jsch = new JSch();

    /** Registers the identity's secrets with the masker. */
    public SshConnector(
            SshIdentity identity, HostKeyTrust trust, SshOptions options, SecretMasker masker, OutputSink sink) {
        identity.addTo(jsch);
        this.identity = identity;
        this.trust = trust;
        this.options = options;
        this.masker = masker;
        this.sink = new MaskingSink(sink, masker);
        this.maskedLines = sink;
        identity.registerSecrets(masker);
    }

    public SshOptions options() {
        return options;
    }

    public SecretMasker masker() {
        return masker;
    }

    /** The sink for warnings and lines not yet masked: it masks first. */
    OutputSink sink() {
        return sink;
    }

    /** The run's sink itself, for command output that {@link MaskedLineStream} has masked already. */
    OutputSink maskedLinesSink() {
        return maskedLines;
    }

    /** A new connection to the target, through its jump host when it has one. */
    Session open(SshTarget target) throws SshException, InterruptedException {
        JumpHostProxy proxy =
                target.jumpHost() == null ? null : new JumpHostProxy(jumpSession(target.jumpHost(), target));
        try {
            return connect(target.node(), target.host(), target.port(), target.user(), proxy);
        } catch (SshException e) {
            if (proxy != null
                    && e.getCause() instanceof JSchException cause
                    && cause.getMessage() != null
                    && cause.getMessage().contains("channel is not opened")) {
                throw new SshException(
                        target.node(),
                        "jump host " + target.jumpHost() + " could not open a connection to " + target.address()
                                + " for " + target.node() + ": check that the bastion can reach it",
                        e);
            }
            throw e;
        }
    }

    private synchronized Session jumpSession(JumpHost jump, SshTarget target)
            throws SshException, InterruptedException {
        Session session = jumpSessions.get(jump);
        if (session == null || !session.isConnected()) {
            try {
                // The bastion's pin sits under the inventory's reserved key, as InventoryLoader validates it.
                session = connect(SshSettings.JUMP_HOST_KEY, jump.host(), jump.port(), jump.user(), null);
            } catch (SshException e) {
                throw new SshException(
                        target.node(),
                        "jump host " + jump + " is unreachable, so " + target.node() + " (" + target.address()
                                + ") cannot be reached: " + e.getMessage(),
                        e);
            }
            jumpSessions.put(jump, session);
        }
        return session;
    }

    private Session connect(String node, String host, int port, String user, JumpHostProxy proxy)
            throws SshException, InterruptedException {
        String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        HostKeyTrust.Verifier verifier = trust.verifierFor(node, address, sink);
        Session session = null;
        try {
            session = jsch.getSession(user, host, port);
            identity.configure(session);
            session.setHostKeyRepository(verifier);
            session.setConfig("StrictHostKeyChecking", "yes");
            useBundledCrypto(session);
            session.setServerAliveInterval((int) options.keepaliveInterval().toMillis());
            session.setServerAliveCountMax(3);
            if (proxy != null) {
                session.setProxy(proxy);
            }
            session.connect((int) options.connectTimeout().toMillis());
            return session;
        } catch (JSchException e) {
            if (session != null) {
                session.disconnect();
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while connecting to " + node);
            }
            String where = node.equals(host) ? address : node + " (" + address + ")";
            if (verifier.refusal() != null) {
                throw new HostKeyRefusedException(node, verifier.refusal(), e);
            }
            throw new SshException(node, describeFailure(where, user, verifier, e), e);
        }
    }

    /**
     * Java 17 and the BouncyCastle this project ships provide every key exchange and signature of JSch's default lists (ML-KEM
     * through BouncyCastle), so JSch's availability checks are switched off: they ran on every connection, generating throwaway
     * key pairs of each hybrid and curve key exchange (an ML-KEM and several X25519 and NIST key pairs) before the real one.
     * The X25519 key agreement and Ed25519 host-key verification use BouncyCastle's implementations, several times cheaper than
     * the JDK's; the algorithms, and what is proposed and accepted, stay JSch's defaults. (The client's own Ed25519 signature
     * follows JSch's global setting, which a library used inside Jenkins must leave alone.) docs/benchmarks.md, "Expiry scan".
     */
    private static void useBundledCrypto(Session session) {
        session.setConfig("CheckKexes", "");
        session.setConfig("CheckSignatures", "");
        session.setConfig("xdh", com.jcraft.jsch.bc.XDH.class.getName());
        session.setConfig("ssh-ed25519", com.jcraft.jsch.bc.SignatureEd25519.class.getName());
    }

    private String describeFailure(String where, String user, HostKeyTrust.Verifier verifier, JSchException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ConnectException) {
            return "cannot connect to " + where
                    + ": connection refused; check the host and port and that sshd runs there";
        }
        if (cause instanceof SocketTimeoutException
                || String.valueOf(e.getMessage()).contains("timeout")) {
            return "cannot connect to " + where + ": no SSH answer within "
                    + options.connectTimeout().toSeconds() + " s; check the address, the port and firewalls";
        }
        if (cause instanceof UnknownHostException) {
            return "cannot connect to " + where + ": the host name does not resolve; check it in the inventory";
        }
        if (cause instanceof NoRouteToHostException) {
            return "cannot connect to " + where + ": no route to host; check the address and the network";
        }
        if (String.valueOf(e.getMessage()).startsWith("Auth fail")
                || String.valueOf(e.getMessage()).contains("Auth cancel")) {
            return "authentication as " + user + " on " + where + " failed: the host refused the " + identity.describe()
                    + ("password".equals(identity.describe())
                            ? ""
                            : "; add its public key to ~" + user + "/.ssh/authorized_keys on the host");
        }
        return "SSH connection to " + where + " failed: " + masker.mask(String.valueOf(e.getMessage()));
    }

    @Override
    public synchronized void close() {
        jumpSessions.values().forEach(Session::disconnect);
        jumpSessions.clear();
        try {
            jsch.removeAllIdentity();
        } catch (JSchException e) {
            // Only the key's copy in memory is cleared here; there is nothing left to undo.
        }
    }

    /** Masks every line and warning before it reaches the run's sink. */
    private record MaskingSink(OutputSink target, SecretMasker masker) implements OutputSink {
        @Override
        public void line(String host, Stream stream, String line) {
            target.line(host, stream, masker.mask(line));
        }

        @Override
        public void warning(String host, String message) {
            target.warning(host, masker.mask(message));
        }
    }
}
