package io.jenkins.plugins.certrecovery.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report as a user sees it in a real browser: headless Chromium, after its script ran. */
class ExpiryHtmlInChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;
    private Path html;

    @BeforeEach
    void writeReport() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: /usr/bin/chromium is not installed (apt-get install chromium; .ci/run installs it)");
        html = dir.resolve("expiry-report.html");
        Files.writeString(html, new ExpiryHtmlReport(new SecretMasker()).render(SampleReports.mixed()));
    }

    @Test
    void filterAndSortFromTheLinkApplyAfterTheScriptRuns() throws Exception {
        String dom = chromium("--dump-dom", html.toUri() + "#q=master-0&sort=1:desc");
        assertTrue(dom.contains("<span id=\"shown\" aria-live=\"polite\">4 of 9 rows shown</span>"), dom);
        List<String> visibleSources = new ArrayList<>();
        List<String> hiddenHosts = new ArrayList<>();
        Matcher row = Pattern.compile("<tr class=\"row-[a-z]+\" data-status=\"[a-z]+\" data-host=\"([^\"]+)\"( hidden=\"\")?>"
                + ".*?<td data-label=\"Source\" class=\"source\">([^<]*)</td>").matcher(dom);
        while (row.find()) {
            if (row.group(2) == null) {
                visibleSources.add(row.group(3));
            } else {
                hiddenHosts.add(row.group(1));
            }
        }
        assertEquals(List.of(
                "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/configmaps/client-ca/ca-bundle.crt [1/2]",
                "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/configmaps/client-ca/ca-bundle.crt [2/2]",
                "/var/lib/kubelet/pki/kubelet-client-current.pem",
                "/etc/&lt;script&gt;alert('x')&lt;/script&gt;&amp;\"quoted\".crt"), visibleSources,
                "master-0's rows, latest expiry first, the error row last; the hostile path shown as text");
        assertEquals(5, hiddenHosts.size());
        assertTrue(hiddenHosts.stream().noneMatch("master-0"::equals));
        assertTrue(Pattern.compile("aria-sort=\"descending\"[^>]*>Days left</th>").matcher(dom).find(), "the sorted column is marked");
        assertFalse(dom.contains("<script>alert"), "the hostile path never became markup");
    }

    @Test
    void onAPhoneRowsAreCardsWithTheirClassColour() throws Exception {
        Path shot = dir.resolve("phone.png");
        chromium("--screenshot=" + shot, "--window-size=390,1400", "--hide-scrollbars", html.toUri().toString());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertEquals(390, image.getWidth(), "rendered at phone width");
        // The expired card's left border and pill (#cf222e) and the error cards' (#6639ba) are on screen.
        assertTrue(hasColour(image, 0xcf222e), "no expired red on the phone screenshot");
        assertTrue(hasColour(image, 0x6639ba), "no error purple on the phone screenshot");
    }

    private static boolean hasColour(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int pixel = image.getRGB(x, y) & 0xffffff;
                if (Math.abs((pixel >> 16) - (rgb >> 16)) <= 3 && Math.abs(((pixel >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= 3
                        && Math.abs((pixel & 0xff) - (rgb & 0xff)) <= 3) {
                    return true;
                }
            }
        }
        return false;
    }

    private String chromium(String... arguments) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        command.addAll(List.of(arguments));
        Path log = dir.resolve("chromium.log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s");
        }
        assertEquals(0, process.exitValue(), () -> "chromium failed: " + readQuietly(log));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
