package io.jenkins.plugins.certrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code recover} plans per version, and which operations a version has (no host is contacted). */
class RecoverPerVersionPlanTest {
    private static final String RECOVERY_KUBECONFIG =
            "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/node-kubeconfigs/localhost-recovery.kubeconfig";

    private static List<String> commands(OperationPlan plan) {
        return plan.steps().stream()
                .map(s -> s.operation() + ": " + String.join(" ", s.command().argv()))
                .toList();
    }

    @Test
    void fourSixAndLaterPlanPreflightTheApiWaitAndCsrWavesOnly() throws Exception {
        for (String version : List.of("4.6", "4.12", "4.14", "4.18", "4.20")) {
            OperationPlan plan = new RecoveryProcedure(
                            PlanTest.context(PlanTest.inventory(version, ""), RecoveryOptions.defaults()),
                            CsrApprovalPolicy.ALL_VALID)
                    .plan();
            assertEquals(
                    List.of(Preflight.NAME, AwaitApi.NAME, ApproveCsrs.NAME),
                    plan.steps().stream().map(PlanStep::operation).distinct().toList(),
                    version);
            List<String> commands = commands(plan);
            assertTrue(
                    commands.contains(
                            AwaitApi.NAME + ": oc --kubeconfig=" + RECOVERY_KUBECONFIG + " get namespace kube-system"),
                    version + ": " + commands);
            assertTrue(
                    plan.steps().stream()
                            .allMatch(s ->
                                    s.command().readOnly() || s.command().argv().contains("approve")),
                    version + " changes nothing but CSR approvals: " + commands);
            assertTrue(
                    commands.stream().anyMatch(c -> c.startsWith(Preflight.NAME) && c.contains(RECOVERY_KUBECONFIG)),
                    version + ": the preflight reads the credential: " + commands);
        }
    }

    @Test
    void aReleaseAfter418IsPlannedAs418WithOneWarningThatItIsNotVerified() throws Exception {
        List<String> warnings = new java.util.ArrayList<>();
        RecoveryListener listener = new RecoveryListener() {
            @Override
            public void warning(String line) {
                warnings.add(line);
            }
        };
        RecoveryProcedure on419 = new RecoveryProcedure(
                new RecoveryContext(
                        PlanTest.inventory("4.19", ""),
                        new PlanTest.NoConnections(),
                        listener,
                        RecoveryOptions.defaults(),
                        java.time.Clock.systemUTC()),
                CsrApprovalPolicy.ALL_VALID);
        List<String> planned = commands(on419.plan());
        on419.plan();

        assertEquals(
                commands(new RecoveryProcedure(
                                PlanTest.context(PlanTest.inventory("4.18", ""), RecoveryOptions.defaults()),
                                CsrApprovalPolicy.ALL_VALID)
                        .plan()),
                planned);
        assertEquals(
                List.of(
                        "OpenShift 4.19 is not verified: this tool's rules were read for OpenShift 4.1 to 4.18 and it runs"
                                + " 4.19 as 4.18; compare docs/versions.md with the release notes of 4.19 before relying on the"
                                + " result"),
                warnings,
                "once per run");
    }

    @Test
    void releasesUpTo418GetNoVerificationWarning() {
        for (String version : List.of("4.3", "4.14", "4.18")) {
            assertEquals(java.util.Optional.empty(), OcpVersion.parse(version).unverifiedWarning(), version);
        }
    }

    @Test
    void anAdminKubeconfigInTheInventoryIsUsedAndTheOptionWinsOverIt() throws Exception {
        Inventory base = PlanTest.inventory("4.14", "");
        Inventory named = new Inventory(
                base.name(),
                base.ocpVersion(),
                base.releaseImage(),
                base.ssh(),
                base.masters(),
                base.workers(),
                "/root/kubeconfig");
        List<String> fromInventory = commands(new AwaitApi(PlanTest.context(named, RecoveryOptions.defaults())).plan());
        assertEquals(
                List.of(AwaitApi.NAME + ": oc --kubeconfig=/root/kubeconfig get namespace kube-system"), fromInventory);
        List<String> fromOption = commands(new AwaitApi(PlanTest.context(
                        named,
                        RecoveryOptions.defaults().toBuilder()
                                .adminKubeconfig("/home/core/admin.kubeconfig")
                                .build()))
                .plan());
        assertEquals(
                List.of(AwaitApi.NAME + ": oc --kubeconfig=/home/core/admin.kubeconfig get namespace kube-system"),
                fromOption);
    }

    @Test
    void fourFiveWithoutAnAdminKubeconfigHasNoPlanAndSaysWhichOptionToSet() {
        for (String version : List.of("4.4", "4.5")) {
            RecoveryException refused = assertThrows(
                    RecoveryException.class,
                    () -> new RecoveryProcedure(
                                    PlanTest.context(PlanTest.inventory(version, ""), RecoveryOptions.defaults()),
                                    CsrApprovalPolicy.ALL_VALID)
                            .plan());
            assertTrue(
                    refused.getMessage()
                                    .contains("OpenShift " + version
                                            + " has no recovery API server and no node-kubeconfigs")
                            && refused.getMessage().contains("--admin-kubeconfig PATH, inventory key adminKubeconfig"),
                    refused.getMessage());
        }
    }

    @Test
    void theRecoveryApiserverRegenerationAndRedeployExistOnlyUpToFourThree() {
        for (String operation : List.of(
                RecoveryApiserverCreate.NAME,
                RecoveryApiserverDestroy.NAME,
                RegenerateCertificates.NAME,
                ForceRedeploy.NAME)) {
            assertTrue(
                    VersionOperations.unavailable(operation, OcpVersion.parse("4.3"))
                            .isEmpty(),
                    operation);
            String why = VersionOperations.unavailable(operation, OcpVersion.parse("4.14"))
                    .orElseThrow();
            assertTrue(why.contains("OpenShift 4.14 regenerates its expired control-plane certificates itself"), why);
        }
    }

    @Test
    void kubeletsCsrsAndTheWholeRecoveryExistOnEveryVersionAndTheApiWaitFromFourSix() {
        for (String version : List.of("4.1", "4.3", "4.5", "4.6", "4.18")) {
            for (String operation :
                    List.of(RecoverKubelets.NAME, ApproveCsrs.NAME, RecoveryProcedure.NAME, Preflight.NAME)) {
                assertTrue(
                        VersionOperations.unavailable(operation, OcpVersion.parse(version))
                                .isEmpty(),
                        operation + " " + version);
            }
        }
        assertTrue(VersionOperations.unavailable(AwaitApi.NAME, OcpVersion.parse("4.5"))
                .isPresent());
        assertTrue(VersionOperations.unavailable(AwaitApi.NAME, OcpVersion.parse("4.6"))
                .isEmpty());
        assertThrows(
                IllegalArgumentException.class,
                () -> VersionOperations.unavailable("rotate-everything", OcpVersion.parse("4.6")));
    }
}
