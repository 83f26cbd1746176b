package io.jenkins.plugins.certrecovery.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A real OpenSSH {@code /usr/sbin/sshd} on a loopback port with its own sshd_config, host key and authorized keys under a
 * directory of the test; stopped (by its own process handle) on close.
 */
public final class OpenSshServer implements AutoCloseable {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Process sshd;
    private final int port;
    private final KeyPair hostKey;
    private final Path log;

    /** Why this machine cannot run it (no sshd, not root), or empty when it can. */
    public static Optional<String> unavailableBecause() {
        if (!Files.isExecutable(SSHD)) {
            return Optional.of(SSHD + " is not installed (.ci/run installs openssh-server)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("tests do not run as root, and sshd must be root to log other users in");
        }
        return Optional.empty();
    }

    /**
     * @param dir            a directory of the test (made world-readable: sshd reads authorized keys as the user)
     * @param authorizedKeys the public key each user may log in with
     */
    public OpenSshServer(Path dir, Map<String, PublicKey> authorizedKeys) throws IOException, InterruptedException {
        hostKey = TestKeys.generate(TestKeys.Type.ED25519);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path hostKeyFile = dir.resolve("ssh_host_ed25519_key");
        Files.writeString(hostKeyFile, TestKeys.openSsh(hostKey, null));
        Files.setPosixFilePermissions(hostKeyFile, PosixFilePermissions.fromString("rw-------"));
        Path keys = Files.createDirectories(dir.resolve("authorized_keys"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Map.Entry<String, PublicKey> user : authorizedKeys.entrySet()) {
            Files.writeString(keys.resolve(user.getKey()), TestKeys.publicKeyLine(user.getValue()) + "\n");
        }
        Files.createDirectories(Path.of("/run/sshd")); // privilege-separation directory sshd insists on
        port = freePort();
        Path config = dir.resolve("sshd_config");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "Port " + port,
                        "ListenAddress 127.0.0.1",
                        "HostKey " + hostKeyFile,
                        "PidFile " + dir.resolve("sshd.pid"),
                        "AuthorizedKeysFile " + keys + "/%u",
                        "PubkeyAuthentication yes",
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "UsePAM no",
                        "StrictModes no",
                        "PermitRootLogin prohibit-password",
                        "AllowUsers " + String.join(" ", authorizedKeys.keySet()),
                        "LogLevel VERBOSE",
                        ""));
        log = dir.resolve("sshd.log");
        sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitListening();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!sshd.isAlive()) {
                throw new IOException("sshd exited with " + sshd.exitValue() + ": " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                // sshd is still starting: poll again.
                sshd.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        throw new IOException("sshd did not listen on 127.0.0.1:" + port + " within 20 s: " + Files.readString(log));
    }

    public int port() {
        return port;
    }

    public PublicKey hostPublicKey() {
        return hostKey.getPublic();
    }

    public String knownHostsLine() {
        return "[127.0.0.1]:" + port + " " + TestKeys.publicKeyLine(hostKey.getPublic()) + "\n";
    }

    public SshTarget target(String node, String user) {
        return new SshTarget(node, "127.0.0.1", port, user);
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        sshd.destroy();
        if (!sshd.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            sshd.destroyForcibly();
        }
    }
}
