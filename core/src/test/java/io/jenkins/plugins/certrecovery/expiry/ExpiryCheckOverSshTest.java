package io.jenkins.plugins.certrecovery.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.NodeRole;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import io.jenkins.plugins.certrecovery.report.ExpiryJsonReport;
import io.jenkins.plugins.certrecovery.ssh.OutputSink;
import io.jenkins.plugins.certrecovery.ssh.SshClusterHosts;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A whole check against a master served by an in-process SSH server and a worker that cannot be reached. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpiryCheckOverSshTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String TOKEN = "sha256~bootstrapTokenThatMustNeverLeak0123456789";

    @TempDir
    static Path master;

    private final TestCertificates certs = new TestCertificates();
    private RootLoginServer server;
    private SshClusterHosts hosts;
    private ExpiryReport report;
    private String keyPem;

    @BeforeAll
    void scanOnce() throws Exception {
        TestCertificates.Issued rootCa = certs.ca("root-ca", days(-400), days(3000));
        TestCertificates.Issued expiredCa = certs.ca("old-signer", days(-400), days(-2));
        TestCertificates.Issued serving =
                certs.leaf("api", days(-5), days(20), List.of("api-int.test.example", "10.0.0.1"), rootCa);
        TestCertificates.Issued signer = certs.ca("csr-signer", days(-25), days(3));
        TestCertificates.Issued scheduler = certs.leaf("scheduler", days(-1), days(200), List.of(), rootCa);
        TestCertificates.Issued kubeletClient =
                certs.leaf("system:node:master-0", days(-40), days(-10), List.of(), rootCa);
        TestCertificates.Issued kubeletServing =
                certs.leaf("system:node:master-0", days(-1), days(29), List.of("master-0"), rootCa);
        TestCertificates.Issued recovery = certs.leaf("system:admin", days(-1), days(120), List.of(), rootCa);
        keyPem = kubeletClient.keyPem();
        HostTree tree = new HostTree(master);
        tree.write(
                        "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/service-network-serving-certkey/tls.crt",
                        serving.pem())
                .write(
                        "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/service-network-serving-certkey/tls.key",
                        serving.keyPem())
                .write(
                        "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/configmaps/client-ca/ca-bundle.crt",
                        rootCa.pem() + expiredCa.pem() + signer.pem())
                .write(
                        "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/broken/tls.crt",
                        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n")
                .write(
                        "/etc/kubernetes/static-pod-resources/kube-controller-manager-certs/secrets/csr-signer/tls.crt",
                        signer.pem())
                .write(
                        "/etc/kubernetes/static-pod-resources/kube-controller-manager-certs/secrets/locked/tls.crt",
                        signer.pem())
                .unreadable("/etc/kubernetes/static-pod-resources/kube-controller-manager-certs/secrets/locked")
                .write(
                        "/etc/kubernetes/static-pod-resources/kube-scheduler-certs/secrets/kube-scheduler-client-cert-key/tls.crt",
                        scheduler.pem())
                .write("/etc/kubernetes/manifests/kube-apiserver-pod.yaml", """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          labels: {apiserver: "true", revision: "5"}
                        spec:
                          volumes:
                          - hostPath: {path: /etc/kubernetes/static-pod-resources/kube-apiserver-pod-5}
                            name: resource-dir
                        """)
                .write(
                        "/etc/kubernetes/static-pod-resources/kube-apiserver-pod-5/secrets/kubelet-client/tls.crt",
                        kubeletClient.pem())
                .write(
                        "/etc/kubernetes/static-pod-resources/kube-apiserver-pod-4/secrets/kubelet-client/tls.crt",
                        expiredCa.pem())
                .write(
                        "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/node-kubeconfigs/localhost-recovery.kubeconfig",
                        """
                        apiVersion: v1
                        clusters:
                        - cluster:
                            certificate-authority-data: %s
                            server: https://localhost:6443
                            tls-server-name: localhost-recovery
                          name: loopback
                        contexts:
                        - context: {cluster: loopback, user: system:admin}
                          name: system:admin
                        current-context: system:admin
                        users:
                        - name: system:admin
                          user:
                            client-certificate-data: %s
                            client-key-data: %s
                        """.formatted(
                                        RootLoginServer.base64(rootCa.pem()),
                                        RootLoginServer.base64(recovery.pem()),
                                        RootLoginServer.base64(recovery.keyPem())))
                .write("/etc/kubernetes/kubelet-ca.crt", rootCa.pem())
                .unreadable("/etc/kubernetes/kubelet-ca.crt")
                .write("/etc/kubernetes/kubeconfig", """
                        clusters:
                        - cluster:
                            certificate-authority-data: %s
                            server: https://api-int.test.example:6443
                          name: test
                        contexts:
                        - context:
                            cluster: test
                            user: kubelet
                          name: kubelet
                        current-context: kubelet
                        users:
                        - name: kubelet
                          user:
                            token: %s
                        """.formatted(RootLoginServer.base64(rootCa.pem()), TOKEN))
                .write("/var/lib/kubelet/kubeconfig", """
                        clusters:
                        - cluster:
                            certificate-authority: /etc/kubernetes/static-pod-resources/kube-apiserver-certs/configmaps/client-ca/ca-bundle.crt
                            server: https://api-int.test.example:6443
                          name: default-cluster
                        users:
                        - name: default-auth
                          user:
                            client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem
                            client-key: /var/lib/kubelet/pki/kubelet-client-current.pem
                        """)
                .write("/var/lib/kubelet/pki/kubelet-client-2026-01-01-00-00-00.pem", kubeletClient.pem() + keyPem)
                .symlink("/var/lib/kubelet/pki/kubelet-client-current.pem", "kubelet-client-2026-01-01-00-00-00.pem")
                .write(
                        "/var/lib/kubelet/pki/kubelet-server-2026-02-28-00-00-00.pem",
                        kubeletServing.pem() + kubeletServing.keyPem())
                .symlink("/var/lib/kubelet/pki/kubelet-server-current.pem", "kubelet-server-2026-02-28-00-00-00.pem")
                .write("/opt/custom certs/ingress.crt", scheduler.pem());

        server = new RootLoginServer();
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0)) {
            closedPort = unused.getLocalPort();
        }
        Inventory inventory = server.inventory(
                OcpVersion.parse("4.6"),
                List.of(new ClusterNode("master-0", "127.0.0.1", server.server.port(), tree.prefix(), NodeRole.MASTER)),
                List.of(new ClusterNode("worker-0", "127.0.0.1", closedPort, "", NodeRole.WORKER)));
        // The report must not hold the token or keys: they are read with their files, but only certificate fields
        // become rows.
        hosts = server.hosts(inventory, OutputSink.DISCARD);
        ExpiryCheckSettings settings =
                ExpiryCheckSettings.defaults().withExtraPaths(List.of("/opt/custom certs/*.crt", "/opt/absent/*.pem"));
        report = new ExpiryCheck(inventory, hosts, settings, Clock.fixed(NOW, ZoneOffset.UTC)).execute();
    }

    @AfterAll
    void stop() throws Exception {
        if (hosts != null) {
            hosts.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Instant days(long offset) {
        return NOW.plus(Duration.ofDays(offset));
    }

    private ExpiryRow row(String sourcePrefix) {
        List<ExpiryRow> matches = report.rows().stream()
                .filter(r -> r.source().startsWith(sourcePrefix))
                .toList();
        assertEquals(1, matches.size(), () -> "rows for " + sourcePrefix + ": " + matches + "\nall: " + describe());
        return matches.get(0);
    }

    private String describe() {
        return report.rows().stream()
                .map(r -> r.host() + " " + r.source() + " " + r.status() + " " + r.error())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void everyHostIsReadWithOneCommand() {
        assertEquals(1, server.server.commands().size(), "the master gets exactly one command");
        assertEquals(1, server.server.sessionsOpened());
    }

    @Test
    void certificatesAreClassifiedByTheirDates() {
        ExpiryRow serving = row(
                "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/service-network-serving-certkey/tls.crt");
        assertEquals(ExpiryStatus.WARNING, serving.status());
        assertEquals("api", serving.commonName());
        assertEquals(List.of("DNS:api-int.test.example", "IP:10.0.0.1"), serving.subjectAltNames());
        assertEquals(20, serving.daysLeft());
        assertFalse(serving.ca());
        assertEquals("O=test,CN=root-ca", serving.issuer());
        ExpiryRow signer =
                row("/etc/kubernetes/static-pod-resources/kube-controller-manager-certs/secrets/csr-signer/tls.crt");
        assertEquals(ExpiryStatus.CRITICAL, signer.status());
        assertTrue(signer.ca());
        assertEquals(
                ExpiryStatus.OK,
                row("/etc/kubernetes/static-pod-resources/kube-scheduler-certs/")
                        .status());
    }

    @Test
    void everyCertificateOfABundleIsARow() {
        String bundle = "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/configmaps/client-ca/ca-bundle.crt";
        assertEquals(ExpiryStatus.OK, row(bundle + " [1/3]").status());
        assertEquals(ExpiryStatus.EXPIRED, row(bundle + " [2/3]").status());
        assertEquals(-2, row(bundle + " [2/3]").daysLeft());
        assertEquals(ExpiryStatus.CRITICAL, row(bundle + " [3/3]").status());
    }

    @Test
    void onlyTheCurrentApiserverRevisionIsRead() {
        assertEquals(
                ExpiryStatus.EXPIRED,
                row("/etc/kubernetes/static-pod-resources/kube-apiserver-pod-5/secrets/kubelet-client/tls.crt")
                        .status());
        assertTrue(report.rows().stream().noneMatch(r -> r.source().contains("kube-apiserver-pod-4")), this::describe);
    }

    @Test
    void kubeconfigsOfBothKindsAreRead() {
        ExpiryRow embeddedCa = row("/etc/kubernetes/kubeconfig clusters[test].certificate-authority-data");
        assertEquals(SourceKind.KUBECONFIG, embeddedCa.sourceKind());
        assertEquals("root-ca", embeddedCa.commonName());
        ExpiryRow namedClient = row("/var/lib/kubelet/kubeconfig users[default-auth].client-certificate -> "
                + "/var/lib/kubelet/pki/kubelet-client-current.pem");
        assertEquals(ExpiryStatus.EXPIRED, namedClient.status());
        assertEquals(
                3,
                report.rows().stream()
                        .filter(
                                r -> r.source()
                                        .startsWith(
                                                "/var/lib/kubelet/kubeconfig clusters[default-cluster].certificate-authority -> "))
                        .count(),
                "a CA bundle named by a kubeconfig counts every certificate");
        assertEquals(
                ExpiryStatus.OK,
                row("/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/node-kubeconfigs/"
                                + "localhost-recovery.kubeconfig users[system:admin].client-certificate-data")
                        .status());
    }

    @Test
    void kubeletPkiHoldsOnlyTheCurrentCertificates() {
        assertEquals(
                ExpiryStatus.EXPIRED,
                row("/var/lib/kubelet/pki/kubelet-client-current.pem").status());
        assertEquals(
                ExpiryStatus.WARNING,
                row("/var/lib/kubelet/pki/kubelet-server-current.pem").status());
        assertTrue(report.rows().stream().noneMatch(r -> r.source().contains("kubelet-client-2026")), this::describe);
    }

    @Test
    void userGlobsWithSpacesAreReadAndAnUnmatchedOneIsAnError() {
        assertEquals(ExpiryStatus.OK, row("/opt/custom certs/ingress.crt").status());
        ExpiryRow absent = row("/opt/absent/*.pem");
        assertEquals(ErrorKind.MISSING, absent.errorKind());
    }

    @Test
    void unreadableUnparseableAndUnreachableAreErrorRows() {
        ExpiryRow denied = row("/etc/kubernetes/kubelet-ca.crt");
        assertEquals(ExpiryStatus.ERROR, denied.status());
        assertEquals(ErrorKind.PERMISSION_DENIED, denied.errorKind());
        ExpiryRow locked = report.rows().stream()
                .filter(r -> r.source().equals("/etc/kubernetes/static-pod-resources/kube-controller-manager-certs"))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no row for the directory with an unreadable subdirectory:\n" + describe()));
        assertEquals(ErrorKind.PERMISSION_DENIED, locked.errorKind());
        assertTrue(
                locked.error()
                                .contains(
                                        "‘/etc/kubernetes/static-pod-resources/kube-controller-manager-certs/secrets/locked’")
                        || locked.error()
                                .contains(
                                        "'/etc/kubernetes/static-pod-resources/kube-controller-manager-certs/secrets/locked'"),
                locked.error());
        ExpiryRow broken = row("/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/broken/tls.crt");
        assertEquals(ErrorKind.UNPARSEABLE, broken.errorKind());
        ExpiryRow worker = report.rows().stream()
                .filter(r -> r.host().equals("worker-0"))
                .findFirst()
                .orElseThrow();
        assertEquals(ErrorKind.UNREACHABLE, worker.errorKind());
        assertTrue(worker.error().contains("no certificate of this host was checked"), worker.error());
        assertEquals(ExpiryStatus.ERROR, report.result());
        assertTrue(report.rows().get(0).isError(), "errors come first");
    }

    @Test
    void secretsOfKubeconfigsAndKeyFilesNeverReachTheReport() throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new ExpiryJsonReport(hosts.masker()).write(report, json);
        String text = json.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains(TOKEN), "bootstrap token in the report");
        assertFalse(text.contains("PRIVATE KEY"), "a private key in the report");
        String keyBody = keyPem.lines().skip(1).findFirst().orElseThrow();
        assertFalse(text.contains(keyBody), "key material in the report");
        assertTrue(text.contains("\"result\" : \"error\""), text.substring(0, 400));
    }
}
