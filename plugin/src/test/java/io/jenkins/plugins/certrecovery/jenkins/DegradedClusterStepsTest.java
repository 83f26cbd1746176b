package io.jenkins.plugins.certrecovery.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster with a broken worker through the steps: the others are recovered, the build is UNSTABLE, the step says how to retry. */
class DegradedClusterStepsTest {
    private static final String CREDENTIALS_ID = "ocp-core-ssh";

    @TempDir
    Path workspace;

    private Sandbox sandbox;
    private TestCredentials credentials;

    @BeforeEach
    void startCluster() throws Exception {
        sandbox = Sandbox.start(
                SandboxSpec.defaults().withKubeletFailingOn("worker-1").withClockSteppedByToolCalls());
        credentials = new TestCredentials()
                .add(new TestCredentials.SshKey(CREDENTIALS_ID, "core", sandbox.clientPrivateKey(), null));
    }

    @AfterEach
    void stopCluster() throws Exception {
        sandbox.close();
    }

    private <S extends ClusterStep> S onCluster(S step) {
        step.setCredentialsLookup(credentials);
        step.setCluster(StepsOnSandboxTest.clusterMap(sandbox));
        return step;
    }

    @Test
    void aWorkerThatFailsMakesTheBuildUnstableAndTheOthersAreRecovered() throws Exception {
        TestStepContext context = new TestStepContext(workspace);
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) context.run(onCluster(new RecoverClusterStep()));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> notRecovered = (List<Map<String, Object>>) summary.get("notRecovered");
        assertEquals(
                List.of("worker-1"),
                notRecovered.stream().map(h -> h.get("host")).toList(),
                summary.toString());
        assertEquals("FAILED", notRecovered.get(0).get("action"));
        for (String node : List.of("master-0", "master-1", "master-2", "worker-0")) {
            assertTrue(sandbox.node(node).ready(), node + " Ready:\n" + context.listener.text());
        }
        assertEquals(Result.UNSTABLE, context.run.getResult());
        WarningAction warning = context.flowNode.getAction(WarningAction.class);
        assertNotNull(warning, "the stage shows yellow");
        assertTrue(warning.getMessage().contains("recoverCluster(nodes: ['worker-1'])"), warning.getMessage());
    }

    @Test
    void nodesTheInventoryDoesNotHaveAreRefusedNamingThem() throws Exception {
        RecoverKubeletsStep step = onCluster(new RecoverKubeletsStep());
        step.setNodes(List.of("worker-9"));
        AbortException e = assertThrows(AbortException.class, () -> new TestStepContext(workspace).run(step));
        assertTrue(e.getMessage().contains("not nodes of the inventory: worker-9"), e.getMessage());
    }

    @Test
    void aStepThatDoesNotWorkNodeByNodeRefusesNodes() throws Exception {
        CheckCertExpiryStep step = onCluster(new CheckCertExpiryStep());
        step.setNodes(List.of("worker-1"));
        TestStepContext context = new TestStepContext(workspace);
        AbortException e = assertThrows(AbortException.class, () -> context.run(step));
        assertTrue(e.getMessage().startsWith("nodes: not an argument of this step"), e.getMessage());
        assertEquals(0, context.channel.calls(), "nothing reaches the agent");
    }
}
