package io.jenkins.plugins.certrecovery.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
        html = new ExpiryReportFiles(new SecretMasker())
                .write(SampleReports.mixed(), dir)
                .html();
    }

    @Test
    void underJenkinsPolicyEveryRowIsStyledInExpiryOrderAndTheConsoleStaysQuiet() throws Exception {
        try (ArchivedReportPage page = ArchivedReportPage.open(html, ArchivedReportPage.DESKTOP_WIDTH)) {
            page.assertReadableAndQuiet(SCREENSHOTS.resolve("expiry-report-desktop.png"));
            HeadlessChromium chromium = page.browser();
            assertEquals(
                    List.of("error", "error", "expired", "critical", "warning", "warning", "warning", "ok", "ok"),
                    column(chromium, "Status"),
                    "errors first, then the earliest expiry");
            assertEquals(Collections.nCopies(9, "grid"), chromium.computedStyle("tbody tr", "display"));
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
            assertEquals(
                    Collections.nCopies(9, "block"),
                    chromium.computedStyle("tbody tr", "display"),
                    "every row is a card");
            assertEquals(List.of("rgb(207, 34, 46)"), chromium.computedStyle("tr.row-expired", "border-left-color"));
            Rectangle card = chromium.box("tr.row-expired").orElseThrow();
            int edge = image.getRGB(card.x + 3, (int) card.getCenterY()) & 0xffffff;
            assertTrue(
                    ArchivedReportPage.near(edge, 0xcf222e),
                    String.format("the expired card's left edge is #%06x", edge));
        }
    }

    @Test
    void clickingAClassCountHidesItsRowsAndClickingAgainShowsThem() throws Exception {
        try (ArchivedReportPage page = ArchivedReportPage.open(html, ArchivedReportPage.DESKTOP_WIDTH)) {
            HeadlessChromium chromium = page.browser();
            chromium.click("label[for=show-warning]");
            assertEquals(List.of("none", "none", "none"), chromium.computedStyle("tr.row-warning", "display"));
            assertEquals(
                    Collections.nCopies(6, "grid"), chromium.computedStyle("tbody tr:not(.row-warning)", "display"));
            assertEquals(
                    List.of("0.35"),
                    chromium.computedStyle("label[for=show-warning]", "opacity"),
                    "the hidden class is dimmed");
            chromium.screenshot(SCREENSHOTS.resolve("expiry-report-warning-hidden.png"));
            chromium.click("label[for=show-warning]");
            assertEquals(Collections.nCopies(9, "grid"), chromium.computedStyle("tbody tr", "display"));
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

    @Test
    void choosingAHostShowsOnlyItsRowsAndTheClassTogglesStillApply() throws Exception {
        try (ArchivedReportPage page = ArchivedReportPage.open(html, ArchivedReportPage.DESKTOP_WIDTH)) {
            HeadlessChromium chromium = page.browser();
            assertEquals(
                    List.of(
                            "every host 9",
                            "api.demo.example.com 2",
                            "master-0 4",
                            "master-1.demo.example.com 2",
                            "worker-0 1"),
                    chromium.text(".choices label[for^=host-]"),
                    "the host radios' labels, with their row counts");
            chromium.click("label[for=host-2]");
            assertEquals(List.of("master-0", "master-0", "master-0", "master-0"), column(chromium, "Host"));
            chromium.click("label[for=show-expired]");
            assertEquals(
                    List.of("error", "critical", "ok"), column(chromium, "Status"), "master-0 without its expired row");
            chromium.screenshot(SCREENSHOTS.resolve("expiry-report-one-host.png"));
            chromium.click("label[for=host-all]");
            assertEquals(8, column(chromium, "Host").size(), "every host's rows but the expired one");
            assertEquals(List.of(), chromium.consoleMessages());
        }
    }

    @Test
    void aHostWithNoneOfTheShownClassesSaysHowToShowRowsAgain() throws Exception {
        try (ArchivedReportPage page = ArchivedReportPage.open(html, ArchivedReportPage.DESKTOP_WIDTH)) {
            HeadlessChromium chromium = page.browser();
            chromium.click("label[for=host-4]");
            assertEquals(List.of("worker-0"), column(chromium, "Host"));
            assertEquals(List.of("none"), chromium.computedStyle("#empty", "display"));
            chromium.click("label[for=show-error]");
            assertEquals(List.of(), column(chromium, "Host"), "worker-0 has only an error row");
            assertEquals(List.of("block"), chromium.computedStyle("#empty", "display"));
            chromium.click("label[for=host-all]");
            assertEquals(List.of("none"), chromium.computedStyle("#empty", "display"));
        }
    }

    @Test
    void eachOrderPutsTheRowsInItsOrderAndSaysWhichItIs() throws Exception {
        try (ArchivedReportPage page = ArchivedReportPage.open(html, ArchivedReportPage.DESKTOP_WIDTH)) {
            HeadlessChromium chromium = page.browser();
            chromium.click("label[for=sort-host]");
            assertEquals(
                    List.of(
                            "api.demo.example.com",
                            "api.demo.example.com",
                            "master-0",
                            "master-0",
                            "master-0",
                            "master-0",
                            "master-1.demo.example.com",
                            "master-1.demo.example.com",
                            "worker-0"),
                    column(chromium, "Host"));
            assertEquals(
                    List.of("warning", "ok", "error", "expired", "critical", "ok", "warning", "warning", "error"),
                    column(chromium, "Status"),
                    "on each host errors first, then by expiry");
            assertEquals(List.of("inline"), chromium.computedStyle(".order .o-host", "display"));
            assertEquals(
                    List.of("none", "none", "none"), chromium.computedStyle(".order span:not(.o-host)", "display"));
            chromium.screenshot(SCREENSHOTS.resolve("expiry-report-by-host.png"));
            chromium.click("label[for=sort-source]");
            List<String> sources = column(chromium, "Source");
            assertEquals(sources.stream().sorted().toList(), sources, "by source path");
            assertEquals(SampleReports.HOSTILE, sources.get(0));
            chromium.click("label[for=sort-expiry]");
            assertEquals(
                    List.of("error", "error", "expired", "critical", "warning", "warning", "warning", "ok", "ok"),
                    column(chromium, "Status"),
                    "back to the report's order");
            assertEquals(List.of(), chromium.consoleMessages());
        }
    }

    @Test
    void theStatusOrderPutsTheWorstClassFirstAndGroupsEachClassByHost() throws Exception {
        Path renamed = new ExpiryReportFiles(new SecretMasker())
                .writeHtml(
                        SampleReports.renamingHost(SampleReports.mixed(), "master-1.demo.example.com", "a-master-1"),
                        dir.resolve("renamed.html"));
        try (ArchivedReportPage page = ArchivedReportPage.open(renamed, ArchivedReportPage.DESKTOP_WIDTH)) {
            HeadlessChromium chromium = page.browser();
            page.assertReadableAndQuiet(SCREENSHOTS.resolve("expiry-report-renamed.png"));
            assertEquals(
                    List.of("a-master-1", "api.demo.example.com", "a-master-1"),
                    column(chromium, "Host").subList(4, 7),
                    "the warnings by expiry");
            chromium.click("label[for=sort-status]");
            assertEquals(
                    List.of("error", "error", "expired", "critical", "warning", "warning", "warning", "ok", "ok"),
                    column(chromium, "Status"));
            assertEquals(
                    List.of("a-master-1", "a-master-1", "api.demo.example.com"),
                    column(chromium, "Host").subList(4, 7),
                    "the warnings by host");
        }
    }

    @Test
    void aPageOfAnyNameFindsItsOwnStylesheet() throws Exception {
        Path odd = new ExpiryReportFiles(new SecretMasker())
                .writeHtml(SampleReports.mixed(), dir.resolve("check #2: 100% ü.html"));
        assertTrue(Files.isRegularFile(dir.resolve("check #2: 100% ü.view.css")));
        try (ArchivedReportPage page = ArchivedReportPage.open(odd, ArchivedReportPage.DESKTOP_WIDTH)) {
            page.assertReadableAndQuiet(SCREENSHOTS.resolve("expiry-report-odd-name.png"));
            page.browser().click("label[for=sort-host]");
            assertEquals("api.demo.example.com", column(page.browser(), "Host").get(0), "the page's own rules apply");
        }
    }

    @Test
    void theOrderRadiosWorkFromTheKeyboard() throws Exception {
        try (ArchivedReportPage page = ArchivedReportPage.open(html, ArchivedReportPage.DESKTOP_WIDTH)) {
            HeadlessChromium chromium = page.browser();
            chromium.focus("#sort-expiry");
            chromium.press("ArrowRight", 39);
            assertEquals("api.demo.example.com", column(chromium, "Host").get(0), "the next order, by host, is chosen");
            assertEquals(
                    List.of("rgb(9, 105, 218)"),
                    chromium.computedStyle("label[for=sort-host]", "border-top-color"),
                    "the focus ring is on the chosen order's label");
        }
    }

    @Test
    void theTimelineHasADotPerCertificateColouredByClassAndNumbersTheEarliest() throws Exception {
        try (ArchivedReportPage page = ArchivedReportPage.open(html, ArchivedReportPage.DESKTOP_WIDTH)) {
            HeadlessChromium chromium = page.browser();
            BufferedImage image = chromium.screenshot(SCREENSHOTS.resolve("expiry-report-timeline.png"));
            assertEquals(
                    7,
                    chromium.count(".timeline svg circle.mark"),
                    "one dot per certificate row, none for the 2 error rows");
            Map<String, Integer> fills =
                    Map.of("ok", 0x1a7f37, "warning", 0xd4a72c, "critical", 0xfb8500, "expired", 0xcf222e);
            fills.forEach((status, rgb) -> {
                String selector = ".timeline circle.m-" + status;
                String css = String.format("rgb(%d, %d, %d)", rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff);
                chromium.computedStyle(selector, "fill").forEach(fill -> assertEquals(css, fill, status + " dot"));
                Rectangle dot = chromium.box(selector).orElseThrow();
                int painted = image.getRGB((int) dot.getCenterX(), (int) dot.getCenterY()) & 0xffffff;
                assertTrue(
                        ArchivedReportPage.near(painted, rgb),
                        String.format("the %s dot is painted #%06x", status, painted));
            });
            assertEquals(List.of("1", "2", "3", "4", "5"), chromium.text(".timeline text.callout"));
            assertEquals(
                    List.of(
                            "system:node:master-0",
                            "kube-csr-signer_@1580000000",
                            "172.30.0.1",
                            "172.30.0.1",
                            "system:openshift-aggregator"),
                    chromium.text(".earliest-list strong"),
                    "the earliest five, in order");
            Rectangle now = chromium.box(".timeline line.now").orElseThrow();
            assertTrue(
                    chromium.box(".timeline circle.m-expired").orElseThrow().getCenterX() < now.x,
                    "the expired dot is left of now");
            assertTrue(
                    chromium.box(".timeline circle.m-critical").orElseThrow().getCenterX() > now.x,
                    "the critical dot is right of now");
            assertTrue(
                    chromium.box(".timeline svg").orElseThrow().y
                            < chromium.box("table").orElseThrow().y,
                    "above the table");
        }
    }

    @Test
    void onAPhoneTheTimelineFitsAndTheChosenOrderMovesTheCards() throws Exception {
        try (ArchivedReportPage page = ArchivedReportPage.open(html, ArchivedReportPage.PHONE_WIDTH)) {
            HeadlessChromium chromium = page.browser();
            Rectangle timeline = chromium.box(".timeline svg").orElseThrow();
            assertTrue(
                    timeline.x >= 0 && timeline.x + timeline.width <= ArchivedReportPage.PHONE_WIDTH,
                    "the picture fits: " + timeline);
            chromium.click("label[for=sort-host]");
            assertEquals(
                    List.of(
                            "api.demo.example.com",
                            "api.demo.example.com",
                            "master-0",
                            "master-0",
                            "master-0",
                            "master-0",
                            "master-1.demo.example.com",
                            "master-1.demo.example.com",
                            "worker-0"),
                    column(chromium, "Host"));
            chromium.screenshot(SCREENSHOTS.resolve("expiry-report-phone-by-host.png"));
        }
    }

    /**
     * The text of one column's cells ({@code data-label}), top to bottom as shown: the rows that are rendered, by their place on the
     * page (an order moves rows on screen, not in the document).
     */
    private static List<String> column(HeadlessChromium chromium, String label) {
        List<Map.Entry<Integer, String>> shown = new ArrayList<>();
        for (int row = 1; row <= chromium.count("tbody tr"); row++) {
            String cell = "tbody tr.r" + row + " td[data-label=\"" + label + "\"]";
            chromium.box("tbody tr.r" + row)
                    .ifPresent(box ->
                            shown.add(Map.entry(box.y, chromium.text(cell).get(0))));
        }
        shown.sort(Map.Entry.comparingByKey());
        return shown.stream().map(Map.Entry::getValue).toList();
    }

    /** Why the report has no script at all: under the policy even a script file is refused, with an error in the console. */
    @Test
    void whatJenkinsPolicyBlocksShowsInTheConsole() throws Exception {
        Files.writeString(dir.resolve("probe.js"), "document.title = 'ran';\n");
        Path probe = dir.resolve("probe.html");
        Files.writeString(
                probe,
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>probe</title>"
                        + "<script src=\"probe.js\"></script></head><body><p style=\"color: red\">inline style</p></body></html>\n");
        try (JenkinsArtifactServer server = JenkinsArtifactServer.serve(dir);
                HeadlessChromium chromium = HeadlessChromium.open(server.uri("probe.html"), 800, 600)) {
            List<String> console = chromium.consoleMessages();
            assertTrue(
                    console.stream().anyMatch(message -> message.contains("Blocked script execution")),
                    console::toString);
            assertTrue(
                    console.stream().anyMatch(message -> message.contains("Content Security Policy")),
                    console::toString);
            assertEquals(
                    List.of("rgb(0, 0, 0)"), chromium.computedStyle("p", "color"), "the inline style was not applied");
        }
    }
}
