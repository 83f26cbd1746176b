package io.jenkins.plugins.certrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.sandbox.CsrStatus;
import io.jenkins.plugins.certrecovery.sandbox.RogueCsr;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.SimulatedNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented procedure one subcommand at a time, in-process, on one sandbox cluster with the rogue CSRs: what a person does
 * with the CLI when they want to see each step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsOnSandboxTest {
    @TempDir
    static Path dir;

    private static Sandbox sandbox;
    private static String inventory;
    private static Path audit;

    @BeforeAll
    static void startCluster() throws IOException {
        sandbox = Sandbox.start(SandboxSpec.defaults().withRogueCsrs(RogueCsr.values()));
        inventory = sandbox.inventoryFile().toString();
        audit = dir.resolve("audit.jsonl");
    }

    @AfterAll
    static void stopCluster() throws IOException {
        sandbox.close();
    }

    private static CliRun cliAnswering(String stdin, String... args) {
        List<String> withAudit = new ArrayList<>(List.of(args));
        if (!withAudit.contains("--list")) {
            withAudit.addAll(List.of("--audit-file", audit.toString()));
        }
        CliRun run = CliRun.run(Map.of(), stdin, withAudit.toArray(String[]::new));
        for (String secret : sandbox.secretValues()) {
            assertFalse(run.all().contains(secret), "a cluster secret was printed:\n" + run);
        }
        assertFalse(run.all().contains("PRIVATE KEY"), run::toString);
        return run;
    }

    private static CliRun cli(String... args) {
        return cliAnswering("", args);
    }

    @Test
    @Order(1)
    void createTheRecoveryApiServer() {
        CliRun run = cli("recovery-apiserver", "create", "-i", inventory);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("recovery-apiserver-create: KUBECONFIG="), run::toString);
        assertTrue(sandbox.recoveryApiserverAnswering().isPresent());
    }

    @Test
    @Order(2)
    void regenerateCertificates() {
        CliRun run = cli("regenerate-certificates", "-i", inventory);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(sandbox.certificatesRegenerated());
    }

    @Test
    @Order(3)
    void forceRedeploy() {
        CliRun run = cli("force-redeploy", "-i", inventory);
        assertEquals(0, run.exitCode(), run::toString);
        for (String operator : List.of("kubeapiserver", "kubecontrollermanager", "kubescheduler")) {
            String reason = sandbox.forceRedeploymentReason(operator).orElseThrow();
            assertTrue(run.out().contains(reason), run::toString);
        }
    }

    @Test
    @Order(4)
    void recoverKubelets() {
        CliRun run = cli("recover-kubelets", "-i", inventory);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("recover-kubelets: restarted: master-0, master-1, master-2"), run::toString);
    }

    @Test
    @Order(5)
    void listShowsTheRogueCsrsWithReasonsAndApprovesNothing() {
        CliRun run = cli("approve-csrs", "--list", "-i", inventory);
        assertEquals(0, run.exitCode(), run::toString);
        for (CsrStatus rogue :
                sandbox.csrs().stream().filter(c -> c.rogue() != null).toList()) {
            assertTrue(run.out().contains("left pending (invalid) " + rogue.name()), () -> rogue + "\n" + run);
        }
        assertTrue(sandbox.csrs().stream().filter(c -> c.rogue() != null).allMatch(CsrStatus::pending));
    }

    @Test
    @Order(6)
    void aRogueCsrAskedForByNameIsRefusedWithItsReasonsAndExit1() {
        String rogue = sandbox.csrs().stream()
                .filter(c -> c.rogue() == RogueCsr.WRONG_REQUESTOR_FOR_MASTER)
                .findFirst()
                .orElseThrow()
                .name();
        CliRun run = cli("approve-csrs", "-i", inventory, rogue);
        assertEquals(ExitCodes.FAILED, run.exitCode(), run::toString);
        assertTrue(run.out().contains("refused " + rogue + ": "), run::toString);
        assertTrue(sandbox.csrs().stream().filter(c -> c.name().equals(rogue)).allMatch(CsrStatus::pending));
    }

    @Test
    @Order(7)
    void thePromptIsAnsweredThroughStandardInput() {
        long validPending = sandbox.csrs().stream()
                .filter(c -> c.pending() && c.rogue() == null)
                .count();
        assertTrue(validPending > 0, "kubelets have asked for client certificates: " + sandbox.csrs());
        CliRun run = cliAnswering("n\n" + "y\n".repeat((int) validPending), "approve-csrs", "-i", inventory);
        assertEquals(0, run.exitCode(), run::toString);
        Matcher firstQuestion = Pattern.compile("Approve CSR (\\S+) \\(").matcher(run.out());
        assertTrue(firstQuestion.find(), run::toString);
        String declined = firstQuestion.group(1);
        assertTrue(run.out().contains("[y/N]"), run::toString);
        assertTrue(
                sandbox.csrs().stream().filter(c -> c.name().equals(declined)).allMatch(CsrStatus::pending),
                "the one answered 'n' stays pending: " + sandbox.csrs());
        assertTrue(run.out().contains("approved csr-"), "the ones answered 'y' are approved: " + run);
    }

    @Test
    @Order(8)
    void waitApprovesValidCsrsUntilEveryNodeIsReady() {
        CliRun run = cli("approve-csrs", "--wait", "-i", inventory);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(sandbox.nodes().stream().allMatch(SimulatedNode::ready), sandbox.nodes()::toString);
        assertTrue(
                sandbox.csrs().stream().filter(c -> c.rogue() != null).allMatch(CsrStatus::pending),
                "rogues never approved");
    }

    @Test
    @Order(9)
    void destroyTheRecoveryApiServerTwice() {
        CliRun first = cli("recovery-apiserver", "destroy", "-i", inventory);
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.out().contains("recovery-apiserver-destroy: removed"), first::toString);
        CliRun again = cli("recovery-apiserver", "destroy", "-i", inventory);
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.out().contains("recovery-apiserver-destroy: nothing was there"), again::toString);
        assertTrue(
                sandbox.healthy(), "nodes Ready, certificates regenerated, operators patched, no recovery API server");
    }
}
