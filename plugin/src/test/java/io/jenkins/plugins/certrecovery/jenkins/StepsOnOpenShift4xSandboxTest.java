package io.jenkins.plugins.certrecovery.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.sandbox.CsrStatus;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.SimulatedNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps on an OpenShift 4.14 sandbox (logged in as core with sudo, the control plane back by itself, node CSRs pending): one
 * Jenkinsfile serves every version, so the 4.1–4.3 operations do nothing there and say why, and {@code recoverCluster} recovers by
 * approving the valid node CSRs, the forged ones refused.
 */
class StepsOnOpenShift4xSandboxTest {
    private static final String CREDENTIALS_ID = "ocp-core-ssh";

    @TempDir
    Path workspace;

    private Sandbox sandbox;
    private TestCredentials credentials;

    /** The clock stands still while the steps run; first the API comes up and each kubelet posts its client CSRs. */
    private void start(String version) throws Exception {
        sandbox = Sandbox.start(SandboxSpec.openShift4xOnManualClock(version));
        sandbox.bootWithSupersededCsrs();
        credentials = new TestCredentials()
                .add(new TestCredentials.SshKey(CREDENTIALS_ID, "core", sandbox.clientPrivateKey(), null));
    }

    @AfterEach
    void stopCluster() throws Exception {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private <S extends ClusterStep> S onCluster(S step) {
        step.setCredentialsLookup(credentials);
        step.setCluster(StepsOnSandboxTest.clusterMap(sandbox));
        return step;
    }

    /** A 4.14 cluster, the release most users of the 4.6+ recovery run. */
    @Nested
    class On414 {
        @BeforeEach
        void startCluster() throws Exception {
            start("4.14");
        }

        @Test
        void operationsOfOpenShift41To43DoNothingOn414AndSayWhy() throws Exception {
            TestStepContext context = new TestStepContext(workspace);
            assertNull(context.run(onCluster(new RecoveryApiserverStep())));
            assertTrue(
                    context.listener
                            .text()
                            .contains("recovery-apiserver-create is part of the recovery of OpenShift 4.1–4.3 only"),
                    context.listener.text());
            assertTrue(
                    sandbox.toolEvents().stream().noneMatch(e -> e.tool().equals("podman")),
                    "no container was started");
            TestStepContext redeploy = new TestStepContext(workspace);
            assertNull(redeploy.run(onCluster(new ForceRedeployStep())));
            assertTrue(redeploy.listener
                    .text()
                    .contains("force-redeploy is part of the recovery of OpenShift 4.1–4.3 only"));
        }

        @Test
        void checkCertExpiryReturnsTheShutdownHorizon() throws Exception {
            CheckCertExpiryStep check = onCluster(new CheckCertExpiryStep());
            check.setFailOn("never");
            check.setCheckEndpoints(false);
            TestStepContext context = new TestStepContext(workspace);
            @SuppressWarnings("unchecked")
            Map<String, Object> summary = (Map<String, Object>) context.run(check);
            @SuppressWarnings("unchecked")
            Map<String, Object> horizon = (Map<String, Object>) summary.get("shutdownHorizon");
            assertEquals(true, horizon.get("computed"), summary.toString());
            assertTrue(
                    horizon.containsKey("csrApprovalByHandUntil")
                            && horizon.containsKey("adminKubeconfigFromOutsideUntil"),
                    horizon.toString());
            assertTrue(
                    context.listener
                            .text()
                            .contains("Shutdown horizon (until when the cluster may be powered off and come back):"),
                    context.listener.text());
        }

        @Test
        void recoverClusterApprovesTheValidNodeCsrsAndRefusesTheForgedOnes() throws Exception {
            TestStepContext context = new TestStepContext(workspace);
            @SuppressWarnings("unchecked")
            Map<String, Object> summary =
                    (Map<String, Object>) context.run(onCluster(new RecoverClusterStep()), Duration.ofMinutes(3));
            assertEquals(List.of(), summary.get("notReady"), summary + "\n" + context.listener.text());
            assertTrue(
                    sandbox.nodes().stream().allMatch(SimulatedNode::ready),
                    sandbox.nodes().toString());
            List<CsrStatus> rogues =
                    sandbox.csrs().stream().filter(c -> c.rogue() != null).toList();
            assertTrue(
                    !rogues.isEmpty() && rogues.stream().allMatch(CsrStatus::pending),
                    "forged CSRs stay pending: " + rogues);
            assertTrue(context.listener.text().contains("await-api"), context.listener.text());
        }
    }

    /**
     * A cluster argument that says 4.19 (after the newest release the rules were read for) on a cluster laid out as 4.18: the
     * recovery, its dry run and the check each say it is not verified, and do what they do on 4.18.
     */
    @Nested
    class OnALaterRelease {
        private static final String NOT_VERIFIED = "OpenShift 4.19 is not verified: this tool's rules were read for"
                + " OpenShift 4.1 to 4.18 and it runs 4.19 as 4.18";

        @BeforeEach
        void startCluster() throws Exception {
            start("4.18");
        }

        private <S extends ClusterStep> S on419(S step) {
            step.setCredentialsLookup(credentials);
            Map<String, Object> cluster = new java.util.LinkedHashMap<>(StepsOnSandboxTest.clusterMap(sandbox));
            assertEquals("4.18", cluster.get("ocpVersion"));
            cluster.put("ocpVersion", "4.19");
            step.setCluster(cluster);
            return step;
        }

        @Test
        void recoverClusterWarnsAndRecoversAs418() throws Exception {
            TestStepContext context = new TestStepContext(workspace);
            @SuppressWarnings("unchecked")
            Map<String, Object> summary =
                    (Map<String, Object>) context.run(on419(new RecoverClusterStep()), Duration.ofMinutes(3));

            assertTrue(context.listener.text().contains(NOT_VERIFIED), context.listener.text());
            assertEquals(List.of(), summary.get("notReady"), summary + "\n" + context.listener.text());
            assertTrue(
                    sandbox.csrs().stream().filter(c -> c.rogue() != null).allMatch(CsrStatus::pending),
                    "the forged CSRs stay pending as on 4.18");
        }

        @Test
        void theDryRunWarnsToo() throws Exception {
            RecoverClusterStep step = on419(new RecoverClusterStep());
            step.setDryRun(true);
            TestStepContext context = new TestStepContext(workspace);
            context.run(step);

            assertTrue(context.listener.text().contains(NOT_VERIFIED), context.listener.text());
            assertTrue(sandbox.csrs().stream().noneMatch(CsrStatus::approved), "a dry run approves nothing");
        }

        @Test
        void theDryRunOfASingleOperationWarnsToo() throws Exception {
            ApproveCsrsStep step = on419(new ApproveCsrsStep());
            step.setDryRun(true);
            TestStepContext context = new TestStepContext(workspace);
            context.run(step);

            assertTrue(context.listener.text().contains(NOT_VERIFIED), context.listener.text());
            assertTrue(sandbox.csrs().stream().noneMatch(CsrStatus::approved), "a dry run approves nothing");
        }

        @Test
        void checkCertExpiryNotesThatTheRulesAreNotVerified() throws Exception {
            CheckCertExpiryStep check = on419(new CheckCertExpiryStep());
            check.setFailOn("never");
            check.setCheckEndpoints(false);
            TestStepContext context = new TestStepContext(workspace);
            context.run(check);

            assertTrue(context.listener.text().contains("note: " + NOT_VERIFIED), context.listener.text());
        }
    }
}
