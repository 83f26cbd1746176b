package io.jenkins.plugins.certrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.csr.CsrVerdict;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.ToolEvent;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A cluster where some nodes cannot be recovered: the others are, the failed ones are listed, and a retry handles only them. */
class DegradedClusterSandboxTest {
    private static final String LOCK = "/var/lib/ocp-cert-recovery/lock";

    private static List<String> hosts(List<KubeletHostResult> results) {
        return results.stream().map(KubeletHostResult::host).toList();
    }

    @Test
    void aWorkerWhoseKubeletDoesNotStartIsRolledBackAndListedWhileTheOthersBecomeReady() throws Exception {
        try (SandboxCluster cluster = new SandboxCluster(
                SandboxSpec.defaults().withKubeletFailingOn("worker-1").withClockSteppedByToolCalls())) {
            RecoverySummary summary = new RecoveryProcedure(cluster.context(), CsrApprovalPolicy.ALL_VALID).execute();

            assertEquals(
                    List.of("worker-1"),
                    hosts(summary.notRecovered()),
                    summary.lines().toString());
            KubeletHostResult failed = summary.notRecovered().get(0);
            assertEquals(KubeletHostResult.Action.FAILED, failed.action());
            assertTrue(
                    failed.detail().contains("rolled back") && failed.detail().contains("kubelet-restart.log"),
                    failed.detail());
            assertFalse(summary.allNodesReady());
            assertEquals("--nodes worker-1", summary.retryOption());
            assertTrue(
                    summary.lines().stream().anyMatch(l -> l.contains("recover --nodes worker-1")),
                    summary.lines().toString());
            for (String node : List.of("master-0", "master-1", "master-2", "worker-0")) {
                assertTrue(cluster.sandbox.node(node).ready(), node + " Ready: " + summary.lines());
            }
            assertTrue(
                    Files.isDirectory(cluster.sandbox.hostPath("worker-1", "/var/lib/kubelet/pki")), "pki/ moved back");
            assertTrue(cluster.sandbox.recoveryApiserverAnswering().isEmpty(), "the recovery API server is destroyed");
            assertFalse(Files.exists(cluster.sandbox.hostPath("master-0", LOCK)), "the lock is released");
        }
    }

    @Test
    void aFailedMasterIsListedFirstAndTheOtherMastersAndWorkersBecomeReady() throws Exception {
        try (SandboxCluster cluster = new SandboxCluster(SandboxSpec.defaults()
                .withKubeletFailingOn("worker-1", "master-1")
                .withClockSteppedByToolCalls())) {
            RecoverySummary summary = new RecoveryProcedure(cluster.context(), CsrApprovalPolicy.ALL_VALID).execute();

            assertEquals(
                    List.of("master-1", "worker-1"),
                    hosts(summary.notRecovered()),
                    summary.lines().toString());
            for (String node : List.of("master-0", "master-2", "worker-0")) {
                assertTrue(cluster.sandbox.node(node).ready(), node + " Ready: " + summary.lines());
            }
            assertEquals("--nodes master-1,worker-1", summary.retryOption());
        }
    }

    @Test
    void theCsrsOfAFailedNodeAreNotApproved() throws Exception {
        try (SandboxCluster cluster = new SandboxCluster(
                SandboxSpec.defaults().withKubeletFailingOn("worker-1").withClockSteppedByToolCalls())) {
            RecoverySummary summary = new RecoveryProcedure(cluster.context(), CsrApprovalPolicy.ALL_VALID).execute();

            List<String> approvedFor = summary.csrs().verdicts().stream()
                    .filter(v -> summary.csrs().isApproved(v.name()))
                    .map(CsrVerdict::node)
                    .distinct()
                    .toList();
            assertFalse(approvedFor.contains("worker-1"), approvedFor.toString());
            assertTrue(
                    summary.csrs().notReady().isEmpty(),
                    "the wait ended once every node that could become Ready was Ready");
        }
    }

    @Test
    void aRetryWithOnlyTheFailedNodesTouchesNoOtherNode() throws Exception {
        try (SandboxCluster cluster = new SandboxCluster(
                SandboxSpec.defaults().withKubeletFailingOn("worker-1").withClockSteppedByToolCalls())) {
            RecoverySummary partial = new RecoveryProcedure(cluster.context(), CsrApprovalPolicy.ALL_VALID).execute();
            assertEquals(List.of("worker-1"), hosts(partial.notRecovered()));
            cluster.sandbox.setKubeletFailing("worker-1", false);
            int from = cluster.sandbox.toolEvents().size();

            RecoverySummary retried = new RecoveryProcedure(
                            cluster.context(SandboxCluster.fastOptions().toBuilder()
                                    .onlyNodes(List.of("worker-1"))
                                    .build()),
                            CsrApprovalPolicy.ALL_VALID)
                    .execute();

            assertTrue(
                    retried.allNodesReady() && cluster.sandbox.healthy(),
                    retried.lines().toString());
            assertEquals(partial.runId(), retried.resumedRunId(), "the retry continues the partial run");
            List<ToolEvent> events = cluster.toolEventsSince(from);
            Set<String> touched =
                    Set.copyOf(events.stream().map(ToolEvent::host).toList());
            assertTrue(Set.of("master-0", "worker-1").containsAll(touched), "tools ran on " + touched);
            assertEquals(
                    0,
                    events.stream()
                            .filter(e -> e.host().equals("master-0") && e.tool().equals("systemctl"))
                            .count(),
                    "the first master only runs oc and the recovery API server");
            assertTrue(
                    retried.operations().stream()
                            .anyMatch(o -> o.operation().equals(RegenerateCertificates.NAME)
                                    && o.status() == OperationOutcome.Status.ALREADY_DONE),
                    retried.lines().toString());
        }
    }

