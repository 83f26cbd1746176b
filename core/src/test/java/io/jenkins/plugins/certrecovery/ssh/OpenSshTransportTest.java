package io.jenkins.plugins.certrecovery.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport against the real OpenSSH server: login, host-key verification, and the sudo path with a NOPASSWD user and a
 * user whose sudo wants a password (both created by .ci/run).
 */
class OpenSshTransportTest {
    private static final String NOPASSWD = "ocpcr-nopasswd";
    private static final String PASSWD = "ocpcr-passwd";
    private static final KeyPair ED25519 = TestKeys.generate(TestKeys.Type.ED25519);
    private static final KeyPair RSA = TestKeys.generate(TestKeys.Type.RSA);
    private static final SshOptions OPTIONS = SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(10));

    @TempDir
    static Path dir;

    private static OpenSshServer sshd;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final RecordingSink sink = new RecordingSink();

    @BeforeAll
    static void startSshd() throws Exception {
        String why = OpenSshServer.unavailableBecause().orElse(null);
        if (why != null) {
            System.out.println("OpenSSH suite skipped: " + why);
        }
        Assumptions.assumeTrue(why == null, why);
        sshd = new OpenSshServer(
                dir, Map.of("root", ED25519.getPublic(), NOPASSWD, ED25519.getPublic(), PASSWD, RSA.getPublic()));
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    private JschRemoteHost host(String user, KeyPair key, HostKeyTrust trust) {
        SshConnector connector = new SshConnector(
                SshIdentity.privateKey(TestKeys.openSsh(key, null), null), trust, OPTIONS, new SecretMasker(), sink);
        opened.add(connector);
        JschRemoteHost host = new JschRemoteHost(sshd.target("master-0", user), connector);
        opened.add(0, host);
        return host;
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private static void assumeUser(String user) {
        boolean exists = Files.isDirectory(Path.of("/home", user))
                || readPasswd().lines().anyMatch(l -> l.startsWith(user + ":"));
        if (!exists) {
            System.out.println("OpenSSH sudo test skipped: user " + user + " does not exist (.ci/run creates it)");
        }
        Assumptions.assumeTrue(exists, "user " + user + " does not exist (.ci/run creates it)");
    }

    private static String readPasswd() {
        try {
            return Files.readString(Path.of("/etc/passwd"));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private HostKeyTrust trusted() {
        return HostKeyTrust.verified(sshd.knownHostsLine(), Map.of());
    }

    @Test
    void logsInAsRootWithoutSudo() throws Exception {
        // One command only: root's login shell may be slow to start (it sources root's .bashrc).
        JschRemoteHost host = host("root", ED25519, trusted());
        assertEquals(
                "root it's \"$HOME\" `x`",
                host.run(RemoteCommand.of("sh", "-c", "printf '%s %s' \"$(id -un)\" \"$0\"", "it's \"$HOME\" `x`"))
                        .stdout());
    }

    @Test
    void refusesAChangedHostKeyWithTheFingerprintSshKeygenPrints() throws Exception {
        assumeUser(NOPASSWD);
        String other = "[127.0.0.1]:" + sshd.port() + " "
                + TestKeys.publicKeyLine(
                        TestKeys.generate(TestKeys.Type.ED25519).getPublic()) + "\n";
        SshException e = assertThrows(
                SshException.class,
                () -> host(NOPASSWD, ED25519, HostKeyTrust.verified(other, Map.of()))
                        .connect());
        String expected = TestKeys.sha256(sshd.hostPublicKey());
        assertTrue(
                e.getMessage().contains("has changed: the host offered ssh-ed25519 key " + expected), e.getMessage());
        Path keygen = Path.of("/usr/bin/ssh-keygen");
        if (Files.isExecutable(keygen)) {
            Path pub = dir.resolve("host.pub");
            Files.writeString(pub, TestKeys.publicKeyLine(sshd.hostPublicKey()) + "\n");
            Process p = new ProcessBuilder(keygen.toString(), "-lf", pub.toString()).start();
            String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor());
            assertTrue(printed.contains(expected), "ssh-keygen -lf printed " + printed);
        }
        assertTrue(host(NOPASSWD, ED25519, HostKeyTrust.verified(null, Map.of("master-0", expected)))
                .run(RemoteCommand.of("true"))
                .succeeded());
    }

    @Test
    void rsaKeysSignWithSha2() throws Exception {
        assumeUser(PASSWD);
        // OpenSSH 8.8+ refuses ssh-rsa (SHA-1) signatures: a login proves rsa-sha2-256/512 was used.
        JschRemoteHost host = host(PASSWD, RSA, trusted());
        SshException e = assertThrows(SshException.class, () -> host.run(RemoteCommand.of("true")));
        assertTrue(e.getMessage().contains("cannot run commands as root through sudo -n"), e.getMessage());
        assertTrue(sshd.log().contains("Accepted publickey for " + PASSWD), sshd.log());
        assertTrue(sshd.log().matches("(?s).*Accepted publickey for " + PASSWD + ".*RSA SHA256:.*"), sshd.log());
    }

    @Test
    void nopasswdUserRunsEverythingAsRootThroughSudo(@TempDir Path files) throws Exception {
        assumeUser(NOPASSWD);
        JschRemoteHost host = host(NOPASSWD, ED25519, trusted());
        assertEquals(
                "0 /var/lib/kubelet/kubeconfig",
                host.run(RemoteCommand.of("sh", "-c", "printf '%s %s' \"$(id -u)\" \"$KUBECONFIG\"")
                                .withEnvironment("KUBECONFIG", "/var/lib/kubelet/kubeconfig"))
                        .stdout());
        Path rootOnly = files.resolve("kubelet-ca.crt");
        Files.writeString(rootOnly, "old");
        Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rw-------"));
        assertEquals("old", new String(host.readFile(rootOnly.toString()), StandardCharsets.UTF_8));
        host.writeFile(rootOnly.toString(), "new".getBytes(StandardCharsets.UTF_8), 0600);
        assertEquals("new", Files.readString(rootOnly));
        assertEquals("root", Files.getOwner(rootOnly).getName());
    }

    @Test
    void sudoThatWantsAPasswordFailsAtOnceWithAClearMessage() throws Exception {
        assumeUser(PASSWD);
        JschRemoteHost host = host(PASSWD, RSA, trusted());
        long started = System.nanoTime();
        SshException e = assertThrows(SshException.class, () -> host.run(RemoteCommand.of("id")));
        assertTrue(
                Duration.ofNanos(System.nanoTime() - started).compareTo(OPTIONS.connectTimeout()) < 0, "never hangs");
        assertEquals(
                "user " + PASSWD + " on master-0 (127.0.0.1:" + sshd.port()
                        + ") cannot run commands as root through sudo -n"
                        + " (sudo exited 1: sudo: a password is required). Give " + PASSWD
                        + " passwordless sudo for every command (a NOPASSWD: "
                        + "ALL rule in /etc/sudoers.d, as RHCOS does for core) or log in as root",
                e.getMessage());
    }

    @Test
    void aCommandMissingOnTheHostIsTheCommandsFailureNotSudos() throws Exception {
        assumeUser(NOPASSWD);
        JschRemoteHost host = host(NOPASSWD, ED25519, trusted());
        CommandResult missing = host.run(RemoteCommand.of("no-such-tool-on-this-host", "--version"));
        assertEquals(1, missing.exitCode(), "real sudo looks the command up itself and exits 1");
        assertEquals(
                "sudo: no-such-tool-on-this-host: command not found",
                missing.stderr().strip());
    }
}
