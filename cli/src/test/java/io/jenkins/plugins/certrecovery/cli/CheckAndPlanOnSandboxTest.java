package io.jenkins.plugins.certrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.certrecovery.report.ArchivedReportPage;
import io.jenkins.plugins.certrecovery.report.HeadlessChromium;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that change nothing, on a sandbox whose certificates are all valid: {@code check} with each exit code, the report and a
 * passphrase-protected key; {@code plan}, which must not even connect.
 */
class CheckAndPlanOnSandboxTest {
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    static Path dir;

    private static Sandbox sandbox;
    private static String inventory;
    private static String encryptedKeyInventory;

    @BeforeAll
    static void startCluster() throws Exception {
        sandbox = Sandbox.start(SandboxSpec.defaults().withCertificatesExpired(false));
        inventory = sandbox.inventoryFile().toString();
        for (String master : sandbox.masterNames()) {
            // the sandbox does not provision this directory of a real 4.3 master yet, and the expiry check expects it
            Files.createDirectories(
                    sandbox.hostPath(master, "/etc/kubernetes/static-pod-resources/kube-scheduler-certs/secrets"));
        }
        OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
        encryption.setPassword(PASSPHRASE);
        encryption.setCipherName("AES");
        encryption.setCipherMode("CTR");
        encryption.setCipherType("256");
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(sandbox.clientKeyPair(), "cli test", encryption, key);
        Path keyFile = Files.write(dir.resolve("id_ed25519_encrypted"), key.toByteArray());
        encryptedKeyInventory = Files.writeString(
                        dir.resolve("encrypted-key-inventory.yaml"),
                        Files.readString(sandbox.inventoryFile())
                                .replace(sandbox.clientKeyFile().toString(), keyFile.toString()))
                .toString();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        sandbox.close();
    }

    private static CliRun check(Map<String, String> environment, String inventoryFile, String... options) {
        List<String> args = new ArrayList<>(List.of("check", "-i", inventoryFile, "--no-check-endpoints"));
        args.addAll(List.of(options));
        CliRun run = CliRun.run(environment, "", args.toArray(String[]::new));
        assertNoSecret(run);
        return run;
    }

    private static void assertNoSecret(CliRun run) {
        assertFalse(run.all().contains(PASSPHRASE), run::toString);
        assertFalse(run.all().contains("PRIVATE KEY"), run::toString);
        for (String secret : sandbox.secretValues()) {
            assertFalse(run.all().contains(secret), run::toString);
        }
    }

