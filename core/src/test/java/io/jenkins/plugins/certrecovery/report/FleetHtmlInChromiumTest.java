package io.jenkins.plugins.certrecovery.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.expiry.ShutdownHorizon;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet page as a Jenkins user sees it: written by {@link FleetReportFiles} for a cluster checked with its shutdown horizon
 * and one without, served with Jenkins' Content-Security-Policy for archived files, in headless Chromium. Screenshots go to
 * {@code target/chromium/}.
 */
class FleetHtmlInChromiumTest {
    private static final Path SCREENSHOTS = Path.of("target", "chromium");

    @TempDir
    Path dir;

    private final ExpiryReport demo = SampleReports.mixedWithHorizon("demo");
    /** A second cluster: the demo's certificates that are not ok, checked a minute later, without a horizon. */
    private final ExpiryReport prod = new ExpiryReport(
            "prod",
            demo.checkedAt().plusSeconds(60),
            Duration.ofMillis(800),
            demo.thresholds(),
            demo.rows().stream()
                    .filter(row -> !row.isError() && row.status() != ExpiryStatus.OK)
                    .toList());

    private Path html;

    @BeforeEach
    void writeFleet() throws IOException {
        HeadlessChromium.assumeInstalled();
        html = new FleetReportFiles(new SecretMasker())
                .write(new FleetExpiryReport(List.of(demo, prod)), dir)
                .html();
    }

    @Test
    void underJenkinsPolicyTheTimelineHasADotPerCertificateOfEveryClusterAndTheConsoleStaysQuiet() throws Exception {
        try (ArchivedReportPage page = ArchivedReportPage.open(html, ArchivedReportPage.DESKTOP_WIDTH)) {
            HeadlessChromium chromium = page.browser();
            chromium.screenshot(SCREENSHOTS.resolve("fleet-report-desktop.png"));
            page.assertQuiet();
            assertEquals(certificates(demo) + certificates(prod), chromium.count(".timeline circle.mark"));
            assertEquals(
                    List.of("rgb(207, 34, 46)"),
                    chromium.computedStyle(".timeline g.cluster:last-of-type circle.m-expired", "fill"),
                    "the stylesheet colours the dots by class");
        }
    }

    @Test
    void theTimelineGroupsEachClustersHostsUnderItsName() throws Exception {
        try (ArchivedReportPage page = ArchivedReportPage.open(html, ArchivedReportPage.DESKTOP_WIDTH)) {
            HeadlessChromium chromium = page.browser();
            assertEquals(List.of("demo", "prod"), chromium.text(".timeline g.cluster text.cluster-name"));
            assertEquals(
                    List.of(
                            "api.demo.example.com (2)",
                            "master-0 (4)",
                            "master-1.demo.example.com (2)",
                            "worker-0 (1)"),
                    chromium.text(".timeline g.cluster:nth-of-type(1) text.host"));
            assertEquals(
                    List.of("api.demo.example.com (1)", "master-0 (2)", "master-1.demo.example.com (2)"),
                    chromium.text(".timeline g.cluster:nth-of-type(2) text.host"));
            assertEquals(certificates(demo), chromium.count(".timeline g.cluster:nth-of-type(1) circle.mark"));
            assertEquals(certificates(prod), chromium.count(".timeline g.cluster:nth-of-type(2) circle.mark"));
            assertTrue(
                    chromium.text(".earliest-list li").get(0).contains("on master-0 of cluster demo"),
                    chromium.text(".earliest-list li").toString());
        }
    }

    @Test
    void eachClustersRowShowsItsShutdownHorizonOrWhyItWasNotComputed() throws Exception {
        try (ArchivedReportPage page = ArchivedReportPage.open(html, ArchivedReportPage.PHONE_WIDTH)) {
            HeadlessChromium chromium = page.browser();
            chromium.screenshot(SCREENSHOTS.resolve("fleet-report-phone.png"));
            page.assertQuiet();
            List<String> dates = chromium.text("#clusters tbody tr:nth-child(1) td.horizon-dates li");
            ShutdownHorizon horizon = demo.shutdownHorizon();
            assertEquals(
                    List.of(
                            "nothing to do: until "
                                    + ExpiryHtmlReport.TIME.format(
                                            horizon.nothingToDo().until()),
                            "CSRs by hand: " + limitText(horizon.csrApprovalByHand()),
                            "admin kubeconfig from outside: " + limitText(horizon.adminKubeconfigFromOutside())),
                    dates);
            assertEquals(
                    List.of("not computed: the report was not made by a cluster check"),
                    chromium.text("#clusters tbody tr:nth-child(2) td.horizon-dates"));
        }
    }

    private static String limitText(ShutdownHorizon.Limit limit) {
        return limit.until() == null
                ? "no certificate read limits it"
                : "until " + ExpiryHtmlReport.TIME.format(limit.until());
    }

    private static long certificates(ExpiryReport report) {
        return report.rows().stream().filter(row -> !row.isError()).count();
    }
}
