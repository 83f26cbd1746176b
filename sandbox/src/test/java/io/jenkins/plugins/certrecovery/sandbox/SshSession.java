package io.jenkins.plugins.certrecovery.sandbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/** A person's SSH session to one sandbox host (MINA's client), host key checked against the sandbox's known_hosts. */
final class SshSession implements AutoCloseable {
    /** What one command printed and returned. */
    record Result(String out, String err, int exit) {
        String all() {
            return out + err;
        }
    }

    private final SshClient client;
    private final ClientSession session;

    SshSession(Sandbox sandbox, String host) throws IOException {
        int port = sandbox.sshPort(host);
        String knownLine = sandbox.knownHosts()
                .lines()
                .filter(l -> l.startsWith("[127.0.0.1]:" + port + " "))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no known_hosts line for " + host));
        PublicKey expected;
        try {
            expected = PublicKeyEntry.parsePublicKeyEntry(knownLine.substring(knownLine.indexOf(' ') + 1))
                    .resolvePublicKey(null, null, null);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((clientSession, address, key) -> KeyUtils.compareKeys(key, expected));
        client.start();
        session = client.connect("core", "127.0.0.1", port)
                .verify(Duration.ofSeconds(10))
                .getSession();
        session.addPublicKeyIdentity(sandbox.clientKeyPair());
        session.auth().verify(Duration.ofSeconds(10));
    }

    Result run(String command) throws IOException {
        return run(command, "");
    }

    Result run(String command, String stdin) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(Duration.ofSeconds(10));
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(60));
            Integer exit = channel.getExitStatus();
            return new Result(
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8),
                    exit == null ? -1 : exit);
        }
    }

    @Override
    public void close() throws IOException {
        session.close();
        client.stop();
    }
}
