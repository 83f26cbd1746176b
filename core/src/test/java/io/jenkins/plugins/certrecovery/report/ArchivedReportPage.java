package io.jenkins.plugins.certrecovery.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An expiry HTML report served the way Jenkins serves an archived file ({@link JenkinsArtifactServer}), open in headless Chromium.
 * {@link #assertReadableAndQuiet} is the check every written report must pass, whoever wrote it (core, the plugin, the CLI).
 */
public final class ArchivedReportPage implements AutoCloseable {
    public static final int DESKTOP_WIDTH = 1280;
    public static final int PHONE_WIDTH = 390;
    /** The background of each class's status badge, as the stylesheet sets it. */
    private static final Map<String, Integer> BADGE_BACKGROUNDS =
            Map.of("ok", 0xdafbe1, "warning", 0xfff8c5, "critical", 0xffe2cc, "expired", 0xcf222e, "error", 0x6639ba);

    private final JenkinsArtifactServer server;
    private final HeadlessChromium chromium;

    private ArchivedReportPage(JenkinsArtifactServer server, HeadlessChromium chromium) {
        this.server = server;
        this.chromium = chromium;
    }

    /** Serves {@code html}'s directory under Jenkins' Content-Security-Policy and opens {@code html} in a viewport {@code width} wide. */
    public static ArchivedReportPage open(Path html, int width) throws IOException {
        JenkinsArtifactServer server =
                JenkinsArtifactServer.serve(html.toAbsolutePath().getParent());
        try {
            return new ArchivedReportPage(
                    server, HeadlessChromium.open(server.uri(html.getFileName().toString()), width, 900));
        } catch (RuntimeException | Error | IOException e) {
            server.close();
            throw e;
        }
    }

    public HeadlessChromium browser() {
        return chromium;
    }

    /**
     * The console is empty (no policy violation, no blocked script, no failed load: both stylesheets beside the page were found),
     * the page holds nothing the policy blocks, and the shared stylesheet was applied: every row's status badge has its class's background, both as computed and
     * as painted on the screenshot, which is written to {@code screenshot} to be looked at.
     */
    public BufferedImage assertReadableAndQuiet(Path screenshot) throws IOException {
        assertQuiet();
        assertEquals(
                1,
                chromium.count("link[rel=stylesheet][href=\"" + ExpiryHtmlReport.STYLESHEET + "\"]"),
                "the stylesheet link");
        assertEquals(2, chromium.count("link[rel=stylesheet]"), "the shared stylesheet's link and the page's own");
        BufferedImage image = chromium.screenshot(screenshot);
        List<String> badges = chromium.attribute("tbody .pill", "class");
        List<String> computed = chromium.computedStyle("tbody .pill", "background-color");
        assertTrue(!badges.isEmpty(), "no status badge in the table");
        for (int i = 0; i < badges.size(); i++) {
            String status = badges.get(i).replaceFirst("^pill s-", "");
            int expected = BADGE_BACKGROUNDS.get(status);
            assertEquals(
                    String.format("rgb(%d, %d, %d)", expected >> 16, (expected >> 8) & 0xff, expected & 0xff),
                    computed.get(i),
                    "computed background of the " + status + " badge in row " + (i + 1));
            Rectangle badge =
                    chromium.box("tbody tr:nth-child(" + (i + 1) + ") .pill").orElseThrow();
            // Inside the badge's left padding, clear of the rounded corners and of the text.
            int painted = image.getRGB(badge.x + 3, (int) badge.getCenterY()) & 0xffffff;
            assertTrue(
                    near(painted, expected),
                    String.format(
                            "the %s badge of row %d is painted #%06x, not #%06x (screenshot %s)",
                            status, i + 1, painted, expected, screenshot));
        }
        return image;
    }

    /** The console is empty (no policy violation, no blocked script, no failed load) and the page holds nothing the policy blocks. */
    public void assertQuiet() {
        assertEquals(List.of(), chromium.consoleMessages(), "console messages under Jenkins' Content-Security-Policy");
        assertEquals(0, chromium.count("script, style, [style]"), "a script, a style element or a style attribute");
    }

    /** Within 3 per channel: the colour as painted, allowing for anti-aliasing. */
    public static boolean near(int rgb, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((expected >> shift) & 0xff)) > 3) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            chromium.close();
        } finally {
            server.close();
        }
    }
}
