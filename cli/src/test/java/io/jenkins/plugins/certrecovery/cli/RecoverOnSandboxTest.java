package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code recover} in-process on the sandbox when it fails: one paragraph naming host and operation, exit 1; its waits bounded. */
class RecoverOnSandboxTest {
    @TempDir
    Path dir;

    @Test
    void aFailedRunNamesHostAndOperationAndExits1() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withKubeletFailingOn("master-1"))) {
            CliRun run = CliRun.run(Map.of(), "", "recover", "-i", sandbox.inventoryFile().toString(), "--approve", "validated",
                    "--audit", dir.resolve("audit.jsonl").toString());
            assertEquals(ExitCodes.FAILED, run.exitCode(), run::toString);
            assertTrue(run.err().startsWith("error: recover failed: "), run::toString);
            assertTrue(run.err().contains("master-1") && run.err().contains("recover-kubelets"), run::toString);
            assertFalse(run.err().contains("\tat "), "no stack trace without --verbose: " + run);
            assertTrue(sandbox.recoveryApiserverAnswering().isEmpty(), "destroyed on failure");
        }
    }

    @Test
    void apiserverTimeoutBoundsTheWaitForARecoveryApiserverThatNeverAnswers() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withApiserverNeverAnswering())) {
            CliRun run = CliRun.run(Map.of(), "", "recover", "-i", sandbox.inventoryFile().toString(), "--approve", "validated",
                    "--apiserver-timeout", "2s", "--command-timeout", "1m", "--audit", dir.resolve("audit.jsonl").toString());
            assertEquals(ExitCodes.FAILED, run.exitCode(), run::toString);
            assertTrue(run.err().contains("master-0") && run.err().contains("recovery-apiserver-create"), run::toString);
            assertTrue(run.err().contains("timed out after 2 s waiting for the recovery API server"), run::toString);
            assertTrue(sandbox.recoveryApiserverAnswering().isEmpty(), "destroyed on failure");
        }
    }
}
