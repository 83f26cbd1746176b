package io.jenkins.plugins.certrecovery.jenkins;

import static io.jenkins.plugins.certrecovery.jenkins.StepsOnSandboxTest.CREDENTIALS_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.certrecovery.sandbox.CsrStatus;
import io.jenkins.plugins.certrecovery.sandbox.RogueCsr;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.SimulatedNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code withOpenShiftCluster} and {@code recoverCluster} as a pipeline runs them, against the sandbox: the block's body is Java code
 * in the block's context (TestStepContext's body invoker), every step's agent work crosses the filtering test channel.
 */
class ClusterBlockOnSandboxTest {
    private static final String OWNER_FILE = "/var/lib/ocp-cert-recovery/lock/owner.json";

    @TempDir
    Path workspace;

    private Sandbox sandbox;
    private TestCredentials credentials;
    private final TestRun run = newRun();
    private final List<TestStepContext> contexts = new ArrayList<>();

    private static TestRun newRun() {
        try {
            return new TestRun();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @BeforeEach
    void startCluster() throws Exception {
        sandbox = Sandbox.start(SandboxSpec.defaults().withRogueCsrs(RogueCsr.WRONG_REQUESTOR_FOR_MASTER));
        credentials = new TestCredentials()
                .add(new TestCredentials.SshKey(CREDENTIALS_ID, "core", sandbox.clientPrivateKey(), null));
    }

    @AfterEach
    void stopCluster() throws Exception {
        sandbox.close();
    }

    private WithOpenShiftClusterStep block() {
        WithOpenShiftClusterStep block = new WithOpenShiftClusterStep();
        block.setCredentialsLookup(credentials);
        block.setCluster(StepsOnSandboxTest.clusterMap(sandbox));
        return block;
    }

    private TestStepContext blockContext(TestStepContext.Body body) {
        TestStepContext context = new TestStepContext(workspace, run).withBody(body);
        contexts.add(context);
        return context;
    }

    /** Runs a step inside the block whose body has this context: only cluster-independent arguments are given. */
    private Object inside(TestStepContext body, ClusterStep step) throws Exception {
        step.setCredentialsLookup(credentials);
        TestStepContext context = body.nested();
        contexts.add(context);
        try {
            return context.run(step);
        } finally {
            if (context.channel.calls() > 0) { // a step refused on the controller sends nothing
                StepsOnSandboxTest.assertOnlyJdkTypesCrossed(context.channel);
            }
        }
    }

    /** The token in the lock's owner file on the first master, or null when nobody holds the lock. */
    private String lockToken() throws IOException {
        Path owner = sandbox.hostPath("master-0", OWNER_FILE);
        return Files.exists(owner)
                ? new ObjectMapper()
                        .readTree(Files.readString(owner))
                        .path("token")
                        .asText()
                : null;
    }

    private String logs() {
        StringBuilder text = new StringBuilder();
        contexts.forEach(c -> text.append(c.listener.text()));
        return text.toString();
    }

    @Test
    void stepsInsideTakeTheBlocksClusterAndReuseItsLockWhileAnOutsideRunIsRefused() throws Exception {
        List<String> tokens = new ArrayList<>();
        TestStepContext context = blockContext(body -> {
            OpenShiftCluster cluster = body.get(OpenShiftCluster.class);
            assertNotNull(cluster, "the block's cluster is in its body's context");
            tokens.add(lockToken());
            String kubeconfig = (String) inside(body, new RecoveryApiserverStep());
            assertTrue(kubeconfig.endsWith("admin.kubeconfig"), kubeconfig);
            tokens.add(lockToken());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> csrs = (List<Map<String, Object>>) inside(body, new ApproveCsrsStep());
            assertFalse(csrs.isEmpty());
            tokens.add(lockToken());

            RegenerateCertsStep outside = new RegenerateCertsStep();
            outside.setCredentialsLookup(credentials);
            outside.setCluster(StepsOnSandboxTest.clusterMap(sandbox));
            TestStepContext outsideContext = new TestStepContext(workspace, run);
            contexts.add(outsideContext);
            AbortException refused = assertThrows(AbortException.class, () -> outsideContext.run(outside));
            assertTrue(
                    refused.getMessage().contains("the cluster is locked by Jenkins build cluster-recovery#7"),
                    refused.getMessage());
            tokens.add(lockToken());
            return "body done";
        });
        assertEquals("body done", context.run(block()), "the block returns its body's value");

        assertNotNull(tokens.get(0), "the block took the lock before its body ran");
        assertEquals(
                List.of(tokens.get(0), tokens.get(0), tokens.get(0), tokens.get(0)),
                tokens,
                "the steps inside re-entered the block's lock; the refused outside run left it alone");
        assertEquals(null, lockToken(), "released when the block ended");
        assertTrue(logs().contains("re-entered by its token"), logs());
        assertFalse(sandbox.certificatesRegenerated(), "the outside run changed nothing");
    }

    @Test
    void aStepInsideThatNamesAnotherClusterOrCredentialIsRefusedAndTheFailedBlockReleasesTheLock() throws Exception {
        credentials.add(new TestCredentials.SshKey("other-ssh", "core", sandbox.clientPrivateKey(), null));
        TestStepContext context = blockContext(body -> {
            ForceRedeployStep other = new ForceRedeployStep();
            other.setCredentialsId("other-ssh");
            return inside(body, other);
        });
        AbortException failure = assertThrows(AbortException.class, () -> context.run(block()));
        assertTrue(
                failure.getMessage()
                        .startsWith("credentialsId: 'other-ssh' differs from the enclosing withOpenShiftCluster, which"
                                + " works on cluster master-0"),
                failure.getMessage());
        assertTrue(sandbox.forceRedeploymentReason("kubeapiserver").isEmpty(), "nothing changed");
        assertEquals(null, lockToken(), "the block released the lock after its body failed");

        ForceRedeployStep inventory = new ForceRedeployStep();
        inventory.setInventory("clusters/other.yaml");
        TestStepContext second = blockContext(body -> inside(body, inventory));
        failure = assertThrows(AbortException.class, () -> second.run(block()));
        assertTrue(
                failure.getMessage()
                        .startsWith("inventory: 'clusters/other.yaml' differs from the enclosing withOpenShiftCluster"),
                failure.getMessage());
        assertEquals(null, lockToken());
    }

    @Test
    void aStoppedBlockReleasesTheLockAndFailsWithTheCause() throws Exception {
        CountDownLatch bodyRunning = new CountDownLatch(1);
        CountDownLatch endBody = new CountDownLatch(1);
        TestStepContext context = blockContext(body -> {
            bodyRunning.countDown();
            endBody.await();
            return null;
        });
        StepExecution execution = context.start(block());
        assertTrue(bodyRunning.await(1, TimeUnit.MINUTES), "the body started; log:\n" + context.listener.text());
        assertNotNull(lockToken(), "the lock is held while the body runs");
        AbortException abort = new AbortException("Aborted by admin");
        execution.stop(abort);
        assertEquals(null, lockToken(), "released when the block was stopped");
        assertSame(abort, assertThrows(AbortException.class, () -> context.await(execution, Duration.ofMinutes(1))));
        endBody.countDown();
    }

    @Test
    void theBlocksContextIsSavedWithIdsOnlyNeverTheKey() throws Exception {
        TestStepContext context = blockContext(body -> {
            byte[] saved = TestStepContext.saved(body.get(OpenShiftCluster.class));
            StepsOnSandboxTest.assertNoSecret(sandbox, new String(saved, StandardCharsets.ISO_8859_1));
            assertTrue(
                    new String(saved, StandardCharsets.ISO_8859_1).contains(CREDENTIALS_ID),
                    "the credentials id is kept");
            return null;
        });
        context.run(block());
        StepsOnSandboxTest.assertNoSecret(sandbox, logs());
    }

    @Test
    void recoverClusterWithValidatedApprovalReachesReadyNodesAndLeavesTheRogueCsrPending() throws Exception {
        RecoverClusterStep step = new RecoverClusterStep();
        step.setCredentialsLookup(credentials);
        step.setCluster(StepsOnSandboxTest.clusterMap(sandbox));
        step.setNodesReadyTimeoutMinutes(2);
        TestStepContext context = new TestStepContext(workspace, run);
        contexts.add(context);
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) context.run(step);
        assertEquals(true, summary.get("finished"), summary.toString());
        assertEquals(List.of(), summary.get("notReady"));
        assertTrue(
                sandbox.nodes().stream().allMatch(SimulatedNode::ready),
                sandbox.nodes().toString());
        assertTrue(sandbox.recoveryApiserverAnswering().isEmpty(), "destroyed at the end");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> csrs = (List<Map<String, Object>>) summary.get("csrs");
        assertTrue(csrs.stream().anyMatch(c -> Boolean.TRUE.equals(c.get("approved"))), csrs.toString());
        assertTrue(sandbox.csrs().stream().filter(c -> c.rogue() != null).allMatch(CsrStatus::pending));
        assertEquals(Result.UNSTABLE, run.getResult(), "the rogue CSR left pending marks the build");
        assertEquals(null, lockToken());
        StepsOnSandboxTest.assertOnlyJdkTypesCrossed(context.channel);
    }

    @Test
    void recoverClusterWithoutApprovalStopsWithThePendingCsrsAndFinishesAfterTheyAreApproved() throws Exception {
        List<Map<String, Object>> summaries = new ArrayList<>();
        TestStepContext context = blockContext(body -> {
            for (int round = 0; round < 10; round++) {
                RecoverClusterStep step = new RecoverClusterStep();
                step.setApprove("none");
                @SuppressWarnings("unchecked")
                Map<String, Object> summary = (Map<String, Object>) inside(body, step);
                summaries.add(summary);
                if (Boolean.TRUE.equals(summary.get("finished"))) {
                    return summary;
                }
                assertNotNull(lockToken(), "the block still holds the lock");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> csrs = (List<Map<String, Object>>) summary.get("csrs");
                List<String> valid = csrs.stream()
                        .filter(c -> Boolean.TRUE.equals(c.get("valid")))
                        .map(c -> (String) c.get("name"))
                        .toList();
                if (valid.isEmpty()) {
                    sandbox.await(
                            "a valid CSR pending",
                            Duration.ofMinutes(1),
                            () -> sandbox.csrs().stream().anyMatch(c -> c.pending() && c.rogue() == null));
                } else {
                    ApproveCsrsStep approve = new ApproveCsrsStep();
                    approve.setNames(valid);
                    inside(body, approve);
                }
            }
            throw new AssertionError("not finished after 10 rounds: " + summaries);
        });
        context.run(block(), Duration.ofMinutes(3));

        Map<String, Object> first = summaries.get(0);
        assertEquals(false, first.get("finished"));
        assertFalse(((List<?>) first.get("notReady")).isEmpty());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) first.get("csrs");
        assertTrue(
                listed.stream().noneMatch(c -> Boolean.TRUE.equals(c.get("approved"))),
                "nothing approved by recoverCluster: " + listed);
        assertTrue(first.get("operations").toString().contains("stopped before approving"), first.toString());
        assertTrue(
                summaries.stream()
                        .filter(summary -> Boolean.FALSE.equals(summary.get("finished")))
                        .flatMap(summary -> ((List<?>) summary.get("csrs")).stream())
                        .anyMatch(csr -> Boolean.TRUE.equals(((Map<?, ?>) csr).get("valid"))
                                && Boolean.FALSE.equals(((Map<?, ?>) csr).get("approved"))),
                "a stopped run listed valid CSRs pending for approval: " + summaries);
        assertTrue(
                sandbox.nodes().stream().allMatch(SimulatedNode::ready),
                sandbox.nodes().toString());
        assertTrue(
                sandbox.recoveryApiserverAnswering().isEmpty(), "the finishing run destroyed the recovery API server");
        Map<String, Object> last = summaries.get(summaries.size() - 1);
        assertEquals(first.get("runId"), last.get("resumedRunId"), "the last run resumed the first one's checkpoint");
        assertEquals(null, lockToken());
    }
}
