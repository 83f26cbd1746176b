package io.jenkins.plugins.certrecovery.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.report.ExpiryHtmlReport;
import io.jenkins.plugins.certrecovery.report.ExpiryJsonReport;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.ssh.OutputSink;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.SshIdentity;
import io.jenkins.plugins.certrecovery.ssh.SshOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A scan of the simulated cluster (3 masters, 2 workers, certificates expired 30 days ago except worker-0's kubelet client) over
 * the engine's SSH transport.
 */
class ExpiryCheckSandboxTest {
    @Test
    void expiredSandboxCertificatesAreExpiredRowsReadWithOneCommandPerHost() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults())) {
            Inventory inventory =
                    InventoryLoader.forCli().load(sandbox.inventoryFile().toString());
            SecretMasker unregistered = new SecretMasker();
            ExpiryReport report;
            try (SshClusterHosts hosts = new SshClusterHosts(
                    inventory,
                    SshIdentity.privateKey(Files.readString(sandbox.clientKeyFile()), null),
                    SshOptions.defaults(),
                    unregistered,
                    OutputSink.DISCARD)) {
                report = new ExpiryCheck(inventory, hosts, ExpiryCheckSettings.defaults(), Clock.systemUTC()).execute();
            }
            String rows = report.rows().stream()
                    .map(r -> r.host() + " " + r.source() + " " + r.status() + " " + r.error())
                    .collect(Collectors.joining("\n"));
            assertTrue(report.errors().isEmpty(), rows);
            for (ClusterNode node : inventory.nodes()) {
                assertEquals(
                        1,
                        sandbox.execEvents().stream()
                                .filter(e -> e.host().equals(node.name())
                                        && e.command().contains("@@certscan-"))
                                .count(),
                        node.name());
            }
            for (String master : sandbox.masterNames()) {
                assertEquals(
                        ExpiryStatus.EXPIRED,
                        find(report, master, "/var/lib/kubelet/pki/kubelet-client-current.pem")
                                .status(),
                        rows);
            }
            // The sandbox's worker-0 kept a kubelet client certificate issued recently (30-day lifetime): not expired.
            assertFalse(
                    find(report, "worker-0", "/var/lib/kubelet/pki/kubelet-client-current.pem")
                            .status()
                            .needsAction(),
                    rows);
            assertEquals(
                    ExpiryStatus.EXPIRED,
                    find(
                                    report,
                                    "master-0",
                                    "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/service-network-serving-certkey/tls.crt")
                            .status(),
                    rows);
            assertEquals(
                    ExpiryStatus.EXPIRED,
                    find(
                                    report,
                                    "master-2",
                                    "/etc/kubernetes/static-pod-resources/kube-apiserver-pod-7/secrets/kubelet-client/tls.crt")
                            .status(),
                    rows);
            assertTrue(
                    report.rows().stream()
                            .anyMatch(r -> r.sourceKind() == SourceKind.KUBECONFIG
                                    && r.source().startsWith("/etc/kubernetes/kubeconfig clusters[")),
                    rows);
            assertTrue(
                    report.rows().stream()
                            .noneMatch(r -> r.source()
                                    .contains(sandbox.hostRoot("master-0").toString())),
                    "paths are shown as the host sees them");
            assertEquals(ExpiryStatus.EXPIRED, report.result());

            ByteArrayOutputStream json = new ByteArrayOutputStream();
            new ExpiryJsonReport(unregistered).write(report, json);
            String html = new ExpiryHtmlReport(unregistered).render(report);
            for (String secret : sandbox.secretValues()) {
                assertFalse(
                        json.toString(StandardCharsets.UTF_8).contains(secret), "a sandbox secret in the JSON report");
                assertFalse(html.contains(secret), "a sandbox secret in the HTML report");
            }
        }
    }

    private static ExpiryRow find(ExpiryReport report, String host, String source) {
        return report.rows().stream()
                .filter(r -> r.host().equals(host) && r.source().equals(source))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + host + " " + source));
    }
}
