package io.jenkins.plugins.certrecovery.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a Jenkins user sees it: written by {@link ExpiryReportFiles}, served with Jenkins' Content-Security-Policy
 * for archived files, in headless Chromium. Screenshots go to {@code target/chromium/}.
 */
class ExpiryHtmlInChromiumTest {
    private static final Path SCREENSHOTS = Path.of("target", "chromium");

    @TempDir
    Path dir;
    private Path html;

    @BeforeEach
    void writeReport() throws IOException {
        HeadlessChromium.assumeInstalled();
        html = new ExpiryReportFiles(new SecretMasker()).write(SampleReports.mixed(), dir).html();
    }

    @Test
    void underJenkinsPolicyEveryRowIsStyledInExpiryOrderAndTheConsoleStaysQuiet() throws Exception {
        try (ArchivedReportPage page = ArchivedReportPage.open(html, ArchivedReportPage.DESKTOP_WIDTH)) {
            page.assertReadableAndQuiet(SCREENSHOTS.resolve("expiry-report-desktop.png"));
            HeadlessChromium chromium = page.browser();
            assertEquals(List.of("row-error", "row-error", "row-expired", "row-critical", "row-warning", "row-warning", "row-warning",
                    "row-ok", "row-ok"), chromium.attribute("tbody tr", "class"), "errors first, then the earliest expiry");
            assertEquals(Collections.nCopies(9, "table-row"), chromium.computedStyle("tbody tr", "display"));
            assertEquals(0, chromium.count("tbody b"), "the <b> in an error message stayed text");
        }
    }

    @Test
    void onAPhoneEveryRowIsACardWithItsClassColourOnTheLeft() throws Exception {
        try (ArchivedReportPage page = ArchivedReportPage.open(html, ArchivedReportPage.PHONE_WIDTH)) {
            BufferedImage image = page.assertReadableAndQuiet(SCREENSHOTS.resolve("expiry-report-phone.png"));
            HeadlessChromium chromium = page.browser();
            assertEquals(ArchivedReportPage.PHONE_WIDTH, image.getWidth(), "rendered at phone width");
            assertEquals(List.of("none"), chromium.computedStyle("thead", "display"), "no column headers on a phone");
            assertEquals(Collections.nCopies(9, "block"), chromium.computedStyle("tbody tr", "display"), "every row is a card");
            assertEquals(List.of("rgb(207, 34, 46)"), chromium.computedStyle("tr.row-expired", "border-left-color"));
            Rectangle card = chromium.box("tr.row-expired").orElseThrow();
            int edge = image.getRGB(card.x + 3, (int) card.getCenterY()) & 0xffffff;
            assertTrue(ArchivedReportPage.near(edge, 0xcf222e), String.format("the expired card's left edge is #%06x", edge));
        }
    }

    @Test
    void clickingAClassCountHidesItsRowsAndClickingAgainShowsThem() throws Exception {
        try (ArchivedReportPage page = ArchivedReportPage.open(html, ArchivedReportPage.DESKTOP_WIDTH)) {
            HeadlessChromium chromium = page.browser();
            chromium.click("label[for=show-warning]");
            assertEquals(List.of("none", "none", "none"), chromium.computedStyle("tr.row-warning", "display"));
            assertEquals(Collections.nCopies(6, "table-row"), chromium.computedStyle("tbody tr:not(.row-warning)", "display"));
            assertEquals(List.of("0.35"), chromium.computedStyle("label[for=show-warning]", "opacity"), "the hidden class is dimmed");
            chromium.screenshot(SCREENSHOTS.resolve("expiry-report-warning-hidden.png"));
            chromium.click("label[for=show-warning]");
            assertEquals(Collections.nCopies(9, "table-row"), chromium.computedStyle("tbody tr", "display"));
            assertEquals(List.of(), chromium.consoleMessages());
        }
    }

    @Test
    void withEveryClassHiddenThePageSaysHowToShowThemAgain() throws Exception {
        try (ArchivedReportPage page = ArchivedReportPage.open(html, ArchivedReportPage.DESKTOP_WIDTH)) {
            HeadlessChromium chromium = page.browser();
            assertEquals(List.of("none"), chromium.computedStyle("#empty", "display"));
            for (String status : List.of("ok", "warning", "critical", "expired", "error")) {
                chromium.click("label[for=show-" + status + "]");
            }
            assertEquals(List.of("block"), chromium.computedStyle("#empty", "display"));
            assertEquals(Collections.nCopies(9, "none"), chromium.computedStyle("tbody tr", "display"));
        }
    }

    /** Why the report has no script at all: under the policy even a script file is refused, with an error in the console. */
    @Test
    void whatJenkinsPolicyBlocksShowsInTheConsole() throws Exception {
        Files.writeString(dir.resolve("probe.js"), "document.title = 'ran';\n");
        Path probe = dir.resolve("probe.html");
        Files.writeString(probe, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>probe</title>"
                + "<script src=\"probe.js\"></script></head><body><p style=\"color: red\">inline style</p></body></html>\n");
        try (JenkinsArtifactServer server = JenkinsArtifactServer.serve(dir);
                HeadlessChromium chromium = HeadlessChromium.open(server.uri("probe.html"), 800, 600)) {
            List<String> console = chromium.consoleMessages();
            assertTrue(console.stream().anyMatch(message -> message.contains("Blocked script execution")), console::toString);
            assertTrue(console.stream().anyMatch(message -> message.contains("Content Security Policy")), console::toString);
            assertEquals(List.of("rgb(0, 0, 0)"), chromium.computedStyle("p", "color"), "the inline style was not applied");
        }
    }
}
