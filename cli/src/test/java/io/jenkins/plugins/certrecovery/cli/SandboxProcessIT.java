package io.jenkins.plugins.certrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.certrecovery.report.ArchivedReportPage;
import io.jenkins.plugins.certrecovery.report.HeadlessChromium;
import io.jenkins.plugins.certrecovery.sandbox.CsrStatus;
import io.jenkins.plugins.certrecovery.sandbox.RogueCsr;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.SimulatedNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as a real process against the sandbox (started in this JVM): the demo, {@code recover} with its prompt answered
 * through a pipe and then again on the healthy cluster, and Ctrl-C in the middle of a run.
 */
class SandboxProcessIT {
    @TempDir
    Path dir;

    @TempDir
    static Path demoOutput;

    private static JarProcess.Result demo;

    /** The demo as a process, run once for the tests that read what it wrote (in {@link #demoReports()}). */
    private static synchronized JarProcess.Result demo() throws Exception {
        if (demo == null) {
            long started = System.nanoTime();
            demo = JarProcess.start(
                            Map.of(), "", "demo", "--output", demoReports().toString())
                    .await(Duration.ofMinutes(5));
            System.out.println("demo as a process took "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
        }
        return demo;
    }

    private static Path demoReports() {
        return demoOutput.resolve("demo");
    }

    @Test
    void theDemoRecoversTheSandboxAndWritesTheReports() throws Exception {
        JarProcess.Result run = demo();
        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        for (String report : List.of(
                "before.json",
                "before.html",
                "before.xml",
                "after.json",
                "after.html",
                "after.xml",
                "expiry-report.css",
                "audit.jsonl")) {
            assertTrue(Files.size(demoReports().resolve(report)) > 0, report);
        }
        assertTrue(run.out().contains(" left pending: "), "the rogue CSRs are shown refused with reasons:\n" + run);
        assertTrue(run.out().contains("demo: every node of the cluster is Ready again"), run::toString);
    }

    @Test
    void theDemoReportsReadUnderJenkinsPolicyWithTheirStylesheetAndNoScript() throws Exception {
        HeadlessChromium.assumeInstalled();
        JarProcess.Result run = demo();
        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        for (String report : List.of("before", "after")) {
            try (ArchivedReportPage page = ArchivedReportPage.open(
                    demoReports().resolve(report + ".html"), ArchivedReportPage.DESKTOP_WIDTH)) {
                page.assertReadableAndQuiet(Path.of("target", "chromium", "cli-demo-" + report + ".png"));
            }
        }
    }

    @Test
    void recoverWithThePromptAnsweredThroughAPipeRefusesTheRogueCsrsAndASecondRunChangesNothing() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withRogueCsrs(RogueCsr.values()))) {
            String inventory = sandbox.inventoryFile().toString();
            Path audit = dir.resolve("audit.jsonl");
            JarProcess.Result run = JarProcess.start(
                            Map.of(), "y\n".repeat(20), "recover", "-i", inventory, "--audit-file", audit.toString())
                    .await(Duration.ofMinutes(5));
            assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
            assertTrue(run.out().contains("[y/N]"), run::toString);
            assertTrue(run.out().contains("recover: every inventory node is Ready"), run::toString);
            assertTrue(sandbox.nodes().stream().allMatch(SimulatedNode::ready), sandbox.nodes()::toString);
            for (CsrStatus rogue :
                    sandbox.csrs().stream().filter(c -> c.rogue() != null).toList()) {
                assertTrue(rogue.pending(), () -> "never approved: " + rogue);
                assertTrue(
                        run.out().contains("CSR " + rogue.name() + " left pending: "),
                        () -> rogue + " with its reasons\n" + run);
            }
            assertNoSecret(sandbox, run.all());
            assertNoSecret(sandbox, Files.readString(audit));
            ObjectMapper json = new ObjectMapper();
            List<String> events = Files.readAllLines(audit).stream()
                    .map(line -> readEvent(json, line))
                    .toList();
            assertTrue(
                    events.containsAll(
                            List.of("run-start", "command", "file-changed", "csr-verdict", "csr-approved", "run-end")),
                    events::toString);

            JarProcess.Result again = JarProcess.start(
                            Map.of(),
                            "",
                            "recover",
                            "-i",
                            inventory,
                            "--approve",
                            "validated",
                            "--audit-file",
                            audit.toString())
                    .await(Duration.ofMinutes(3));
            assertEquals(ExitCodes.OK, again.exitCode(), again::toString);
            assertTrue(again.out().contains("nothing to recover"), again::toString);
            assertFalse(again.out().contains("'systemctl' 'stop' 'kubelet'"), "no kubelet restarted: " + again);
        }
    }

    private static String readEvent(ObjectMapper json, String line) {
        try {
            return json.readTree(line).path("event").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    private static void assertNoSecret(Sandbox sandbox, String text) {
        for (String secret : sandbox.secretValues()) {
            assertFalse(text.contains(secret), "a cluster secret was printed or audited");
        }
        assertFalse(text.contains("PRIVATE KEY"));
    }

    @Test
    void ctrlCStopsTheRunReleasesTheLockAndLeavesTheRecoveryApiServer() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withApiserverNeverAnswering())) {
            Path audit = dir.resolve("audit.jsonl");
            JarProcess recover = JarProcess.start(
                    Map.of(),
                    "",
                    "recover",
                    "-i",
                    sandbox.inventoryFile().toString(),
                    "--approve",
                    "validated",
                    "--audit-file",
                    audit.toString());
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!recover.outSoFar().contains("waiting: ") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(
                    recover.outSoFar().contains("waiting: "), "the run reached the wait for the recovery API server");
            new ProcessBuilder("kill", "-INT", Long.toString(recover.pid()))
                    .start()
                    .waitFor();
            JarProcess.Result run = recover.await(Duration.ofMinutes(1));
            assertEquals(ExitCodes.INTERRUPTED, run.exitCode(), run::toString);
            assertTrue(
                    run.err()
                            .contains(
                                    "interrupted: ocp-cert-recovery recover stopped during recovery-apiserver-create"),
                    run::toString);
            assertTrue(
                    run.err().contains("The recovery API server, if it was created, is left as it is"), run::toString);
            assertFalse(Files.exists(sandbox.hostPath("master-0", "/var/lib/ocp-cert-recovery/lock")), "lock released");
            assertTrue(
                    Files.exists(
                            sandbox.hostPath("master-0", "/etc/kubernetes/manifests/recovery-kube-apiserver-pod.yaml")),
                    "the recovery API server is left as it is");
            ObjectMapper json = new ObjectMapper();
            List<String> lines = Files.readAllLines(audit);
            assertFalse(lines.isEmpty());
            for (String line : lines) {
                json.readTree(line);
            }
        }
    }
}
