package io.jenkins.plugins.certrecovery.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.sandbox.RogueCsr;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's whole procedure, called in-process, on the real OpenSSH hosts: as the core user through sudo, with the real host
 * layout, rogue CSRs and one CSR whose request is garbage. The CLI scenarios run the same engine as a separate process.
 */
class EngineOnOpenSshTest {
    @BeforeAll
    static void requirements() {
        E2eRequirements.assumeMet();
    }

    @Test
    void recoversTheExpiredClusterAsTheCoreUserAndRefusesRogueAndGarbageCsrs() throws Exception {
        SandboxSpec spec = SandboxSpec.defaults().withRogueCsrs(RogueCsr.values());
        try (E2eCluster cluster = E2eCluster.start(
                "engine-recovery",
                spec,
                preparation -> OcFaults.install(preparation.sandbox().toolsDir("master-0"), "worker-1")
                        .garbageCsr(true))) {
            EngineRun run = EngineRun.recover(cluster, "recover", E2eRequirements.CORE_USER);
            assertTrue(
                    run.requireFinished().allNodesReady(),
                    () -> String.join("\n", run.summary().lines()));
            String recovered = RecoveredCluster.assertRecovered(cluster);

            assertFalse(
                    cluster.toolCalls("master-0").stream()
                            .anyMatch(c -> c.startsWith("oc adm certificate approve")
                                    && c.contains(OcFaults.GARBAGE_CSR_NAME)),
                    "the garbage CSR was approved");
            String garbageRefusal = run.lines().stream()
                    .filter(l -> l.contains(OcFaults.GARBAGE_CSR_NAME) && l.contains("REFUSED"))
                    .findFirst()
                    .orElseThrow(() ->
                            new AssertionError("no refusal of " + OcFaults.GARBAGE_CSR_NAME + ": see " + run.log()));
            assertFalse(Files.exists(Path.of("/tmp/ocpcr-e2e-canary")));

            List<String> leaks = new SecretScan()
                    .secret(
                            "operator private key",
                            Files.readString(cluster.hosts().operatorKey()))
                    .secret("passphrase", OpenSshCluster.OPERATOR_PASSPHRASE)
                    .secret("bootstrap token", cluster.sandbox().secretValues().get(0))
                    .findIn(List.of(run.log(), run.audit()));
            assertEquals(List.of(), leaks, "secrets in the engine's output");

            Outcomes.record(
                    "recovery-engine-core-user",
                    "recovery (engine)",
                    "engine in-process: whole procedure on 3+2 OpenSSH hosts as ocpcr-core through sudo, real paths, 3 rogue CSRs",
                    "finished in " + run.duration().toSeconds() + " s: " + recovered
                            + "; no secret in listener lines, SSH output or audit trail");
            Outcomes.record(
                    "hostile-garbage-csr",
                    "hostile input (engine)",
                    "`oc get csr -o json` on master-0 lists " + OcFaults.GARBAGE_CSR_NAME
                            + " from the node-bootstrapper whose request is not a PKCS#10 request",
                    "never approved; refused with reason: \"" + garbageRefusal + "\"");
        }
    }
}
