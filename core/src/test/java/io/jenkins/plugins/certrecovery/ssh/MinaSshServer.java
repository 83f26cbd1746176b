package io.jenkins.plugins.certrecovery.ssh;

import io.jenkins.plugins.certrecovery.sandbox.ShellExecCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

/**
 * An in-process Apache MINA SSH server on 127.0.0.1 (ephemeral port) that runs every exec request through a real
 * {@code /bin/sh -c} as the test process's user. Reusable by any test in core that needs real SSH hosts:
 * <pre>
 * try (MinaSshServer server = MinaSshServer.builder().authorize(userKey.getPublic()).start()) {
 *     SshTarget target = server.target("master-0", "root");
 *     HostKeyTrust trust = HostKeyTrust.verified(server.knownHostsLine(), Map.of());
 * }
 * </pre>
 */
public final class MinaSshServer implements AutoCloseable {
    private final SshServer server;
    private final KeyPair hostKey;
    private final AtomicInteger sessionsOpened = new AtomicInteger();
    private final List<String> commands = new CopyOnWriteArrayList<>();

    private MinaSshServer(Builder builder) throws IOException {
        this.hostKey = builder.hostKey == null ? TestKeys.generate(TestKeys.Type.ECDSA_P256) : builder.hostKey;
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        List<PublicKey> authorized = List.copyOf(builder.authorized);
        server.setPublickeyAuthenticator(
                (user, key, session) -> authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        String password = builder.password;
        server.setPasswordAuthenticator(password == null ? null : (user, given, session) -> password.equals(given));
        server.setKeyboardInteractiveAuthenticator(null);
        if (builder.signatures != null) {
            server.setSignatureFactories(builder.signatures);
        }
        if (builder.keyExchanges != null) {
            server.setKeyExchangeFactories(
                    NamedFactory.setUpTransformedFactories(false, builder.keyExchanges, ServerBuilder.DH2KEX));
        }
        if (builder.forwarding) {
            server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        }
        if (builder.channelOpens != null) {
            ChannelOpenGate gate = builder.channelOpens;
            server.setChannelFactories(List.of(new org.apache.sshd.common.channel.ChannelFactory() {
                @Override
                public String getName() {
                    return org.apache.sshd.server.channel.ChannelSessionFactory.INSTANCE.getName();
                }

                @Override
                public org.apache.sshd.common.channel.Channel createChannel(
                        org.apache.sshd.common.session.Session session) throws IOException {
                    gate.received().countDown();
                    try {
                        gate.release().await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return org.apache.sshd.server.channel.ChannelSessionFactory.INSTANCE.createChannel(session);
                }
            }));
        }
        boolean dropRoot = builder.unprivileged && "root".equals(System.getProperty("user.name"));
        server.setCommandFactory((channel, command) -> {
            commands.add(command);
            return new ShellExecCommand(
                    new ProcessBuilder(
                            "/bin/sh",
                            "-c",
                            dropRoot
                                    ? "exec setpriv --reuid=65534 --regid=65534 --clear-groups /bin/sh -c "
                                            + ShellQuoting.quote(command)
                                    : command),
                    code -> {});
        });
        server.addSessionListener(new org.apache.sshd.common.session.SessionListener() {
            @Override
            public void sessionCreated(org.apache.sshd.common.session.Session session) {
                sessionsOpened.incrementAndGet();
            }
        });
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return server.getPort();
    }

    public PublicKey hostPublicKey() {
        return hostKey.getPublic();
    }

    /** {@code SHA256:...} of the host key, as a node's pinned fingerprint. */
    public String hostKeyFingerprint() {
        return TestKeys.sha256(hostKey.getPublic());
    }

    /** A known_hosts line for this server in the {@code [127.0.0.1]:port} form. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + TestKeys.publicKeyLine(hostKey.getPublic()) + "\n";
    }

    /** The same entry with its host name hashed, as {@code HashKnownHosts yes} writes it. */
    public String hashedKnownHostsLine() {
        try {
            byte[] salt = new byte[20];
            new java.security.SecureRandom().nextBytes(salt);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] hash = mac.doFinal(("[127.0.0.1]:" + port()).getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getEncoder();
            return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hash) + " "
                    + TestKeys.publicKeyLine(hostKey.getPublic()) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public SshTarget target(String node, String user) {
        return new SshTarget(node, "127.0.0.1", port(), user);
    }

    /** How many SSH connections clients opened so far. */
    public int sessionsOpened() {
        return sessionsOpened.get();
    }

    /** Every exec command line received, in order. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** Drops every open connection (simulates a network failure). */
    public void dropConnections() throws IOException {
        for (var session : server.getActiveSessions()) {
            session.close(true).await(java.time.Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /**
     * Holds every session channel's opening: the server counts {@code received} down when a client asks to open one and confirms
     * it only once {@code release} is counted down, so a test can act while a client waits for the confirmation.
     */
    public record ChannelOpenGate(
            java.util.concurrent.CountDownLatch received, java.util.concurrent.CountDownLatch release) {}

    public static final class Builder {
        private final List<PublicKey> authorized = new ArrayList<>();
        private ChannelOpenGate channelOpens;
        private KeyPair hostKey;
        private String password;
        private boolean forwarding;
        private boolean unprivileged;
        private List<NamedFactory<Signature>> signatures;
        private List<BuiltinDHFactories> keyExchanges;

        public Builder authorize(PublicKey key) {
            authorized.add(key);
            return this;
        }

        public Builder password(String value) {
            password = value;
            return this;
        }

        public Builder hostKey(KeyPair key) {
            hostKey = key;
            return this;
        }

        /**
         * Runs commands as {@code nobody} (setpriv) when the tests run as root, so that file permissions apply as they do for a
         * login user without sudo; as any other user commands already run unprivileged.
         */
        public Builder unprivileged() {
            unprivileged = true;
            return this;
        }

        /** Lets clients open direct-tcpip channels through this server (it acts as a jump host). */
        public Builder forwarding() {
            forwarding = true;
            return this;
        }

        /** Restricts the signature algorithms the server accepts, e.g. to rsa-sha2-256 only. */
        public Builder signatures(BuiltinSignatures... accepted) {
            signatures = List.of(accepted);
            return this;
        }

        /** Restricts the key exchanges the server offers, e.g. to mlkem768x25519-sha256 only. */
        public Builder keyExchanges(BuiltinDHFactories... offered) {
            keyExchanges = List.of(offered);
            return this;
        }

        /** Channel openings wait at the gate (see {@link ChannelOpenGate}). */
        public Builder holdChannelOpens(ChannelOpenGate gate) {
            channelOpens = gate;
            return this;
        }

        public MinaSshServer start() throws IOException {
            return new MinaSshServer(this);
        }
    }
}
