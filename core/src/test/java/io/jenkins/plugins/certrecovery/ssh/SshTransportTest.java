package io.jenkins.plugins.certrecovery.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.cluster.JumpHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSch transport against in-process MINA SSH servers that run commands through a real /bin/sh. */
class SshTransportTest {
    private static final KeyPair USER_KEY = TestKeys.generate(TestKeys.Type.ED25519);
    private static final SshIdentity IDENTITY = SshIdentity.privateKey(TestKeys.openSsh(USER_KEY, null), null);
    private static final SshOptions OPTIONS =
            SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(5)).withCommandTimeout(Duration.ofSeconds(30));

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final RecordingSink sink = new RecordingSink();
    private final SecretMasker masker = new SecretMasker();
    private MinaSshServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = open(MinaSshServer.builder()
                .authorize(USER_KEY.getPublic())
                .password("s3cret-Pa55word")
                .start());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private JschRemoteHost host(MinaSshServer on, SshIdentity identity, HostKeyTrust trust) {
        SshConnector connector = open(new SshConnector(identity, trust, OPTIONS, masker, sink));
        return open(new JschRemoteHost(on.target("master-0", "root"), connector));
    }

    private JschRemoteHost host() {
        return host(server, IDENTITY, HostKeyTrust.verified(server.knownHostsLine(), Map.of()));
    }

    /**
     * JSch's channel opening swallows an interrupt; the transport waits for it on another thread, so an interrupt (Ctrl-C, a stopped
     * step) that arrives while the server has not yet confirmed the channel still ends the command at once.
     */
    @Test
    void anInterruptWhileTheChannelOpensEndsTheCommand() throws Exception {
        MinaSshServer.ChannelOpenGate gate = new MinaSshServer.ChannelOpenGate(
                new java.util.concurrent.CountDownLatch(1), new java.util.concurrent.CountDownLatch(1));
        MinaSshServer held = open(MinaSshServer.builder()
                .authorize(USER_KEY.getPublic())
                .holdChannelOpens(gate)
                .start());
        JschRemoteHost host = host(held, IDENTITY, HostKeyTrust.verified(held.knownHostsLine(), Map.of()));
        host.connect();
        java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                host.run(RemoteCommand.of("echo", "never"));
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        caller.start();
        assertTrue(
                gate.received().await(30, java.util.concurrent.TimeUnit.SECONDS), "the client asked to open a channel");
        caller.interrupt();
        Throwable ended = outcome.get(30, java.util.concurrent.TimeUnit.SECONDS);
        gate.release().countDown();
        assertTrue(ended instanceof InterruptedException, "the command ends with the interrupt: " + ended);
        assertEquals(List.of(), held.commands(), "the command never ran");
    }

    @ParameterizedTest
    @EnumSource(TestKeys.Type.class)
    void logsInWithEveryKeyTypeInOpenSshFormat(TestKeys.Type type) throws Exception {
        KeyPair key = TestKeys.generate(type);
        assertLogsIn(key, TestKeys.openSsh(key, null));
    }

    /**
     * SshConnector switches off JSch's per-connection availability checks of key exchanges and signatures: each key exchange JSch
     * proposes must then really work here, against a server that offers that one alone.
     */
    @ParameterizedTest
    @MethodSource("jschKeyExchanges")
    void negotiatesEveryKeyExchangeJschProposes(String name) throws Exception {
        BuiltinDHFactories offered = BuiltinDHFactories.fromFactoryName(name);
        assertNotNull(offered, "MINA knows " + name);
        MinaSshServer only = open(MinaSshServer.builder()
                .authorize(USER_KEY.getPublic())
                .hostKey(TestKeys.generate(TestKeys.Type.ED25519))
                .keyExchanges(offered)
                .start());
        JschRemoteHost host = host(only, IDENTITY, HostKeyTrust.verified(only.knownHostsLine(), Map.of()));
        assertEquals("ok\n", host.run(RemoteCommand.of("echo", "ok")).stdout());
    }

    static List<String> jschKeyExchanges() {
        return List.of(com.jcraft.jsch.JSch.getConfig("kex").split(","));
    }

    /** Host-key signatures are verified by BouncyCastle for Ed25519 and by the JDK for the others; each must accept its host. */
    @ParameterizedTest
    @EnumSource(TestKeys.Type.class)
    void verifiesEveryHostKeyType(TestKeys.Type type) throws Exception {
        MinaSshServer other = open(MinaSshServer.builder()
                .authorize(USER_KEY.getPublic())
                .hostKey(TestKeys.generate(type))
                .start());
        JschRemoteHost host = host(other, IDENTITY, HostKeyTrust.verified(other.knownHostsLine(), Map.of()));
        assertEquals("ok\n", host.run(RemoteCommand.of("echo", "ok")).stdout());
    }

    @ParameterizedTest
    @EnumSource(
            value = TestKeys.Type.class,
            names = {"ECDSA_P256", "ECDSA_P384", "RSA"})
    void logsInWithPemKeys(TestKeys.Type type) throws Exception {
        KeyPair key = TestKeys.generate(type);
        assertLogsIn(key, TestKeys.pem(key, null));
    }

    private void assertLogsIn(KeyPair key, String keyText) throws Exception {
        MinaSshServer other =
                open(MinaSshServer.builder().authorize(key.getPublic()).start());
        JschRemoteHost host = host(
                other, SshIdentity.privateKey(keyText, null), HostKeyTrust.verified(other.knownHostsLine(), Map.of()));
        assertEquals("hello\n", host.run(RemoteCommand.of("echo", "hello")).stdout());
    }

    @Test
    void logsInWithEncryptedKeys() throws Exception {
        KeyPair ed = TestKeys.generate(TestKeys.Type.ED25519);
        KeyPair rsa = TestKeys.generate(TestKeys.Type.RSA);
        MinaSshServer other = open(MinaSshServer.builder()
                .authorize(ed.getPublic())
                .authorize(rsa.getPublic())
                .start());
        HostKeyTrust trust = HostKeyTrust.verified(other.knownHostsLine(), Map.of());
        for (SshIdentity identity : List.of(
                SshIdentity.privateKey(TestKeys.openSsh(ed, "correct horse"), "correct horse"),
                SshIdentity.privateKey(TestKeys.pem(rsa, "battery staple"), "battery staple"))) {
            assertEquals(
                    0,
                    host(other, identity, trust).run(RemoteCommand.of("true")).exitCode(),
                    identity.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = BuiltinSignatures.class,
            names = {"rsaSHA256", "rsaSHA512"})
    void signsWithRsaSha2WhenTheServerAcceptsOnlyThat(BuiltinSignatures rsaSha2) throws Exception {
        KeyPair rsa = TestKeys.generate(TestKeys.Type.RSA);
        MinaSshServer strict = open(MinaSshServer.builder()
                .authorize(rsa.getPublic())
                .signatures(rsaSha2, BuiltinSignatures.nistp256)
                .start());
        JschRemoteHost host = host(
                strict,
                SshIdentity.privateKey(TestKeys.openSsh(rsa, null), null),
                HostKeyTrust.verified(strict.knownHostsLine(), Map.of()));
        assertEquals("ok\n", host.run(RemoteCommand.of("echo", "ok")).stdout());
    }

    @Test
    void logsInWithPasswordAndNeverShowsIt() throws Exception {
        SshIdentity identity = SshIdentity.password("s3cret-Pa55word");
        assertFalse(identity.toString().contains("s3cret"));
        JschRemoteHost host = host(server, identity, HostKeyTrust.verified(server.knownHostsLine(), Map.of()));
        CommandResult result = host.run(RemoteCommand.of("echo", "the password is s3cret-Pa55word"));
        assertEquals("the password is s3cret-Pa55word\n", result.stdout(), "results keep raw output for parsing");
        assertEquals(List.of("the password is ****"), sink.texts("master-0", OutputSink.Stream.STDOUT));
    }

    @Test
    void refusesAWrongKeyNamingHostAndKey() {
        KeyPair stranger = TestKeys.generate(TestKeys.Type.ED25519);
        SshIdentity identity = SshIdentity.privateKey(TestKeys.openSsh(stranger, null), null);
        SshException e = assertThrows(
                SshException.class,
                () -> host(server, identity, HostKeyTrust.verified(server.knownHostsLine(), Map.of()))
                        .run(RemoteCommand.of("true")));
        assertEquals("master-0", e.host());
        assertTrue(
                e.getMessage().contains("authentication as root on master-0 (127.0.0.1:" + server.port() + ") failed"),
                e.getMessage());
        assertTrue(e.getMessage().contains(TestKeys.sha256(stranger.getPublic())), e.getMessage());
    }

    @Test
    void refusesAChangedHostKeyWithTheOfferedFingerprint() throws Exception {
        KeyPair impostor = TestKeys.generate(TestKeys.Type.ECDSA_P256);
        String knownHosts = "[127.0.0.1]:" + server.port() + " " + TestKeys.publicKeyLine(impostor.getPublic()) + "\n";
        SshException e = assertThrows(
                SshException.class,
                () -> host(server, IDENTITY, HostKeyTrust.verified(knownHosts, Map.of()))
                        .connect());
        assertTrue(
                e.getMessage().contains("host key of master-0 (127.0.0.1:" + server.port() + ") has changed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("ecdsa-sha2-nistp256 key " + server.hostKeyFingerprint()), e.getMessage());
        assertTrue(e.getMessage().contains("man-in-the-middle"), e.getMessage());
        assertEquals(0, server.commands().size(), "nothing ran on an untrusted host");
    }

    @Test
    void refusesAnUnknownHostAndSaysHowToTrustIt() {
        String otherHost = "[10.0.0.99]:22 " + TestKeys.publicKeyLine(server.hostPublicKey()) + "\n";
        SshException e = assertThrows(
                SshException.class,
                () -> host(server, IDENTITY, HostKeyTrust.verified(otherHost, Map.of()))
                        .connect());
        assertTrue(
                e.getMessage().contains("host key of master-0 (127.0.0.1:" + server.port() + ") is unknown"),
                e.getMessage());
        assertTrue(e.getMessage().contains(server.hostKeyFingerprint()), e.getMessage());
        assertTrue(
                e.getMessage().contains("hostKeyFingerprints: {master-0: " + server.hostKeyFingerprint() + "}"),
                e.getMessage());
    }

    @Test
    void trustsHashedKnownHostsEntries() throws Exception {
        String hashed = "# hashed by ssh-keygen -H\n" + server.hashedKnownHostsLine();
        assertEquals(
                "h\n",
                host(server, IDENTITY, HostKeyTrust.verified(hashed, Map.of()))
                        .run(RemoteCommand.of("echo", "h"))
                        .stdout());
    }

    @Test
    void trustsPinnedFingerprintsAndRefusesOthers() throws Exception {
        JschRemoteHost pinned =
                host(server, IDENTITY, HostKeyTrust.verified(null, Map.of("master-0", server.hostKeyFingerprint())));
        assertEquals(0, pinned.run(RemoteCommand.of("true")).exitCode());
        String wrong = TestKeys.sha256(TestKeys.generate(TestKeys.Type.ED25519).getPublic());
        SshException e = assertThrows(
                SshException.class,
                () -> host(server, IDENTITY, HostKeyTrust.verified(null, Map.of("master-0", wrong)))
                        .connect());
        assertTrue(e.getMessage().contains("does not match its pinned fingerprint " + wrong), e.getMessage());
        assertTrue(e.getMessage().contains(server.hostKeyFingerprint()), e.getMessage());
    }

    @Test
    void insecureModeWarnsAtEveryConnect() throws Exception {
        JschRemoteHost host = host(server, IDENTITY, HostKeyTrust.insecureAcceptAny());
        host.run(RemoteCommand.of("true"));
        host.close();
        host.run(RemoteCommand.of("true"));
        assertEquals(2, sink.warnings().size(), sink.warnings().toString());
        assertTrue(sink.warnings().get(0).contains("INSECURE")
                && sink.warnings().get(0).contains(server.hostKeyFingerprint()));
    }

    @Test
    void reusesOneConnectionForEveryCommand() throws Exception {
        JschRemoteHost host = host();
        List<CompletableFuture<CommandResult>> parallel = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String word = "c" + i;
            parallel.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return host.run(RemoteCommand.of("echo", word));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals("c" + i + "\n", parallel.get(i).join().stdout());
        }
        assertEquals(1, server.sessionsOpened());
    }

    @Test
    void closedPortFailsWithinTheConnectTimeout() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        SshConnector connector = open(new SshConnector(
                IDENTITY,
                HostKeyTrust.insecureAcceptAny(),
                OPTIONS.withConnectTimeout(Duration.ofSeconds(2)),
                masker,
                sink));
        JschRemoteHost host =
                open(new JschRemoteHost(new SshTarget("master-9", "127.0.0.1", closedPort, "root"), connector));
        long started = System.nanoTime();
        SshException e = assertThrows(SshException.class, host::connect);
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(2)) < 0);
        assertEquals(
                "cannot connect to master-9 (127.0.0.1:" + closedPort
                        + "): connection refused; check the host and port and that sshd runs there",
                e.getMessage());
    }

    @Test
    void silentPortFailsAfterTheConnectTimeout() throws Exception {
        try (java.net.ServerSocket silent =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            SshConnector connector = open(new SshConnector(
                    IDENTITY,
                    HostKeyTrust.insecureAcceptAny(),
                    OPTIONS.withConnectTimeout(Duration.ofMillis(700)),
                    masker,
                    sink));
            JschRemoteHost host = open(new JschRemoteHost(
                    new SshTarget("master-8", "127.0.0.1", silent.getLocalPort(), "root"), connector));
            long started = System.nanoTime();
            SshException e = assertThrows(SshException.class, host::connect);
            assertTrue(
                    Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(5)) < 0,
                    "bounded by the timeout");
            assertTrue(e.getMessage().contains("no SSH answer within"), e.getMessage());
        }
    }

    @Test
    void commandTimeoutClosesTheChannelAndNamesCommandAndHost() throws Exception {
        JschRemoteHost host = host();
        SshException e = assertThrows(
                SshException.class,
                () -> host.run(RemoteCommand.of("sleep", "30").withTimeout(Duration.ofMillis(500))));
        assertEquals(
                "`'sleep' '30'` on master-0 (127.0.0.1:" + server.port()
                        + ") timed out after 500 ms; its channel was closed",
                e.getMessage());
        assertEquals(
                "still usable\n",
                host.run(RemoteCommand.of("echo", "still usable")).stdout());
    }

    @Test
    void carriesTenMegabytesOfOutputLineByLine() throws Exception {
        List<String> streamed = Collections.synchronizedList(new java.util.ArrayList<>());
        SshConnector connector = open(new SshConnector(
                IDENTITY,
                HostKeyTrust.verified(server.knownHostsLine(), Map.of()),
                OPTIONS,
                masker,
                (h, s, line) -> streamed.add(line)));
        JschRemoteHost host = open(new JschRemoteHost(server.target("master-0", "root"), connector));
        // 655360 numbered lines of 16 bytes: 10 MiB.
        CommandResult result = host.run(RemoteCommand.of("sh", "-c", "seq -f '%015g' 1 655360"));
        assertEquals(10 * 1024 * 1024, result.stdout().length());
        assertEquals(655360, streamed.size());
        assertEquals("000000000000001", streamed.get(0));
        assertEquals("000000000655360", streamed.get(655359));
        for (int i = 0; i < streamed.size(); i += 9973) {
            assertEquals(i + 1, Long.parseLong(streamed.get(i)), "lines stay in order");
        }
    }

    @Test
    void nonZeroExitIsAResultWithStderr() throws Exception {
        CommandResult result = host().run(RemoteCommand.of("sh", "-c", "echo out; echo 'it broke' >&2; exit 3"));
        assertEquals(3, result.exitCode());
        assertFalse(result.succeeded());
        assertEquals("out\n", result.stdout());
        assertEquals("it broke\n", result.stderr());
        assertEquals(List.of("it broke"), sink.texts("master-0", OutputSink.Stream.STDERR));
        assertTrue(result.duration().toNanos() > 0);
    }

    @Test
    void passesStdinAndEnvironmentAndGivesEofWithoutStdin() throws Exception {
        JschRemoteHost host = host();
        byte[] everyByte = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = (byte) i;
        }
        assertEquals(
                "3\n",
                host.run(RemoteCommand.of("sh", "-c", "wc -l").withStdin("a\nb\nc\n".getBytes(StandardCharsets.UTF_8)))
                        .stdout());
        assertEquals(
                "256\n",
                host.run(RemoteCommand.of("sh", "-c", "wc -c").withStdin(everyByte))
                        .stdout());
        assertEquals("", host.run(RemoteCommand.of("cat")).stdout(), "cat without stdin ends at once");
        String hostile = "it's $(rm -rf /) `id`; \"quoted\" *";
        assertEquals(
                hostile,
                host.run(RemoteCommand.of("sh", "-c", "printf %s \"$VALUE\"").withEnvironment("VALUE", hostile))
                        .stdout());
    }

    @Test
    void writesFilesAtomicallyWithModeAndReadsThemBack(@TempDir Path dir) throws Exception {
        JschRemoteHost host = host();
        Path file = dir.resolve("kubelet ca.crt");
        byte[] content = new byte[70_000];
        new java.util.Random(7).nextBytes(content);
        host.writeFile(file.toString(), content, 0640);
        assertArrayEquals(content, Files.readAllBytes(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(content, host.readFile(file.toString()));
        host.writeFile(file.toString(), "second".getBytes(StandardCharsets.UTF_8), 0600);
        assertEquals("second", Files.readString(file));
        assertEquals(List.of(file), listing(dir), "no temporary file left behind");
        assertTrue(
                sink.lines().stream().noneMatch(l -> l.stream() == OutputSink.Stream.STDOUT),
                "file content is never streamed");
    }

    @Test
    void failedWriteLeavesTheOldContentAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        JschRemoteHost host = host();
        Path target = Files.createDirectory(dir.resolve("occupied"));
        Files.writeString(target.resolve("inside"), "keep me");
        SshException e = assertThrows(
                SshException.class,
                () -> host.writeFile(target.toString(), "new".getBytes(StandardCharsets.UTF_8), 0644));
        assertTrue(e.getMessage().startsWith("writing " + target + " on master-0"), e.getMessage());
        assertTrue(e.getMessage().contains("the old file is unchanged"), e.getMessage());
        assertEquals("keep me", Files.readString(target.resolve("inside")));
        assertEquals(List.of(target), listing(dir));
        SshException missing = assertThrows(
                SshException.class, () -> host.readFile(dir.resolve("absent").toString()));
        assertTrue(missing.getMessage().contains("No such file"), missing.getMessage());
    }

    private static List<Path> listing(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void reconnectsAfterADropAndRetriesOnlyReadOnlyCommands() throws Exception {
        JschRemoteHost host = host();
        host.run(RemoteCommand.of("true"));
        server.dropConnections();
        assertEquals(
                "after\n", host.run(RemoteCommand.of("echo", "after")).stdout(), "a drop between commands reconnects");

        CompletableFuture<String> readOnly =
                runAsync(host, RemoteCommand.readOnly("sh", "-c", "sleep 1; echo read-only"));
        awaitCommand("read-only");
        server.dropConnections();
        assertEquals("read-only\n", readOnly.join(), "read-only command retried once");

        CompletableFuture<String> changing = runAsync(host, RemoteCommand.of("sh", "-c", "sleep 1; echo changing"));
        awaitCommand("changing");
        server.dropConnections();
        Throwable failure = assertThrows(java.util.concurrent.CompletionException.class, changing::join)
                .getCause();
        assertTrue(
                failure.getMessage().contains("dropped while running")
                        && failure.getMessage().contains("not retried"),
                failure.getMessage());
        assertEquals(
                1,
                server.commands().stream()
                        .filter(c -> c.contains("echo changing"))
                        .count());
    }

    private static CompletableFuture<String> runAsync(RemoteHost host, RemoteCommand command) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return host.run(command).stdout();
            } catch (SshException e) {
                throw new java.util.concurrent.CompletionException(e);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void awaitCommand(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.commands().stream().noneMatch(c -> c.contains(marker))) {
            assertTrue(System.nanoTime() < deadline, "command " + marker + " never arrived");
            Thread.onSpinWait();
        }
    }

    @Test
    void masksSecretsInOutputAlsoWhenSplitAcrossLines() throws Exception {
        masker.register("tok-4f8a9b2c1d");
        JschRemoteHost host = host();
        host.run(RemoteCommand.of(
                "sh", "-c", "printf 'a tok-4f8a9b2c1d b\\nsplit tok-4f8a\\n9b2c1d rest\\nclean\\n' >&2"));
        assertEquals(
                List.of("a **** b", "split ****", "**** rest", "clean"),
                sink.texts("master-0", OutputSink.Stream.STDERR));
        SshException e = assertThrows(
                SshException.class,
                () -> host.run(RemoteCommand.of("sh", "-c", "sleep 5", "tok-4f8a9b2c1d")
                        .withTimeout(Duration.ofMillis(300))));
        assertFalse(e.getMessage().contains("tok-4f8a9b2c1d"), e.getMessage());
    }

    @Test
    void masksASecretWrappedOverManyLines() throws Exception {
        masker.register("tok-4f8a9b2c1d7e");
        String token = "sha256~Q2hhbmdlIG1lIGJlZm9yZSB5b3UgbGVhdmUgdGhlIGJ1aWxkaW5n";
        masker.register(token);
        JschRemoteHost host = host();
        host.run(RemoteCommand.of(
                "sh", "-c", "printf 'before\\nx tok-4f\\n8a9b\\n2c1d\\n7e y\\ntok-4f8 is not it\\nafter\\n' >&2"));
        assertEquals(
                List.of("before", "x ****", "****", "****", "**** y", "tok-4f8 is not it", "after"),
                sink.texts("master-0", OutputSink.Stream.STDERR));
        host.run(RemoteCommand.of("sh", "-c", "printf '%s\\n' \"$1\" | fold -w 7; echo done", "sh", token));
        List<String> folded = sink.texts("master-0", OutputSink.Stream.STDOUT);
        assertEquals(token.length() / 7 + 2, folded.size(), folded.toString());
        assertTrue(folded.subList(0, folded.size() - 1).stream().allMatch("****"::equals), folded.toString());
        assertEquals("done", folded.get(folded.size() - 1));
        assertEquals(
                "a ****\n****\n**** b\nc",
                masker.mask("a tok-4f\n8a9b\n2c1d7e b\nc"),
                "whole texts too (error messages)");
        SecretMasker asterisks = new SecretMasker();
        asterisks.register("********");
        assertEquals(
                "a ****\n**** b",
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> asterisks.mask("a ****\n**** b")),
                "a secret that the mask itself spells is masked once, not again and again");
    }

    @Test
    void jumpHostCarriesTheConnection() throws Exception {
        MinaSshServer bastion = open(MinaSshServer.builder()
                .authorize(USER_KEY.getPublic())
                .forwarding()
                .start());
        HostKeyTrust trust = HostKeyTrust.verified(server.knownHostsLine() + bastion.knownHostsLine(), Map.of());
        SshConnector connector = open(new SshConnector(IDENTITY, trust, OPTIONS, masker, sink));
        SshTarget behind = new SshTarget(
                "master-0",
                "127.0.0.1",
                server.port(),
                "root",
                JumpHost.parse("root@127.0.0.1:" + bastion.port(), "root"));
        JschRemoteHost host = open(new JschRemoteHost(behind, connector));
        assertEquals("behind\n", host.run(RemoteCommand.of("echo", "behind")).stdout());
        assertEquals(1, bastion.sessionsOpened());
        assertEquals(0, bastion.commands().size(), "the bastion only forwards");
        assertEquals(1, server.commands().size());
    }

    @Test
    void jumpHostIsPinnedUnderTheInventorysJumpHostKey() throws Exception {
        MinaSshServer bastion = open(MinaSshServer.builder()
                .authorize(USER_KEY.getPublic())
                .forwarding()
                .start());
        JumpHost jump = JumpHost.parse("root@127.0.0.1:" + bastion.port(), "root");
        SshTarget behind = new SshTarget("master-0", "127.0.0.1", server.port(), "root", jump);
        HostKeyTrust pinned = HostKeyTrust.verified(
                server.knownHostsLine(),
                Map.of(
                        io.jenkins.plugins.certrecovery.cluster.SshSettings.JUMP_HOST_KEY,
                        bastion.hostKeyFingerprint()));
        JschRemoteHost host =
                open(new JschRemoteHost(behind, open(new SshConnector(IDENTITY, pinned, OPTIONS, masker, sink))));
        assertEquals("pinned\n", host.run(RemoteCommand.of("echo", "pinned")).stdout());

        HostKeyTrust wrongPin = HostKeyTrust.verified(
                server.knownHostsLine(),
                Map.of(io.jenkins.plugins.certrecovery.cluster.SshSettings.JUMP_HOST_KEY, server.hostKeyFingerprint()));
        JschRemoteHost refused =
                open(new JschRemoteHost(behind, open(new SshConnector(IDENTITY, wrongPin, OPTIONS, masker, sink))));
        SshException e = assertThrows(SshException.class, () -> refused.run(RemoteCommand.of("true")));
        assertTrue(e.getMessage().contains("does not match its pinned fingerprint"), e.getMessage());
        assertEquals(
                0,
                server.commands().stream().filter(c -> c.contains("true")).count(),
                "nothing ran behind a refused bastion");
    }

    @Test
    void unreachableJumpHostIsNamed() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        SshConnector connector = open(new SshConnector(
                IDENTITY, HostKeyTrust.verified(server.knownHostsLine(), Map.of()), OPTIONS, masker, sink));
        SshTarget behind = new SshTarget(
                "master-0", "127.0.0.1", server.port(), "root", JumpHost.parse("core@127.0.0.1:" + closedPort, "root"));
        SshException e = assertThrows(
                SshException.class,
                () -> open(new JschRemoteHost(behind, connector)).connect());
        assertTrue(
                e.getMessage().startsWith("jump host core@127.0.0.1:" + closedPort + " is unreachable, so master-0"),
                e.getMessage());
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    }

    @Test
    void targetTheJumpHostCannotReachIsNamed() throws Exception {
        MinaSshServer bastion = open(MinaSshServer.builder()
                .authorize(USER_KEY.getPublic())
                .forwarding()
                .start());
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        SshConnector connector = open(new SshConnector(
                IDENTITY, HostKeyTrust.verified(bastion.knownHostsLine(), Map.of()), OPTIONS, masker, sink));
        SshTarget behind = new SshTarget(
                "master-2",
                "127.0.0.1",
                closedPort,
                "root",
                JumpHost.parse("root@127.0.0.1:" + bastion.port(), "root"));
        SshException e = assertThrows(
                SshException.class,
                () -> open(new JschRemoteHost(behind, connector)).connect());
        assertEquals(
                "jump host root@127.0.0.1:" + bastion.port() + " could not open a connection to 127.0.0.1:" + closedPort
                        + " for master-2: check that the bastion can reach it",
                e.getMessage());
    }
}
