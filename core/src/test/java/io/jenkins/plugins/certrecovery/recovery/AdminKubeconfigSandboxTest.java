package io.jenkins.plugins.certrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.expiry.TestCertificates;
import io.jenkins.plugins.certrecovery.sandbox.CsrStatus;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.SimulatedNode;
import io.jenkins.plugins.certrecovery.sandbox.ToolEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kubeconfig that approves CSRs, over real SSH against the sandbox: an expired {@code localhost-recovery.kubeconfig} (4.12) and
 * the node-bootstrapper's kubeconfig are refused by the preflight before anything runs, with what to do; an admin kubeconfig named
 * in the inventory then recovers the cluster; 4.4/4.5 without one are refused naming the option (the sandbox has no 4.4/4.5
 * release: their hosts are laid out as 4.3's, so a 4.3 sandbox stands for them with the inventory's version set to 4.5).
 */
class AdminKubeconfigSandboxTest {
    /** The installer's auth/kubeconfig as a user would copy it to the first master (system:admin, 10 years). */
    private static Path copyInstallerKubeconfig(SandboxCluster cluster) throws Exception {
        TestCertificates certs = new TestCertificates();
        Instant now = Instant.now();
        TestCertificates.Issued ca =
                certs.ca("admin-kubeconfig-signer", now.minus(Duration.ofDays(400)), now.plus(Duration.ofDays(3000)));
        TestCertificates.Issued admin = certs.leaf(
                "system:admin", now.minus(Duration.ofDays(400)), now.plus(Duration.ofDays(3000)), List.of(), ca);
        Path file = cluster.sandbox.hostPath("master-0", "/root/kubeconfig");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster:
                    certificate-authority-data: %s
                    server: https://localhost:6443
                  name: cluster
                contexts:
                - context:
                    cluster: cluster
                    user: admin
                  name: admin
                current-context: admin
                users:
                - name: admin
                  user:
                    client-certificate-data: %s
                    client-key-data: %s
                """.formatted(base64(ca.pem()), base64(admin.pem()), base64(admin.keyPem())));
        return file;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static RecoveryContext context(SandboxCluster cluster, Inventory inventory, RecoveryOptions options) {
        return new RecoveryContext(
                inventory, cluster.hosts, cluster.listener, options, cluster.audit, Clock.systemUTC());
    }

    @Test
    void anExpiredLocalhostRecoveryCredentialIsRefusedBeforeAnythingRunsWithWhatToDo() throws Exception {
        try (SandboxCluster cluster =
                new SandboxCluster(SandboxSpec.openShift4xOnManualClock("4.12").withExpiredLocalhostRecoveryClient())) {
            cluster.sandbox.bootWithSupersededCsrs();
            PreflightException refused = assertThrows(
                    PreflightException.class,
                    () -> new RecoveryProcedure(cluster.context(), CsrApprovalPolicy.ALL_VALID).execute());
            String message = refused.getMessage();
            assertTrue(message.contains("localhost-recovery.kubeconfig") && message.contains("expired"), message);
            assertTrue(
                    message.contains("copy the installer's auth/kubeconfig there")
                            && message.contains("--admin-kubeconfig PATH")
                            && message.contains("inventory key adminKubeconfig"),
                    message);
            assertTrue(
                    message.contains("never "
                            + cluster.inventory
                                    .layout(cluster.inventory.firstMaster())
                                    .bootstrapKubeconfig() + ": it is the node-bootstrapper's"),
                    message);
            assertEquals(List.of(), cluster.sandbox.toolEvents(), "no oc ran");
            assertTrue(cluster.sandbox.csrs().stream().noneMatch(CsrStatus::approved), "nothing approved");
        }
    }

    @Test
    void theNodeBootstrapperKubeconfigIsRefusedAsTheAdminKubeconfig() throws Exception {
        try (SandboxCluster cluster = new SandboxCluster(SandboxSpec.openShift4xOnManualClock("4.18"))) {
            String bootstrap =
                    cluster.inventory.layout(cluster.inventory.firstMaster()).bootstrapKubeconfig();
            RecoveryOptions options = SandboxCluster.fastOptions().toBuilder()
                    .adminKubeconfig(bootstrap)
                    .build();
            PreflightException refused = assertThrows(
                    PreflightException.class,
                    () -> new RecoveryProcedure(
                                    context(cluster, cluster.inventory, options), CsrApprovalPolicy.ALL_VALID)
                            .execute());
            assertTrue(
                    refused.getMessage()
                            .contains(bootstrap + " is the node-bootstrapper's kubeconfig, which may list CSRs but not "
                                    + "approve them"),
                    refused.getMessage());
            assertEquals(List.of(), cluster.sandbox.toolEvents(), "no oc ran");
        }
    }

    @Test
    void anAdminKubeconfigNamedInTheInventoryRecoversAClusterWhoseLocalhostRecoveryCredentialExpired()
            throws Exception {
        try (SandboxCluster cluster =
                new SandboxCluster(SandboxSpec.openShift4xOnManualClock("4.12").withExpiredLocalhostRecoveryClient())) {
            cluster.sandbox.bootWithSupersededCsrs();
            Path kubeconfig = copyInstallerKubeconfig(cluster);
            Inventory inventory = InventoryLoader.forCli()
                    .fromYaml(
                            cluster.sandbox.inventoryYaml() + "adminKubeconfig: " + kubeconfig + "\n",
                            "sandbox inventory with adminKubeconfig");
            assertEquals(kubeconfig.toString(), inventory.adminKubeconfig());

            RecoverySummary summary = new RecoveryProcedure(
                            context(cluster, inventory, SandboxCluster.fastOptions()), CsrApprovalPolicy.ALL_VALID)
                    .execute();

            assertTrue(summary.allNodesReady(), summary.lines().toString());
            assertTrue(
                    cluster.sandbox.nodes().stream().allMatch(SimulatedNode::ready),
                    cluster.sandbox.nodes().toString());
            List<ToolEvent> oc = cluster.sandbox.toolEvents();
            assertFalse(oc.isEmpty());
            assertTrue(
                    oc.stream().allMatch(e -> e.argv().get(0).equals("--kubeconfig=" + kubeconfig)),
                    "every oc used the admin " + "kubeconfig: " + oc);
        }
    }

    @Test
    void fourFiveWithoutAnAdminKubeconfigIsRefusedByThePreflightNamingTheOption() throws Exception {
        try (SandboxCluster cluster = new SandboxCluster(SandboxSpec.defaults())) {
            Inventory v45 = InventoryLoader.forCli()
                    .fromYaml(
                            cluster.sandbox.inventoryYaml().replaceFirst("ocpVersion: .*", "ocpVersion: \"4.5\""),
                            "sandbox inventory as 4.5");
            PreflightException refused = assertThrows(
                    PreflightException.class,
                    () -> new Preflight(context(cluster, v45, SandboxCluster.fastOptions())).execute());
            assertTrue(
                    refused.getMessage().contains("OpenShift 4.5 has no recovery API server and no node-kubeconfigs")
                            && refused.getMessage().contains("give its path as adminKubeconfig"),
                    refused.getMessage());
            assertEquals(1, refused.report().problems().size(), refused.getMessage());
            assertEquals(List.of(), cluster.sandbox.toolEvents(), "no oc ran");
        }
    }

    @Test
    void fourFiveWithAnAdminKubeconfigPassesThePreflight() throws Exception {
        try (SandboxCluster cluster = new SandboxCluster(SandboxSpec.defaults())) {
            Path kubeconfig = copyInstallerKubeconfig(cluster);
            Inventory v45 = InventoryLoader.forCli()
                    .fromYaml(
                            cluster.sandbox.inventoryYaml().replaceFirst("ocpVersion: .*", "ocpVersion: \"4.5\"")
                                    + "adminKubeconfig: " + kubeconfig + "\n",
                            "sandbox inventory as 4.5");
            PreflightReport report = new Preflight(context(cluster, v45, SandboxCluster.fastOptions())).execute();
            assertTrue(
                    report.findings().stream()
                            .anyMatch(f -> f.check().equals(AdminCredential.CHECK)
                                    && f.ok()
                                    && f.detail().contains("system:admin")),
                    report.findings().toString());
        }
    }
}