    @Test
    void everyCertificateOkIsExit0AndTheJsonReportIsWrittenWithThePassphraseFromTheEnvironment() throws Exception {
        Path json = dir.resolve("reports/ok.json");
        Path html = dir.resolve("reports/ok.html");
        Path junit = dir.resolve("reports/ok.xml");
        CliRun run = check(
                Map.of(CliEnvironment.PASSPHRASE_VARIABLE, PASSPHRASE),
                encryptedKeyInventory,
                "--warning-days",
                "1",
                "--critical-days",
                "0",
                "--json",
                json.toString(),
                "--html",
                html.toString(),
                "--junit",
                junit.toString());
        assertTrue(Files.readString(html).contains("master-0"), "HTML report written");
        assertTrue(
                Files.readString(dir.resolve("reports/expiry-report.css")).contains(".s-ok {"),
                "its stylesheet beside it");
        assertTrue(Files.readString(junit).contains("<testsuite"), "JUnit report written");
        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("result: ok"), run::toString);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertTrue(report.toString().contains("\"ok\""), report::toString);
        assertTrue(report.toString().contains("master-0"), "rows of every host: " + report);
        assertFalse(Files.readString(json).contains(sandbox.secretValues().get(0)));
    }

    @Test
    void theHtmlReportReadsUnderJenkinsPolicyWithItsStylesheetAndNoScript() throws Exception {
        HeadlessChromium.assumeInstalled();
        Path html = dir.resolve("jenkins/check.html");
        CliRun run = check(
                Map.of(), inventory, "--warning-days", "100000", "--critical-days", "0", "--html", html.toString());
        assertEquals(ExitCodes.CHECK_WARNING, run.exitCode(), run::toString);
        try (ArchivedReportPage page = ArchivedReportPage.open(html, ArchivedReportPage.DESKTOP_WIDTH)) {
            page.assertReadableAndQuiet(Path.of("target", "chromium", "cli-check-report.png"));
        }
    }

    @Test
    void anHtmlReportNamedLikeItsStylesheetIsRefused() {
        CliRun run = check(
                Map.of(), inventory, "--html", dir.resolve("expiry-report.css").toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(
                run.err()
                        .contains(
                                "--html: expiry-report.css is the name of the stylesheet written beside the HTML report"),
                run::toString);
        assertFalse(Files.exists(dir.resolve("expiry-report.css")), "nothing written");
    }

    @Test
    void aCertificateInTheCriticalWindowIsExit2() {
        CliRun run = check(Map.of(), inventory, "--warning-days", "100000", "--critical-days", "100000");
        assertEquals(ExitCodes.CHECK_CRITICAL, run.exitCode(), run::toString);
        assertTrue(run.out().contains("result: critical"), run::toString);
    }

    @Test
    void anUnreachableHostIsExit3AndNamed() throws Exception {
        sandbox.setSshDown("worker-1", true);
        try {
            CliRun run = check(Map.of(), inventory, "--warning-days", "1", "--critical-days", "0");
            assertEquals(ExitCodes.CHECK_UNCHECKED, run.exitCode(), run::toString);
            assertTrue(run.out().contains("  error    worker-1"), run::toString);
        } finally {
            sandbox.setSshDown("worker-1", false);
        }
    }

    @Test
    void criticalWiderThanWarningIsABadCommandLine() {
        CliRun run = check(Map.of(), inventory, "--warning-days", "7", "--critical-days", "30");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
    }

    @Test
    void aCertificateInTheWarningWindowIsExit1AndThePassphraseIsAskedOnTheTerminalWithoutEcho() {
        List<String> prompts = new ArrayList<>();
        CliEnvironment terminal =
                new CliEnvironment(Map.of(), new BufferedReader(new StringReader("")), true, prompt -> {
                    prompts.add(prompt);
                    return PASSPHRASE.toCharArray();
                });
        CliRun run = CliRun.run(
                terminal,
                "check",
                "-i",
                encryptedKeyInventory,
                "--no-check-endpoints",
                "--no-color",
                "--warning-days",
                "100000",
                "--critical-days",
                "0");
        assertNoSecret(run);
        assertEquals(ExitCodes.CHECK_WARNING, run.exitCode(), run::toString);
        assertTrue(run.out().contains("result: warning"), run::toString);
        assertTrue(run.out().contains("  warning  master-0"), "the rows needing attention are listed: " + run);
        assertEquals(List.of("Passphrase for " + dir.resolve("id_ed25519_encrypted") + ": "), prompts);
    }

    @Test
    void withoutPassphraseAndWithoutTerminalTheRunStopsWithExit64() {
        CliRun run = check(Map.of(), encryptedKeyInventory);
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(
                run.err()
                        .contains("is protected by a passphrase and there is no terminal to ask for it: set "
                                + "OCP_CERT_RECOVERY_PASSPHRASE"),
                run::toString);
    }

    @Test
    void aWrongPassphraseIsExit64AndNotEchoed() {
        String wrong = "wrong passphrase 12345";
        CliRun run = check(Map.of(CliEnvironment.PASSPHRASE_VARIABLE, wrong), encryptedKeyInventory);
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(
                run.err().contains("passphrase is wrong") && run.err().contains("OCP_CERT_RECOVERY_PASSPHRASE"),
                run::toString);
        assertFalse(run.all().contains(wrong), run::toString);
    }

    @Test
    void planPrintsEveryStepPerHostAndConnectsToNoHost() {
        int sshCommandsBefore = sandbox.execEvents().size();
        CliRun run = CliRun.run(Map.of(), "", "plan", "-i", encryptedKeyInventory);
        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertEquals(sshCommandsBefore, sandbox.execEvents().size(), "plan ran nothing on any host");
        for (String host : sandbox.hostNames()) {
            assertTrue(run.out().contains("[" + host + "] "), () -> host + " missing in\n" + run);
        }
        for (String step : List.of(
                "== recover",
                "-- preflight",
                "-- recover-kubelets",
                "'id' '-u'",
                "'recovery-apiserver' 'create'",
                "'regenerate-certificates'",
                "'patch' 'kubescheduler' 'cluster'",
                "'systemctl' 'stop' 'kubelet'",
                "'adm' 'certificate' 'approve'",
                "'recovery-apiserver' 'destroy'")) {
            assertTrue(run.out().contains(step), () -> step + " missing in\n" + run);
        }
        assertTrue(run.out().contains("nothing was run"), run::toString);
        assertNoSecret(run);
    }
}
