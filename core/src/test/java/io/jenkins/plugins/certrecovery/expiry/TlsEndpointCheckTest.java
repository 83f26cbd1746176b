package io.jenkins.plugins.certrecovery.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import io.jenkins.plugins.certrecovery.cluster.SshSettings;
import io.jenkins.plugins.certrecovery.ssh.OutputSink;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.SshIdentity;
import io.jenkins.plugins.certrecovery.ssh.SshOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** TLS endpoints read from the runner: a local TLS server with an expired serving certificate, and a closed port. */
class TlsEndpointCheckTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final TestCertificates certs = new TestCertificates();

    @Test
    void theChainIsRecordedAndNothingButTheHandshakeIsSent() throws Exception {
        TestCertificates.Issued ca = certs.ca(
                "kube-apiserver-localhost-signer", NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(3000)));
        TestCertificates.Issued serving = certs.leaf(
                "localhost",
                NOW.minus(Duration.ofDays(40)),
                NOW.minus(Duration.ofDays(3)),
                List.of("localhost", "127.0.0.1"),
                ca);
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0)) {
            closedPort = unused.getLocalPort();
        }
        try (SSLServerSocket server = tlsServer(serving, ca)) {
            CompletableFuture<Integer> bytesAfterHandshake = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket client = (SSLSocket) server.accept()) {
                    client.startHandshake();
                    InputStream in = client.getInputStream();
                    return in.read();
                } catch (IOException e) {
                    return -2;
                }
            });
            Inventory noHosts = new Inventory(
                    "tls-only",
                    OcpVersion.parse("4.6"),
                    "release",
                    new SshSettings("root", 22, null, null, null, Map.of(), null, true),
                    List.of(),
                    List.of());
            ExpiryReport report;
            try (SshClusterHosts hosts = new SshClusterHosts(
                    noHosts,
                    SshIdentity.password("unused"),
                    SshOptions.defaults(),
                    new SecretMasker(),
                    OutputSink.DISCARD)) {
                ExpiryCheckSettings settings = ExpiryCheckSettings.defaults()
                        .withEndpoints(List.of(
                                new TlsEndpoint("127.0.0.1", server.getLocalPort()),
                                new TlsEndpoint("127.0.0.1", closedPort)));
                report = new ExpiryCheck(noHosts, hosts, settings, Clock.fixed(NOW, ZoneOffset.UTC)).execute();
            }
            assertEquals(
                    -1,
                    bytesAfterHandshake.get(30, TimeUnit.SECONDS),
                    "the client sent application data or did not close");
            ExpiryRow unreachable = report.rows().get(0);
            assertEquals(ErrorKind.ENDPOINT_UNREACHABLE, unreachable.errorKind());
            assertEquals("127.0.0.1:" + closedPort, unreachable.source());
            assertTrue(unreachable.error().startsWith("TLS handshake failed: ConnectException"), unreachable.error());
            ExpiryRow leaf = report.rows().get(1);
            assertEquals("127.0.0.1:" + server.getLocalPort() + " [chain 1/2]", leaf.source());
            assertEquals(SourceKind.ENDPOINT, leaf.sourceKind());
            assertEquals(ExpiryStatus.EXPIRED, leaf.status());
            assertEquals(List.of("DNS:localhost", "IP:127.0.0.1"), leaf.subjectAltNames());
            ExpiryRow root = report.rows().get(2);
            assertEquals("kube-apiserver-localhost-signer", root.commonName());
            assertTrue(root.ca());
            assertEquals(3, report.rows().size());
        }
    }

    @Test
    void endpointsAreParsedWithClearErrors() {
        assertEquals(new TlsEndpoint("api.demo.example.com", 6443), TlsEndpoint.parse("api.demo.example.com:6443"));
        assertEquals(new TlsEndpoint("fd00::1", 10250), TlsEndpoint.parse("[fd00::1]:10250"));
        assertEquals("[fd00::1]:10250", TlsEndpoint.parse("[fd00::1]:10250").toString());
        IllegalArgumentException noPort =
                assertThrows(IllegalArgumentException.class, () -> TlsEndpoint.parse("api.demo"));
        assertTrue(noPort.getMessage().contains("is not host:port"), noPort.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TlsEndpoint.parse("api:70000"));
    }

    private static SSLServerSocket tlsServer(TestCertificates.Issued serving, TestCertificates.Issued ca)
            throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "changeit".toCharArray();
        store.setKeyEntry("serving", serving.keys().getPrivate(), password, new Certificate[] {
            serving.certificate(), ca.certificate()
        });
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }
}