    @Test
    void withSkipUnreachableAWorkerThatIsDownIsSkippedAndTheOthersAreRecovered() throws Exception {
        try (SandboxCluster cluster = new SandboxCluster(SandboxSpec.defaults().withClockSteppedByToolCalls())) {
            cluster.sandbox.setSshDown("worker-1", true);
            RecoverySummary summary = new RecoveryProcedure(
                            cluster.context(SandboxCluster.fastOptions().toBuilder()
                                    .skipUnreachable(true)
                                    .build()),
                            CsrApprovalPolicy.ALL_VALID)
                    .execute();

            assertEquals(
                    List.of("worker-1"),
                    hosts(summary.notRecovered()),
                    summary.lines().toString());
            assertEquals(
                    KubeletHostResult.Action.SKIPPED,
                    summary.notRecovered().get(0).action());
            for (String node : List.of("master-0", "master-1", "master-2", "worker-0")) {
                assertTrue(cluster.sandbox.node(node).ready(), node + " Ready: " + summary.lines());
            }
            assertFalse(
                    summary.csrs().verdicts().stream()
                            .anyMatch(v -> "worker-1".equals(v.node())
                                    && summary.csrs().isApproved(v.name())),
                    "no CSR of the skipped node approved");
        }
    }

    @Test
    void withSkipUnreachableTheFirstReachableMasterTakesThePartOfAFirstMasterThatIsDown() throws Exception {
        try (SandboxCluster cluster =
                new SandboxCluster(SandboxSpec.defaults().withNodes(3, 1).withClockSteppedByToolCalls())) {
            cluster.sandbox.setSshDown("master-0", true);
            RecoverySummary summary = new RecoveryProcedure(
                            cluster.context(SandboxCluster.fastOptions().toBuilder()
                                    .skipUnreachable(true)
                                    .build()),
                            CsrApprovalPolicy.ALL_VALID)
                    .execute();

            assertEquals(
                    List.of("master-0"),
                    hosts(summary.notRecovered()),
                    summary.lines().toString());
            for (String node : List.of("master-1", "master-2", "worker-0")) {
                assertTrue(cluster.sandbox.node(node).ready(), node + " Ready: " + summary.lines());
            }
            assertTrue(
                    cluster.sandbox.toolEvents().stream()
                            .filter(e -> e.tool().equals("oc"))
                            .allMatch(e -> e.host().equals("master-1")),
                    "oc runs on master-1");
        }
    }

    @Test
    void withSkipUnreachableTwoOfThreeMastersDownIsRefusedAndNothingChanges() throws Exception {
        try (SandboxCluster cluster = new SandboxCluster(SandboxSpec.defaults())) {
            cluster.sandbox.setSshDown("master-1", true);
            cluster.sandbox.setSshDown("master-2", true);
            PreflightException refused = assertThrows(
                    PreflightException.class,
                    () -> new RecoveryProcedure(
                                    cluster.context(SandboxCluster.fastOptions().toBuilder()
                                            .skipUnreachable(true)
                                            .build()),
                                    CsrApprovalPolicy.ALL_VALID)
                            .execute());

            assertTrue(
                    refused.getMessage().contains("only 1 of 3 masters are reachable")
                            && refused.getMessage().contains("majority (2)"),
                    refused.getMessage());
            assertFalse(refused.getMessage().contains("run again with --skip-unreachable"), refused.getMessage());
            assertEquals(List.of(), cluster.sandbox.toolEvents(), "no tool ran");
            assertFalse(Files.exists(cluster.sandbox.hostPath("master-0", LOCK)), "no lock taken");
        }
    }

    @Test
    void anUnknownNodeAskedForIsRefusedNamingIt() throws Exception {
        try (SandboxCluster cluster = new SandboxCluster(SandboxSpec.defaults().withNodes(1, 1))) {
            IllegalArgumentException refused = assertThrows(
                    IllegalArgumentException.class,
                    () -> cluster.context(SandboxCluster.fastOptions().toBuilder()
                            .onlyNodes(List.of("worker-0", "worker-9"))
                            .build()));
            assertTrue(
                    refused.getMessage().startsWith("not nodes of the inventory: worker-9 (it has master-0, worker-0)"),
                    refused.getMessage());
        }
    }
}
