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
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} on a fleet: two sandboxes (clusters east and west, all certificates valid), a cluster whose hosts refuse
 * connections and an inventory that is refused; and {@code report merge} of what the check wrote.
 */
class FleetCheckOnSandboxTest {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @TempDir
    static Path dir;

    private static Sandbox east;
    private static Sandbox west;
    private static Path clusters;

    @BeforeAll
    static void startClusters() throws Exception {
        east = startCluster();
        west = startCluster();
        clusters = Files.createDirectories(dir.resolve("clusters"));
        Files.writeString(clusters.resolve("east.yaml"), "name: east\n" + Files.readString(east.inventoryFile()));
        Files.writeString(
                clusters.resolve("west.yaml"), Files.readString(west.inventoryFile())); // named after the file
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Files.writeString(
                clusters.resolve("down.yaml"),
                "name: down\n"
                        + Files.readString(east.inventoryFile())
                                .replaceAll("port: \\d+, pathPrefix", "port: " + closedPort + ", pathPrefix"));
        Files.writeString(clusters.resolve("broken.yaml"), "name: broken\nocpVersion: \"4.3\"\n");
    }

    private static Sandbox startCluster() throws Exception {
        Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withCertificatesExpired(false));
        for (String master : sandbox.masterNames()) {
            // the sandbox does not provision this directory of a real 4.3 master yet, and the expiry check expects it
            Files.createDirectories(
                    sandbox.hostPath(master, "/etc/kubernetes/static-pod-resources/kube-scheduler-certs/secrets"));
        }
        return sandbox;
    }

    @AfterAll
    static void stopClusters() throws Exception {
        east.close();
        west.close();
    }

    private static CliRun run(String... args) {
        CliRun run = CliRun.run(args);
        for (Sandbox sandbox : List.of(east, west)) {
            sandbox.secretValues().forEach(secret -> assertFalse(run.all().contains(secret), run::toString));
        }
        return run;
    }

    /** {@code check} of the sandboxes' valid certificates, every one ok (they are valid for less than the default 30 days). */
    private static CliRun check(String... args) {
        List<String> all = new ArrayList<>(
                List.of("check", "--no-check-endpoints", "--warning-days", "1", "--critical-days", "0"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private static String file(String name) {
        return clusters.resolve(name).toString();
    }

    @Test
    void aGlobChecksEveryClusterAndAnUnreachableOrRefusedClusterIsAnErrorRowOfThatCluster() throws Exception {
        Path out = dir.resolve("glob");
        CliRun run = check("-i", clusters + "/*.yaml", "--report-dir", out.toString());
        assertEquals(ExitCodes.CHECK_UNCHECKED, run.exitCode(), run::toString);
        assertTrue(run.out().contains("cluster east result: ok"), run::toString);
        assertTrue(run.out().contains("cluster west result: ok"), run::toString);
        assertTrue(run.out().contains("cluster down result: error"), run::toString);
        assertTrue(run.out().contains("cluster broken result: error"), run::toString);
        assertTrue(run.err().contains("broken.yaml"), "the refused inventory is named: " + run);

        JsonNode fleet =
                new ObjectMapper().readTree(out.resolve("fleet-report.json").toFile());
        assertEquals(
                "openshift-cert-recovery/expiry-fleet/v1", fleet.path("schema").asText());
        assertEquals(4, fleet.path("summary").path("clusters").asInt(), fleet::toString);
        assertEquals("error", fleet.path("summary").path("result").asText());
        List<String> names = new ArrayList<>();
        fleet.path("clusters")
                .forEach(c -> names.add(c.path("summary").path("cluster").asText()));
        assertEquals(List.of("broken", "down", "east", "west"), names, "sorted by file, each named");
        JsonNode broken = new ObjectMapper()
                .readTree(out.resolve("broken/expiry-report.json").toFile());
        assertEquals(
                "invalid_inventory",
                broken.path("rows").get(0).path("error").path("kind").asText(),
                broken::toString);
        JsonNode down = new ObjectMapper()
                .readTree(out.resolve("down/expiry-report.json").toFile());
        down.path("rows")
                .forEach(row -> assertEquals(
                        "unreachable", row.path("error").path("kind").asText(), row::toString));
        JsonNode eastReport = new ObjectMapper()
                .readTree(out.resolve("east/expiry-report.json").toFile());
        assertEquals("ok", eastReport.path("summary").path("result").asText());
        eastReport
                .path("rows")
                .forEach(row -> assertEquals("east", row.path("cluster").asText()));
        assertTrue(Files.isRegularFile(out.resolve("west/expiry-report.html")));
        assertTrue(Files.isRegularFile(out.resolve("west/expiry-junit.xml")));
    }

    @Test
    void theFleetPageLinksEachClustersReportAndHasNoScriptNorStyleAttribute() throws Exception {
        Path out = dir.resolve("page");
        CliRun run = check("-i", file("east.yaml"), "-i", file("west.yaml"), "--report-dir", out.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        String page = Files.readString(out.resolve("fleet-report.html"));
        assertTrue(page.contains("<a href=\"east/expiry-report.html\">east</a>"), page);
        assertTrue(page.contains("<a href=\"west/expiry-report.html\">west</a>"), page);
        assertTrue(page.contains("<link rel=\"stylesheet\" href=\"expiry-report.css\">"), page);
        assertTrue(Files.isRegularFile(out.resolve("expiry-report.css")), "its stylesheet beside it");
        assertFalse(page.contains("<script"), page);
        assertFalse(page.contains("style="), page);
        assertFalse(page.contains("<style"), page);
    }

    @Test
    void theFleetPageReadsUnderJenkinsPolicyWithItsStylesheet() throws Exception {
        HeadlessChromium.assumeInstalled();
        Path out = dir.resolve("chromium");
        CliRun run = check("-i", file("east.yaml"), "-i", file("west.yaml"), "--report-dir", out.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        try (ArchivedReportPage page =
                ArchivedReportPage.open(out.resolve("fleet-report.html"), ArchivedReportPage.DESKTOP_WIDTH)) {
            HeadlessChromium browser = page.browser();
            assertEquals(
                    List.of(), browser.consoleMessages(), "console messages under Jenkins' Content-Security-Policy");
            assertEquals(0, browser.count("script, style, [style]"), "a script, a style element or a style attribute");
            assertEquals(2, browser.count("tbody tr"), "a row per cluster");
            assertEquals(
                    List.of("rgb(218, 251, 225)", "rgb(218, 251, 225)"),
                    browser.computedStyle("tbody td[data-label=Result] .pill", "background-color"),
                    "the stylesheet beside the page colours each cluster's result");
            browser.screenshot(Path.of("target", "chromium", "cli-fleet-report.png"));
        }
    }

    @Test
    void twoInventoriesOfOneClusterNameAreRefusedNamingBoth() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("copy")).resolve("east.yaml");
        Files.copy(clusters.resolve("east.yaml"), copy);
        CliRun run = check("-i", file("east.yaml"), "-i", copy.toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains(file("east.yaml") + " and " + copy + " are both cluster 'east'"), run::toString);
    }

    @Test
    void aGlobMatchingNoFileIsRefusedNamingIt() {
        CliRun run = check("-i", dir + "/nowhere/*.yaml");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("-i '" + dir + "/nowhere/*.yaml' matches no file"), run::toString);
    }

    @Test
    void thePrometheusFileOfTheFleetPassesPromtool() throws Exception {
        Path out = dir.resolve("metrics");
        Path prom = Files.createDirectories(out).resolve("openshift-cert-expiry.prom");
        CliRun run = check("-i", file("east.yaml"), "-i", file("west.yaml"), "--prometheus-file", prom.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        String metrics = Files.readString(prom);
        assertTrue(metrics.contains("cluster=\"east\"") && metrics.contains("cluster=\"west\""), metrics);
        if (!Files.isExecutable(PROMTOOL)) {
            String reason = "skipped promtool: " + PROMTOOL + " is not installed (apt-get install prometheus)";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics")
                .redirectInput(prom.toFile())
                .redirectErrorStream(true)
                .start();
        String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(1, TimeUnit.MINUTES), "promtool finished");
        assertEquals(0, promtool.exitValue(), said);
    }

    @Test
    void anUnwritablePrometheusFileIsAnErrorNamingItAfterTheReportsAreWritten() throws Exception {
        Path out = dir.resolve("unwritable");
        Path prom = dir.resolve("no-such-dir/openshift-cert-expiry.prom");
        CliRun run = check(
                "-i",
                file("east.yaml"),
                "-i",
                file("west.yaml"),
                "--report-dir",
                out.toString(),
                "--prometheus-file",
                prom.toString());
        assertEquals(ExitCodes.CHECK_UNCHECKED, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--prometheus-file: cannot write the metrics file " + prom), run::toString);
        assertTrue(Files.isRegularFile(out.resolve("fleet-report.json")), "the reports were written first");
    }

    @Test
    void anUnreachablePushgatewayIsAnErrorNamingItAfterTheReportsAreWritten() throws IOException {
        Path out = dir.resolve("pushgateway");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        CliRun run = check("-i", file("east.yaml"), "--report-dir", out.toString(), "--pushgateway-url", url);
        assertEquals(ExitCodes.CHECK_UNCHECKED, run.exitCode(), run::toString);
        assertTrue(
                run.err().contains("--pushgateway-url: cannot reach the Pushgateway at " + url + "/metrics/job/"),
                run::toString);
        assertTrue(Files.isRegularFile(out.resolve("fleet-report.json")), "the reports were written first");
    }

    @Test
    void reportMergeWritesTheFleetReportsOfSeparateChecks() throws Exception {
        Path separate = dir.resolve("separate");
        for (String cluster : List.of("east", "west")) {
            CliRun check = check(
                    "-i",
                    file(cluster + ".yaml"),
                    "--report-dir",
                    separate.resolve(cluster).toString());
            assertEquals(ExitCodes.OK, check.exitCode(), check::toString);
        }
        Path merged = dir.resolve("merged");
        CliRun run = run("report", "merge", "-o", merged.toString(), separate + "/*/*/expiry-report.json");
        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        JsonNode fleet =
                new ObjectMapper().readTree(merged.resolve("fleet-report.json").toFile());
        assertEquals(2, fleet.path("summary").path("clusters").asInt(), fleet::toString);
        assertTrue(Files.readString(merged.resolve("fleet-report.html")).contains("east/expiry-report.html"));
        assertTrue(Files.isRegularFile(merged.resolve("west/expiry-report.html")));
    }

    @Test
    void reportMergeRefusesTwoReportsOfOneCluster() throws Exception {
        Path one = dir.resolve("twice");
        CliRun check = check("-i", file("east.yaml"), "--report-dir", one.toString());
        assertEquals(ExitCodes.OK, check.exitCode(), check::toString);
        Path report = one.resolve("east/expiry-report.json");
        Path again = Files.copy(report, dir.resolve("east-again.json"));
        CliRun run = run(
                "report", "merge", "-o", dir.resolve("twice-merged").toString(), report.toString(), again.toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("are both reports of cluster 'east'"), run::toString);
    }

    @Test
    void reportMergeRefusesAFileThatIsNotAnExpiryReport() throws Exception {
        Path other = Files.writeString(dir.resolve("other.json"), "{\"hello\": 1}");
        CliRun run = run("report", "merge", "-o", dir.resolve("other-merged").toString(), other.toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains(other + " is not an expiry report of this tool"), run::toString);
    }
}
