package io.jenkins.plugins.certrecovery.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.NodeRole;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import io.jenkins.plugins.certrecovery.report.ExpiryJsonReport;
import io.jenkins.plugins.certrecovery.ssh.OutputSink;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshClusterHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OpenShift 4.6+ certificate set per version, over an in-process SSH server: a master and a worker per check. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Ocp4CertificateSetOverSshTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String KAS_CERTS = Ocp4HostFiles.KAS_CERTS;

    @TempDir
    Path dir;

    private RootLoginServer server;

    @BeforeAll
    void start() throws Exception {
        server = new RootLoginServer();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    /** The test server's shell runs unprivileged: every directory above a host's root must let it through. */
    private Path readable(Path root) throws Exception {
        for (Path p : List.of(dir, root)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return root;
    }

    /** Lays out a master and a worker as {@code layout} has them and checks them as {@code checked}. */
    private ExpiryReport check(String layout, String checked, Ocp4HostFiles files) throws Exception {
        Path root = readable(Files.createTempDirectory(dir, "v" + layout + "-"));
        HostTree master = new HostTree(Files.createDirectory(root.resolve("master-0")));
        HostTree worker = new HostTree(Files.createDirectory(root.resolve("worker-0")));
        files.master(master, OcpVersion.parse(layout), "master-0");
        files.worker(worker, "worker-0");
        var inventory = server.inventory(
                OcpVersion.parse(checked),
                List.of(new ClusterNode(
                        "master-0", "127.0.0.1", server.server.port(), master.prefix(), NodeRole.MASTER)),
                List.of(new ClusterNode(
                        "worker-0", "127.0.0.1", server.server.port(), worker.prefix(), NodeRole.WORKER)));
        try (SshClusterHosts hosts = server.hosts(inventory, OutputSink.DISCARD)) {
            return new ExpiryCheck(inventory, hosts, ExpiryCheckSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC))
                    .execute();
        }
    }

    private static String describe(ExpiryReport report) {
        return report.rows().stream()
                .map(r -> r.host() + " " + r.source() + " " + r.role() + " " + r.status() + " " + r.error())
                .collect(Collectors.joining("\n"));
    }

    private static ExpiryRow row(ExpiryReport report, String host, String source) {
        List<ExpiryRow> matches = report.rows().stream()
                .filter(r -> r.host().equals(host) && r.source().equals(source))
                .toList();
        assertEquals(1, matches.size(), () -> "rows for " + host + " " + source + ":\n" + describe(report));
        return matches.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.6", "4.7", "4.8", "4.9", "4.14", "4.16", "4.17", "4.18"})
    void everyCertificateFileOfTheVersionIsReadWithItsRole(String version) throws Exception {
        ExpiryReport report = check(version, version, new Ocp4HostFiles(NOW));
        assertTrue(report.errors().isEmpty(), () -> describe(report));
        String etcd = "/etc/kubernetes/static-pod-resources/etcd-certs/secrets/"
                + (OcpVersion.parse(version).compareTo(OcpVersion.parse("4.8")) >= 0
                        ? "etcd-all-certs"
                        : "etcd-all-peer")
                + "/etcd-peer-master-0.crt";
        assertEquals(CertificateRole.ETCD, row(report, "master-0", etcd).role());
        String kubeletClientOfApiserver = OcpVersion.parse(version).compareTo(OcpVersion.parse("4.9")) >= 0
                ? KAS_CERTS + "/secrets/kubelet-client/tls.crt"
                : "/etc/kubernetes/static-pod-resources/kube-apiserver-pod-7/secrets/kubelet-client/tls.crt";
        assertEquals(
                CertificateRole.ROTATED_LEAF,
                row(report, "master-0", kubeletClientOfApiserver).role());
        for (String host : List.of("master-0", "worker-0")) {
            assertEquals(
                    CertificateRole.KUBELET_CLIENT,
                    row(report, host, "/var/lib/kubelet/pki/kubelet-client-current.pem")
                            .role());
            assertEquals(
                    CertificateRole.KUBELET_SERVING,
                    row(report, host, "/var/lib/kubelet/pki/kubelet-server-current.pem")
                            .role());
            assertEquals(
                    CertificateRole.BOOTSTRAP_CLIENT,
                    row(report, host, "/etc/kubernetes/kubeconfig users[kubelet].client-certificate-data")
                            .role());
        }
    }

    @Test
    void eachCertificateOfA418MasterGetsTheRoleTheHorizonUses() throws Exception {
        ExpiryReport report = check("4.18", "4.18", new Ocp4HostFiles(NOW));
        assertEquals(
                CertificateRole.LOCALHOST_RECOVERY_CLIENT,
                row(
                                report,
                                "master-0",
                                KAS_CERTS
                                        + "/secrets/node-kubeconfigs/localhost-recovery.kubeconfig users[system:admin].client-certificate-data")
                        .role());
        assertEquals(
                CertificateRole.NODE_KUBECONFIG_CLIENT,
                row(
                                report,
                                "master-0",
                                KAS_CERTS
                                        + "/secrets/node-kubeconfigs/lb-int.kubeconfig users[system:admin].client-certificate-data")
                        .role());
        assertEquals(
                CertificateRole.ADMIN_KUBECONFIG_SIGNER,
                row(report, "master-0", KAS_CERTS + "/configmaps/client-ca/ca-bundle.crt [2/3]")
                        .role());
        assertEquals(
                CertificateRole.CA_BUNDLE,
                row(report, "master-0", KAS_CERTS + "/configmaps/client-ca/ca-bundle.crt [1/3]")
                        .role());
        assertEquals(
                CertificateRole.SIGNER,
                row(
                                report,
                                "master-0",
                                "/etc/kubernetes/static-pod-resources/kube-controller-manager-certs/secrets/csr-signer/tls.crt")
                        .role());
        assertEquals(
                CertificateRole.LOCALHOST_RECOVERY_SERVING,
                row(
                                report,
                                "master-0",
                                "/etc/kubernetes/static-pod-resources/kube-apiserver-pod-7/secrets/localhost-recovery-serving-certkey/tls.crt")
                        .role());
        assertEquals(
                CertificateRole.ETCD,
                row(
                                report,
                                "master-0",
                                "/etc/kubernetes/static-pod-resources/kube-apiserver-pod-7/secrets/etcd-client/tls.crt")
                        .role());
        assertEquals(
                CertificateRole.ROTATED_LEAF,
                row(
                                report,
                                "master-0",
                                "/etc/kubernetes/static-pod-resources/kube-controller-manager-pod-4/secrets/serving-cert/tls.crt")
                        .role());
        assertEquals(
                CertificateRole.ROTATED_LEAF,
                row(
                                report,
                                "master-0",
                                "/etc/kubernetes/static-pod-resources/kube-scheduler-pod-3/secrets/serving-cert/tls.crt")
                        .role());
        assertEquals(
                CertificateRole.CA_BUNDLE,
                row(
                                report,
                                "master-0",
                                "/etc/kubernetes/static-pod-resources/etcd-pod-2/configmaps/etcd-peer-client-ca/ca-bundle.crt")
                        .role());
        assertTrue(
                report.rows().stream()
                        .noneMatch(r -> r.source().contains("kube-apiserver-pod-6")
                                || r.source().contains("trusted-ca-bundle")),
                () -> describe(report));
    }

    @Test
    void theShutdownHorizonOfACheckedClusterIsInTheJsonReport() throws Exception {
        Ocp4HostFiles files = new Ocp4HostFiles(NOW).set(Ocp4HostFiles.Part.KUBELET_SERVING, -29, 1);
        ExpiryReport report = check("4.18", "4.18", files);
        ShutdownHorizon horizon = report.shutdownHorizon();
        assertEquals(
                files.notAfter(Ocp4HostFiles.Part.KUBELET_SERVING),
                horizon.nothingToDo().until());
        assertEquals(
                files.notAfter(Ocp4HostFiles.Part.RECOVERY_CLIENT),
                horizon.csrApprovalByHand().until());
        assertEquals(
                files.notAfter(Ocp4HostFiles.Part.ETCD),
                horizon.adminKubeconfigFromOutside().until());
        JsonNode json = new ExpiryJsonReport(new SecretMasker())
                .toJson(report)
                .path("summary")
                .path("shutdownHorizon");
        assertTrue(json.path("computed").asBoolean(), json.toString());
        assertEquals(
                files.notAfter(Ocp4HostFiles.Part.KUBELET_SERVING).toString(),
                json.path("nothingToDo").path("until").asText());
        assertEquals(
                "kubelet-serving",
                json.path("nothingToDo").path("decidedBy").path("role").asText());
        assertEquals(
                "localhost-recovery-client",
                json.path("csrApprovalByHand").path("decidedBy").path("role").asText());
        assertEquals(
                "etcd",
                json.path("adminKubeconfigFromOutside")
                        .path("decidedBy")
                        .path("role")
                        .asText());
        assertEquals(0, json.path("findings").size());
    }

    @Test
    void aFileTheVersionHoldsThatIsAbsentIsAMissingRowWithItsRole() throws Exception {
        // A 4.8 layout (etcd-all-certs) checked as 4.7, whose etcd certificates are in etcd-all-peer, -serving,
        // -serving-metrics.
        ExpiryReport report = check("4.8", "4.7", new Ocp4HostFiles(NOW));
        ExpiryRow missing = row(
                report,
                "master-0",
                "/etc/kubernetes/static-pod-resources/etcd-certs/secrets/etcd-all-peer/etcd-peer-master-0.crt");
        assertEquals(ErrorKind.MISSING, missing.errorKind());
        assertEquals(CertificateRole.ETCD, missing.role());
        assertTrue(missing.error().contains("expected on OpenShift 4.7"), missing.error());
        assertEquals(3, report.errors().size(), () -> describe(report));
    }

    @Test
    void filesBelowAMissingDirectoryAreNotListedOneByOne() throws Exception {
        Path root = readable(Files.createTempDirectory(dir, "no-etcd-"));
        HostTree master = new HostTree(Files.createDirectory(root.resolve("master-0")));
        new Ocp4HostFiles(NOW).master(master, OcpVersion.parse("4.18"), "master-0");
        try (Stream<Path> etcd = Files.walk(master.path("/etc/kubernetes/static-pod-resources/etcd-certs"))) {
            etcd.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        var inventory = server.inventory(
                OcpVersion.parse("4.18"),
                List.of(new ClusterNode(
                        "master-0", "127.0.0.1", server.server.port(), master.prefix(), NodeRole.MASTER)),
                List.of());
        ExpiryReport report;
        try (SshClusterHosts hosts = server.hosts(inventory, OutputSink.DISCARD)) {
            report = new ExpiryCheck(inventory, hosts, ExpiryCheckSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC))
                    .execute();
        }
        assertEquals(
                List.of("/etc/kubernetes/static-pod-resources/etcd-certs"),
                report.errors().stream().map(ExpiryRow::source).toList(),
                () -> describe(report));
    }
}
