package io.jenkins.plugins.certrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.audit.AuditTrail;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshIdentity;
import io.jenkins.plugins.certrecovery.ssh.SshLogin;
import io.jenkins.plugins.certrecovery.ssh.SshOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The run API the front ends use, on a sandbox cluster over the real SSH transport: the session decides the lock from the operation,
 * answers an operation the version does not have without running it, re-enters an enclosing block's lock, and starts and ends the
 * audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterSessionSandboxTest {
    private Sandbox sandbox;
    private Inventory inventory;

    @BeforeAll
    void startSandbox() throws IOException {
        // 4.7: the CSRs are read and approved through the node's localhost-recovery kubeconfig, no recovery API server
        // needed
        sandbox = Sandbox.start(SandboxSpec.defaults().withNodes(1, 0).withOpenShiftVersion("4.7"));
        inventory = InventoryLoader.forCli().fromYaml(sandbox.inventoryYaml(), "sandbox inventory");
        try (ClusterSession session =
                session(new SandboxCluster.RecordingListener(), "test@sandbox").start()) {
            session.run(new AwaitApi(session.context())); // the control plane comes back first, as it does on 4.6+
        } catch (RecoveryException | InterruptedException e) {
            throw new IllegalStateException("the sandbox's API never answered", e);
        }
    }

    @AfterAll
    void stopSandbox() throws IOException {
        sandbox.close();
    }

    private SshLogin login() {
        return new SshLogin(
                SshIdentity.privateKey(sandbox.clientPrivateKey(), null),
                SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(10)),
                new SecretMasker(),
                (host, stream, line) -> {});
    }

    private ClusterSession.Builder session(SandboxCluster.RecordingListener listener, String owner) {
        return ClusterSession.open(inventory, login())
                .options(SandboxCluster.fastOptions().toBuilder().owner(owner).build())
                .listener(listener);
    }

    private boolean lockDirectoryExists() {
        // the sandbox's inventory roots every host path in the host's directory
        return Files.isDirectory(
                Path.of(inventory.layout(inventory.firstMaster()).lockFile()));
    }

    private static boolean said(SandboxCluster.RecordingListener listener, String words) {
        return listener.lines.stream().anyMatch(l -> l.contains(words));
    }

    @Test
    void anOperationThatChangesTheClusterRunsUnderTheLockTakenAndReleasedByTheSession() throws Exception {
        SandboxCluster.RecordingListener listener = new SandboxCluster.RecordingListener();
        try (ClusterSession session = session(listener, "alice@laptop").start()) {
            CsrApprovalResult result = session.run(ApproveCsrs.approve(session.context(), List.of("csr-nobody-asked")))
                    .orElseThrow();
            assertEquals(
                    List.of("csr-nobody-asked"),
                    result.refused().stream().map(r -> r.name()).toList());
        }
        assertTrue(said(listener, "took the cluster lock"), listener.lines::toString);
        assertTrue(said(listener, "released the cluster lock"), listener.lines::toString);
        assertFalse(lockDirectoryExists(), "no lock is left behind");
    }

    @Test
    void anOperationThatOnlyReadsTakesNoLock() throws Exception {
        SandboxCluster.RecordingListener listener = new SandboxCluster.RecordingListener();
        try (ClusterSession session = session(listener, "alice@laptop").start()) {
            assertTrue(session.run(ApproveCsrs.list(session.context())).isPresent());
        }
        assertFalse(said(listener, "cluster lock"), listener.lines::toString);
    }

    @Test
    void anOperationTheVersionDoesNotHaveIsAnsweredWithoutRunningAnythingOrPlanningAStep() throws Exception {
        SandboxCluster.RecordingListener listener = new SandboxCluster.RecordingListener();
        int commands = sandbox.execEvents().size();
        try (ClusterSession session = session(listener, "alice@laptop").start()) {
            RegenerateCertificates regenerate = new RegenerateCertificates(session.context());
            assertEquals(Optional.empty(), session.run(regenerate));
            assertEquals(List.of(), session.plan(regenerate).steps());
        }
        assertEquals(commands, sandbox.execEvents().size(), "no command ran on any host");
        assertTrue(said(listener, "part of the recovery of OpenShift 4.1–4.3 only"), listener.lines::toString);
    }

    @Test
    void aSessionInsideABlockReentersTheBlocksLockAndLeavesItHeld() throws Exception {
        String token = "block-token-1";
        SandboxCluster.RecordingListener block = new SandboxCluster.RecordingListener();
        try (ClusterSession holder =
                session(block, "Jenkins build job#1").insideBlock(token).start()) {
            holder.holdBlockLock();
        }
        SandboxCluster.RecordingListener step = new SandboxCluster.RecordingListener();
        try (ClusterSession inside =
                session(step, "Jenkins build job#1").insideBlock(token).start()) {
            inside.run(ApproveCsrs.approve(inside.context(), List.of("csr-nobody-asked")));
        }
        assertTrue(said(step, "re-entered by its token"), step.lines::toString);
        assertTrue(lockDirectoryExists(), "the block's lock outlives the step");

        SandboxCluster.RecordingListener other = new SandboxCluster.RecordingListener();
        try (ClusterSession outside = session(other, "bob@desk").start()) {
            RecoveryException refused = assertThrows(
                    RecoveryException.class,
                    () -> outside.run(ApproveCsrs.approve(outside.context(), List.of("csr-nobody-asked"))));
            assertTrue(refused.getMessage().contains("locked by Jenkins build job#1"), refused.getMessage());
        }

        try (ClusterSession holder =
                session(block, "Jenkins build job#1").insideBlock(token).start()) {
            holder.releaseBlockLock();
        }
        assertFalse(lockDirectoryExists(), "the block's end releases its lock");
    }

    @Test
    void theAuditTrailRecordsTheRunsStartAndTheOutcomeTheFrontEndGave() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AuditTrail audit = new AuditTrail(bytes, "memory", new SecretMasker(), Clock.systemUTC());
        try (ClusterSession session = session(new SandboxCluster.RecordingListener(), "alice@laptop")
                .audit(audit, "ocp-cert-recovery approve-csrs", Map.of("inventory", "sandbox.yaml"))
                .start()) {
            session.run(ApproveCsrs.list(session.context()));
            session.finished(true, "listed");
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertTrue(
                lines.get(0).contains("\"event\":\"run-start\"") && lines.get(0).contains("approve-csrs"), text);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("\"event\":\"run-end\"") && last.contains("\"succeeded\":true"), text);
        assertTrue(last.contains("\"outcome\":\"listed\""), text);
    }

    @Test
    void aSessionClosedWithoutAnOutcomeIsAuditedAsFailedOrInterrupted() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AuditTrail audit = new AuditTrail(bytes, "memory", new SecretMasker(), Clock.systemUTC());
        try (ClusterSession session = session(new SandboxCluster.RecordingListener(), "alice@laptop")
                .audit(audit, "ocp-cert-recovery recover", Map.of())
                .start()) {
            assertTrue(session.context().runId().length() > 0);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("\"succeeded\":false") && last.contains("failed or interrupted"), last);
    }

    @Test
    void aPlanningSessionPlansTheWholeRecoveryWithoutContactingAnyHost() throws Exception {
        int commands = sandbox.execEvents().size();
        try (ClusterSession session = ClusterSession.planning(inventory, new SecretMasker())
                .options(SandboxCluster.fastOptions())
                .start()) {
            OperationPlan plan = session.plan(new RecoveryProcedure(session.context(), CsrApprovalPolicy.ALL_VALID));
            assertTrue(
                    plan.lines(new SecretMasker()).stream().anyMatch(l -> l.contains("-- " + ApproveCsrs.NAME)),
                    () -> "the plan approves the CSRs: " + plan.lines(new SecretMasker()));
            assertThrows(
                    IllegalStateException.class, () -> session.context().hosts().host(inventory.firstMaster()));
        }
        assertEquals(commands, sandbox.execEvents().size(), "no command ran on any host");
    }
}
