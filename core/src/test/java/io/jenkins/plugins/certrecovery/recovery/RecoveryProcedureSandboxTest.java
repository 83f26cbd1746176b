package io.jenkins.plugins.certrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.sandbox.CsrStatus;
import io.jenkins.plugins.certrecovery.sandbox.ExecEvent;
import io.jenkins.plugins.certrecovery.sandbox.RogueCsr;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.SimulatedNode;
import io.jenkins.plugins.certrecovery.sandbox.ToolEvent;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole procedure against the sandbox's expired 3 + 2 cluster, over real SSH: the outcome, the plan kept, a second run. One
 * sandbox for the class (a recovery takes seconds): the recovery and then a second run happen once, before the tests, which check
 * what they did. The cluster's state is checked after the second run, which must leave a recovered cluster as it is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryProcedureSandboxTest {
    static final String REASON = "recovery-\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9}\\+00:00";
    /** Every operation of a 4.1–4.3 recovery, in order. */
    private static final List<String> OPERATIONS = List.of(
            Preflight.NAME,
            RecoveryApiserverCreate.NAME,
            RegenerateCertificates.NAME,
            ForceRedeploy.NAME,
            RecoverKubelets.NAME,
            ApproveCsrs.NAME,
            RecoveryApiserverDestroy.NAME);

    private SandboxCluster cluster;
    private RecoveryContext context;
    private OperationPlan plan;
    private RecoverySummary summary;
    private String image;
    private String audit;
    private String log;
    private List<ToolEvent> firstTools;
    private List<ExecEvent> firstExecs;
    private RecoverySummary second;
    private List<ToolEvent> secondTools;

    @BeforeAll
    void recoverTwice() throws Exception {
        cluster = new SandboxCluster(SandboxSpec.defaults().withRogueCsrs(RogueCsr.values()));
        context = cluster.context();
        RecoveryProcedure procedure = new RecoveryProcedure(context, CsrApprovalPolicy.ALL_VALID);
        plan = procedure.plan();
        summary = procedure.execute();
        image = cluster.sandbox.toolEvents().stream()
                .filter(e -> e.tool().equals("podman") && e.argv().get(0).equals("pull"))
                .map(e -> e.argv().get(e.argv().size() - 1))
                .findFirst()
                .orElseThrow();
        audit = cluster.auditText();
        log = String.join("\n", cluster.listener.lines);

        firstTools = cluster.sandbox.toolEvents();
        firstExecs = cluster.sandbox.execEvents();
        int mark = firstTools.size();
        second = new RecoveryProcedure(cluster.context(), CsrApprovalPolicy.ALL_VALID).execute();
        secondTools = cluster.toolEventsSince(mark);
    }

    @AfterAll
    void close() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Each operation's own plan against what the sandbox saw while that operation ran. */
    @TestFactory
    Stream<DynamicTest> eachOperationRunsWhatItsPlanShows() {
        return OPERATIONS.stream()
                .map(operation -> DynamicTest.dynamicTest(operation, () -> {
                    OperationPlan own = new OperationPlan(
                            operation,
                            plan.steps().stream()
                                    .filter(s -> s.operation().equals(operation))
                                    .toList());
                    SandboxCluster.Window ran = cluster.windows.get(operation);
                    assertFalse(own.steps().isEmpty(), operation + " has no step in the procedure's plan");
                    assertNotNull(ran, operation + " did not run");
                    PlanComparison.assertExecutedAsPlanned(
                            own, ran.tools(cluster.sandbox), ran.execs(cluster.sandbox), image);
                }));
    }

    @Test
    void theWholeProcedureRunsWhatItsPlanShows() {
        PlanComparison.assertExecutedAsPlanned(plan, firstTools, firstExecs, image);
    }

    @Test
    void everyNodeIsReadyAndTheRogueCsrsStayPending() {
        assertTrue(summary.allNodesReady(), summary.lines().toString());
        assertTrue(
                cluster.sandbox.nodes().stream().allMatch(SimulatedNode::ready),
                cluster.sandbox.nodes().toString());
        List<CsrStatus> rogues =
                cluster.sandbox.csrs().stream().filter(c -> c.rogue() != null).toList();
        assertEquals(3, rogues.size());
        assertTrue(rogues.stream().allMatch(CsrStatus::pending), "rogue CSRs stay pending: " + rogues);
        assertTrue(cluster.sandbox.healthy());
    }

    @Test
    void theRecoveryApiserverIsGoneAndTheOperatorsRedeployForAWellFormedReason() {
        assertTrue(cluster.sandbox.recoveryApiserverAnswering().isEmpty(), "the recovery API server is gone");
        assertFalse(Files.exists(
                cluster.sandbox.hostPath("master-0", "/etc/kubernetes/manifests/recovery-kube-apiserver-pod.yaml")));
        for (String operator : ForceRedeploy.OPERATORS) {
            String reason = cluster.sandbox.forceRedeploymentReason(operator).orElseThrow();
            assertTrue(reason.matches(REASON), operator + ": " + reason);
        }
    }

    @Test
    void onlyKubeletsWithoutAValidCertificateAreRestartedAndTheirOldCredentialsAreKept() {
        List<String> restarted = summary.kubelets().restarted();
        assertTrue(
                restarted.containsAll(List.of("master-0", "master-1", "master-2", "worker-1")), restarted.toString());
        assertFalse(restarted.contains("worker-0"), "worker-0 kept a valid client certificate and came back by itself");
        for (String host : restarted) {
            String backup = "/var/lib/ocp-cert-recovery/backups/" + context.runId() + "/var/lib/kubelet/";
            assertTrue(Files.isDirectory(cluster.sandbox.hostPath(host, backup + "pki")), host + " keeps its old pki/");
            assertTrue(
                    Files.isRegularFile(cluster.sandbox.hostPath(host, backup + "kubeconfig")),
                    host + " keeps its kubeconfig");
        }
    }

    @Test
    void everyFileChangeIsInTheAuditTrailAlsoThoseAScriptReports() {
        for (String host : summary.kubelets().restarted()) {
            HostLayout layout =
                    cluster.inventory.layout(cluster.inventory.node(host).orElseThrow());
            for (String moved : List.of(layout.kubeletPkiDir(), layout.kubeletKubeconfig())) {
                assertTrue(
                        audit.contains("\"host\":\"" + host + "\",\"path\":\"" + moved + "\",\"change\":\"moved\""),
                        host + " " + moved + ": " + audit);
            }
        }
        assertEquals(
                cluster.inventory.nodes().size(),
                audit.lines()
                        .filter(l ->
                                l.contains("\"change\":\"touched\"") && l.contains("/run/machine-config-daemon-force"))
                        .count(),
                "machine-config-daemon-force touched on every host");
        assertTrue(
                audit.contains(
                        "/var/lib/ocp-cert-recovery/lock/owner.json\",\"change\":\"written (this tool's state)\""),
                audit);
        assertTrue(audit.contains("\"event\":\"csr-approved\""), audit);
    }

    @Test
    void noSecretReachesTheAuditTrailOrTheLog() {
        assertTrue(
                cluster.sandbox.secretValues().stream().noneMatch(s -> audit.contains(s) || log.contains(s)),
                "no secret in the audit trail or the log");
    }

    @Test
    void theLockIsReleased() {
        assertFalse(
                Files.exists(cluster.sandbox.hostPath("master-0", "/var/lib/ocp-cert-recovery/lock")), "lock released");
    }

    @Test
    void aSecondRunRestartsNothingAndPatchesNothing() {
        assertEquals(
                List.of(OperationOutcome.Status.DONE, OperationOutcome.Status.SKIPPED),
                second.operations().stream().map(OperationOutcome::status).toList(),
                second.lines().toString());
        assertEquals(0, cluster.count(secondTools, "systemctl", "stop"), "no kubelet restarted: " + secondTools);
        assertEquals(
                0,
                secondTools.stream()
                        .filter(e -> e.tool().equals("podman") || e.argv().contains("patch"))
                        .count(),
                secondTools.toString());
        assertTrue(cluster.sandbox.healthy());
    }
}
