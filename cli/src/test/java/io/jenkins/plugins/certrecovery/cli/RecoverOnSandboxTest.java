package io.jenkins.plugins.certrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code recover} in-process on the sandbox when it fails (one paragraph naming host and operation, exit 1; its waits bounded) or
 * when some nodes cannot be recovered (listed with the command that retries them, exit 2).
 */
class RecoverOnSandboxTest {
    @TempDir
    Path dir;

    @Test
    void aNodeThatFailsIsListedWithTheCommandThatRetriesItAndExits2() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withKubeletFailingOn("master-1"))) {
            String inventory = sandbox.inventoryFile().toString();
            CliRun run = CliRun.run(
                    Map.of(),
                    "",
                    "recover",
                    "-i",
                    inventory,
                    "--approve",
                    "validated",
                    "--audit-file",
                    dir.resolve("audit.jsonl").toString());
            assertEquals(ExitCodes.NODES_NOT_RECOVERED, run.exitCode(), run::toString);
            assertTrue(
                    run.all().contains("FAILED master-1: ") && run.all().contains("recover-kubelets"), run::toString);
            assertTrue(
                    run.all().contains("ocp-cert-recovery recover -i " + inventory + " --nodes master-1"),
                    run::toString);
            assertFalse(run.all().contains("\tat "), "no stack trace without --verbose: " + run);
            assertTrue(sandbox.recoveryApiserverAnswering().isEmpty(), "destroyed at the end");
        }
    }

    @Test
    void recoverKubeletsListsAWorkerThatFailsWithTheCommandThatRetriesItAndExits2() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withKubeletFailingOn("worker-1"))) {
            String inventory = sandbox.inventoryFile().toString();
            String audit = dir.resolve("audit.jsonl").toString();
            assertEquals(
                    ExitCodes.OK,
                    CliRun.run("recovery-apiserver", "create", "-i", inventory, "--audit-file", audit)
                            .exitCode());
            CliRun run = CliRun.run("recover-kubelets", "-i", inventory, "--audit-file", audit);
            assertEquals(ExitCodes.NODES_NOT_RECOVERED, run.exitCode(), run::toString);
            assertTrue(run.all().contains("FAILED worker-1: "), run::toString);
            assertTrue(
                    run.all().contains("ocp-cert-recovery recover-kubelets -i " + inventory + " --nodes worker-1"),
                    run::toString);
        }
    }

    @Test
    void anUnreachableHostIsRefusedSayingHowToGoOnAndExits1() throws Exception {
        try (Sandbox sandbox =
                Sandbox.start(SandboxSpec.defaults().withNodes(3, 2).withSshDown("worker-1"))) {
            CliRun run = CliRun.run(
                    Map.of(),
                    "",
                    "recover",
                    "-i",
                    sandbox.inventoryFile().toString(),
                    "--approve",
                    "validated",
                    "--audit-file",
                    dir.resolve("audit.jsonl").toString());
            assertEquals(ExitCodes.FAILED, run.exitCode(), run::toString);
            assertTrue(run.err().contains("worker-1") && run.err().contains("--skip-unreachable"), run::toString);
        }
    }

    @Test
    void withSkipUnreachableAnUnreachableWorkerIsSkippedAndExits2() throws Exception {
        try (Sandbox sandbox =
                Sandbox.start(SandboxSpec.defaults().withNodes(3, 2).withSshDown("worker-1"))) {
            CliRun run = CliRun.run(
                    Map.of(),
                    "",
                    "recover",
                    "-i",
                    sandbox.inventoryFile().toString(),
                    "--approve",
                    "validated",
                    "--skip-unreachable",
                    "--audit-file",
                    dir.resolve("audit.jsonl").toString());
            assertEquals(ExitCodes.NODES_NOT_RECOVERED, run.exitCode(), run::toString);
            assertTrue(run.all().contains("SKIPPED worker-1: unreachable"), run::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"recover", "recover-kubelets", "approve-csrs"})
    void anUnknownNodeAfterOnlyIsExit64NamingIt(String command) throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withNodes(1, 1))) {
            CliRun run = CliRun.run(
                    Map.of(),
                    "",
                    command,
                    "-i",
                    sandbox.inventoryFile().toString(),
                    "--nodes",
                    "worker-0,worker-7",
                    "--audit-file",
                    dir.resolve("audit.jsonl").toString());
            assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
            assertTrue(run.err().contains("--nodes: not nodes of the inventory: worker-7"), run::toString);
            assertEquals(java.util.List.of(), sandbox.toolEvents(), "nothing ran on the cluster");
        }
    }

    @Test
    void apiserverTimeoutBoundsTheWaitForARecoveryApiserverThatNeverAnswers() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withApiserverNeverAnswering())) {
            CliRun run = CliRun.run(
                    Map.of(),
                    "",
                    "recover",
                    "-i",
                    sandbox.inventoryFile().toString(),
                    "--approve",
                    "validated",
                    "--apiserver-timeout",
                    "2s",
                    "--command-timeout",
                    "1m",
                    "--audit-file",
                    dir.resolve("audit.jsonl").toString());
            assertEquals(ExitCodes.FAILED, run.exitCode(), run::toString);
            assertTrue(
                    run.err().contains("master-0") && run.err().contains("recovery-apiserver-create"), run::toString);
            assertTrue(run.err().contains("timed out after 2 s waiting for the recovery API server"), run::toString);
            assertTrue(sandbox.recoveryApiserverAnswering().isEmpty(), "destroyed on failure");
        }
    }
}
