package io.jenkins.plugins.certrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.sandbox.CsrStatus;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.SimulatedNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An inventory that says 4.19 (a release after the newest one the rules were read for) on a cluster laid out as 4.18: plan,
 * recover and check each say it is not verified and do what they do on 4.18. The cluster's clock stands still: the API answers and
 * every kubelet has posted its client CSRs before the command starts, and with no delays the cluster does what is due at each
 * tool call.
 */
class LaterReleaseOnTheCommandLineTest {
    private static final String NOT_VERIFIED =
            "OpenShift 4.19 is not verified: this tool's rules were read for OpenShift"
                    + " 4.1 to 4.18 and it runs 4.19 as 4.18";

    @TempDir
    Path dir;

    private Sandbox sandbox;
    private String on418;
    private String on419;

    @BeforeEach
    void startCluster() throws Exception {
        sandbox = Sandbox.start(SandboxSpec.openShift4xOnManualClock("4.18"));
        sandbox.bootWithSupersededCsrs();
        on418 = sandbox.inventoryFile().toString();
        String yaml = Files.readString(sandbox.inventoryFile());
        assertTrue(yaml.contains("ocpVersion: \"4.18\"\n"), yaml);
        on419 = Files.writeString(
                        dir.resolve("inventory-4.19.yaml"),
                        yaml.replace("ocpVersion: \"4.18\"", "ocpVersion: \"4.19\""))
                .toString();
    }

    @AfterEach
    void stopCluster() throws Exception {
        sandbox.close();
    }

    @Test
    void planWarnsAndPrintsThePlanOf418() {
        CliRun later = CliRun.run("plan", "-i", on419);
        CliRun verified = CliRun.run("plan", "-i", on418);

        assertEquals(ExitCodes.OK, later.exitCode(), later::toString);
        assertTrue(later.out().startsWith("warning: " + NOT_VERIFIED), later::toString);
        assertTrue(!verified.all().contains("not verified"), verified::toString);
        assertEquals(
                verified.out(),
                later.out().lines().skip(1).map(line -> line + "\n").collect(java.util.stream.Collectors.joining()),
                "the same plan as on 4.18");
    }

    @Test
    void recoverWarnsAndRecoversAs418() {
        CliRun run = CliRun.run(
                java.util.Map.of(),
                "",
                "recover",
                "-i",
                on419,
                "--approve",
                "validated",
                "--audit-file",
                dir.resolve("audit.jsonl").toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("warning: " + NOT_VERIFIED), run::toString);
        assertTrue(sandbox.nodes().stream().allMatch(SimulatedNode::ready), sandbox.nodes()::toString);
        assertTrue(
                sandbox.csrs().stream().filter(c -> c.rogue() != null).allMatch(CsrStatus::pending),
                "the forged CSRs stay pending as on 4.18");
    }

    @Test
    void checkNotesThatTheRulesAreNotVerified() {
        CliRun run = CliRun.run("check", "-i", on419, "--no-check-endpoints");

        assertTrue(run.out().contains("note: " + NOT_VERIFIED), run::toString);
    }
}
