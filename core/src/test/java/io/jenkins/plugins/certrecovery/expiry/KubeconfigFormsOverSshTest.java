package io.jenkins.plugins.certrecovery.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.NodeRole;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import io.jenkins.plugins.certrecovery.ssh.OutputSink;
import io.jenkins.plugins.certrecovery.ssh.SshClusterHosts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubeconfigs as kubectl and other tools write them besides block-style YAML (JSON, flow style), and certificate files they name
 * outside the places the scan reads anyway: a worker over an in-process SSH server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubeconfigFormsOverSshTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String TOKEN = "sha256~jsonKubeconfigTokenThatMustNeverLeak0123";

    @TempDir
    static Path worker;

    private final TestCertificates certs = new TestCertificates();
    private final List<String> liveOutput = Collections.synchronizedList(new ArrayList<>());
    private RootLoginServer server;
    private ExpiryReport report;
    private String keyPem;

    @BeforeAll
    void scanOnce() throws Exception {
        TestCertificates.Issued rootCa = certs.ca("root-ca", days(-400), days(3000));
        TestCertificates.Issued extraCa = certs.ca("extra-ca", days(-10), days(5));
        TestCertificates.Issued client = certs.leaf("system:node:worker-0", days(-20), days(10), List.of(), rootCa);
        TestCertificates.Issued admin = certs.leaf("system:admin", days(-1), days(-1), List.of(), rootCa);
        keyPem = client.keyPem();
        new HostTree(worker)
                .write("/etc/kubernetes/kubelet-ca.crt", rootCa.pem())
                // kubectl config view --raw -o json
                .write("/etc/kubernetes/kubeconfig", """
                        {
                            "kind": "Config",
                            "apiVersion": "v1",
                            "clusters": [
                                {
                                    "name": "test",
                                    "cluster": {
                                        "server": "https://api-int.test.example:6443",
                                        "certificate-authority-data": "%s"
                                    }
                                }
                            ],
                            "users": [ { "name": "kubelet", "user": { "token": "%s" } } ],
                            "contexts": [ { "name": "kubelet", "context": { "cluster": "test", "user": "kubelet" } } ],
                            "current-context": "kubelet"
                        }
                        """.formatted(RootLoginServer.base64(rootCa.pem()), TOKEN))
                // Flow style, names relative to the kubeconfig's directory and absolute, one file absent.
                .write("/var/lib/kubelet/kubeconfig", """
                        {clusters: [{name: local, cluster: {server: "https://localhost:6443", certificate-authority: ca/extra-ca.crt}}],
                         users: [{name: kubelet, user: {client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem,
                                                        client-key: /var/lib/kubelet/pki/kubelet-client-current.pem}},
                                 {name: gone, user: {client-certificate: "/var/lib/kubelet/gone.pem"}}]}
                        """)
                .write("/var/lib/kubelet/ca/extra-ca.crt", extraCa.pem())
                .write("/var/lib/kubelet/pki/kubelet-client-2026-02-09-12-00-00.pem", client.pem() + keyPem)
                .symlink("/var/lib/kubelet/pki/kubelet-client-current.pem", "kubelet-client-2026-02-09-12-00-00.pem")
                .write("/var/lib/kubelet/pki/kubelet-server-current.pem", client.pem())
                // An extra path that is a JSON kubeconfig with embedded data and a key: recognised without a
                // "clusters:" line.
                .write("/opt/admin/admin.json", """
                        {"apiVersion": "v1", "clusters": [], "users": [{"name": "admin", "user": {
                          "client-certificate-data": "%s", "client-key-data": "%s"}}]}
                        """.formatted(
                                RootLoginServer.base64(admin.pem()), RootLoginServer.base64(admin.keyPem())));

        server = new RootLoginServer();
        Inventory inventory = server.inventory(
                OcpVersion.parse("4.6"),
                List.of(),
                List.of(new ClusterNode(
                        "worker-0", "127.0.0.1", server.server.port(), worker.toString(), NodeRole.WORKER)));
        OutputSink collecting = (host, stream, line) -> liveOutput.add(line);
        try (SshClusterHosts hosts = server.hosts(inventory, collecting)) {
            report = new ExpiryCheck(
                            inventory,
                            hosts,
                            ExpiryCheckSettings.defaults().withExtraPaths(List.of("/opt/admin/*.json")),
                            Clock.fixed(NOW, ZoneOffset.UTC))
                    .execute();
        }
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    private static Instant days(long offset) {
        return NOW.plus(Duration.ofDays(offset));
    }

    private ExpiryRow row(String source) {
        List<ExpiryRow> matches =
                report.rows().stream().filter(r -> r.source().equals(source)).toList();
        assertEquals(
                1,
                matches.size(),
                () -> "rows for " + source + "\nall:\n"
                        + report.rows().stream()
                                .map(r -> r.source() + " " + r.status() + " " + r.error())
                                .collect(Collectors.joining("\n")));
        return matches.get(0);
    }

    @Test
    void aJsonKubeconfigIsRead() {
        ExpiryRow ca = row("/etc/kubernetes/kubeconfig clusters[test].certificate-authority-data");
        assertEquals(SourceKind.KUBECONFIG, ca.sourceKind());
        assertEquals("root-ca", ca.commonName());
        assertEquals(ExpiryStatus.OK, ca.status());
        ExpiryRow admin = row("/opt/admin/admin.json users[admin].client-certificate-data");
        assertEquals(ExpiryStatus.EXPIRED, admin.status());
    }

    @Test
    void aFlowStyleKubeconfigAndTheFilesItNamesAreRead() {
        assertEquals(
                ExpiryStatus.CRITICAL,
                row("/var/lib/kubelet/kubeconfig clusters[local].certificate-authority -> "
                                + "/var/lib/kubelet/ca/extra-ca.crt")
                        .status());
        ExpiryRow client = row("/var/lib/kubelet/kubeconfig users[kubelet].client-certificate -> "
                + "/var/lib/kubelet/pki/kubelet-client-current.pem");
        assertEquals(ExpiryStatus.WARNING, client.status());
        ExpiryRow gone = row("/var/lib/kubelet/kubeconfig users[gone].client-certificate -> /var/lib/kubelet/gone.pem");
        assertEquals(ErrorKind.MISSING, gone.errorKind());
        assertEquals(SourceKind.KUBECONFIG, gone.sourceKind());
    }

    @Test
    void namedFilesOutsideTheScannedPlacesCostOneMoreCommandForAll() {
        List<String> commands = server.server.commands();
        assertEquals(2, commands.size(), () -> String.join("\n---\n", commands));
        assertTrue(
                commands.get(1).contains("file:" + worker + "/var/lib/kubelet/ca/extra-ca.crt")
                        && commands.get(1).contains("file:" + worker + "/var/lib/kubelet/gone.pem"),
                commands.get(1));
        assertFalse(commands.get(1).contains("kubelet-client-current.pem"), "the scan printed it already");
    }

    @Test
    void tokensAndKeysReachNeitherRowsNorLiveOutput() {
        String rows = report.rows().stream().map(ExpiryRow::toString).collect(Collectors.joining("\n"));
        String keyBody = keyPem.lines().skip(1).findFirst().orElseThrow();
        for (String text : List.of(rows, String.join("\n", liveOutput))) {
            assertFalse(text.contains(TOKEN), "token");
            assertFalse(text.contains("PRIVATE KEY"), "private key");
            assertFalse(text.contains(keyBody), "key material");
        }
        assertTrue(report.errors().stream().allMatch(r -> r.source().endsWith("gone.pem")), rows);
    }
}
