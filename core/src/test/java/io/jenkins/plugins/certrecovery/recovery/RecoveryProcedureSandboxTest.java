package io.jenkins.plugins.certrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.sandbox.CsrStatus;
import io.jenkins.plugins.certrecovery.sandbox.NodeStatus;
import io.jenkins.plugins.certrecovery.sandbox.RogueCsr;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.ToolEvent;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole procedure against the sandbox's expired 3 + 2 cluster, over real SSH: the outcome, the plan kept, a second run. */
class RecoveryProcedureSandboxTest {
    static final String REASON = "recovery-\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9}\\+00:00";

    @Test
    void anExpiredClusterIsRecoveredAndASecondRunChangesNothing() throws Exception {
        SandboxSpec spec = SandboxSpec.defaults().withRogueCsrs(RogueCsr.values());
        try (SandboxCluster cluster = new SandboxCluster(spec)) {
            RecoveryContext context = cluster.context();
            RecoveryProcedure procedure = new RecoveryProcedure(context, CsrApprovalPolicy.ALL_VALID);
            OperationPlan plan = procedure.plan();
            RecoverySummary summary = procedure.execute();
            String image = cluster.sandbox.toolEvents().stream().filter(e -> e.tool().equals("podman") && e.argv().get(0).equals("pull"))
                    .map(e -> e.argv().get(e.argv().size() - 1)).findFirst().orElseThrow();
            PlanComparison.assertExecutedAsPlanned(plan, cluster.sandbox.toolEvents(), cluster.sandbox.execEvents(), image);

            assertTrue(summary.allNodesReady(), summary.lines().toString());
            assertTrue(cluster.sandbox.nodes().stream().allMatch(NodeStatus::ready), cluster.sandbox.nodes().toString());
            List<CsrStatus> rogues = cluster.sandbox.csrs().stream().filter(c -> c.rogue() != null).toList();
            assertEquals(3, rogues.size());
            assertTrue(rogues.stream().allMatch(CsrStatus::pending), "rogue CSRs stay pending: " + rogues);
            assertTrue(cluster.sandbox.recoveryApiserverAnswering().isEmpty(), "the recovery API server is gone");
            assertFalse(Files.exists(cluster.sandbox.hostPath("master-0", "/etc/kubernetes/manifests/recovery-kube-apiserver-pod.yaml")));
            for (String operator : ForceRedeploy.OPERATORS) {
                String reason = cluster.sandbox.forceRedeploymentReason(operator).orElseThrow();
                assertTrue(reason.matches(REASON), operator + ": " + reason);
            }
            assertTrue(cluster.sandbox.healthy());
            List<String> restarted = summary.kubelets().restarted();
            assertTrue(restarted.containsAll(List.of("master-0", "master-1", "master-2", "worker-1")), restarted.toString());
            assertFalse(restarted.contains("worker-0"), "worker-0 kept a valid client certificate and came back by itself");
            for (String host : restarted) {
                String backup = "/var/lib/ocp-cert-recovery/backups/" + context.runId() + "/var/lib/kubelet/";
                assertTrue(Files.isDirectory(cluster.sandbox.hostPath(host, backup + "pki")), host + " keeps its old pki/");
                assertTrue(Files.isRegularFile(cluster.sandbox.hostPath(host, backup + "kubeconfig")), host + " keeps its kubeconfig");
            }
            assertFalse(Files.exists(cluster.sandbox.hostPath("master-0", "/var/lib/ocp-cert-recovery/lock")), "lock released");
            String audit = cluster.auditText();
            assertTrue(audit.contains("\"event\":\"csr-approved\""), audit);
            // every file change is in the audit trail, also those the kubelet restart's script reports
            for (String host : restarted) {
                HostLayout layout = cluster.inventory.layout(cluster.inventory.node(host).orElseThrow());
                for (String moved : List.of(layout.kubeletPkiDir(), layout.kubeletKubeconfig())) {
                    assertTrue(audit.contains("\"host\":\"" + host + "\",\"path\":\"" + moved + "\",\"change\":\"moved\""),
                            host + " " + moved + ": " + audit);
                }
            }
            assertEquals(cluster.inventory.nodes().size(), audit.lines().filter(l -> l.contains("\"change\":\"touched\"")
                    && l.contains("/run/machine-config-daemon-force")).count(), "machine-config-daemon-force touched on every host");
            assertTrue(audit.contains("/var/lib/ocp-cert-recovery/lock/owner.json\",\"change\":\"written (this tool's state)\""), audit);
            assertTrue(cluster.sandbox.secretValues().stream().noneMatch(s -> audit.contains(s)
                    || String.join("\n", cluster.listener.lines).contains(s)), "no secret in the audit trail or the log");

            int mark = cluster.sandbox.toolEvents().size();
            RecoverySummary second = new RecoveryProcedure(cluster.context(), CsrApprovalPolicy.ALL_VALID).execute();
            List<ToolEvent> after = cluster.toolEventsSince(mark);
            assertEquals(List.of(OperationOutcome.Status.DONE, OperationOutcome.Status.SKIPPED),
                    second.operations().stream().map(OperationOutcome::status).toList(), second.lines().toString());
            assertEquals(0, cluster.count(after, "systemctl", "stop"), "no kubelet restarted: " + after);
            assertEquals(0, after.stream().filter(e -> e.tool().equals("podman") || e.argv().contains("patch")).count(), after.toString());
            assertTrue(cluster.sandbox.healthy());
        }
    }
}
