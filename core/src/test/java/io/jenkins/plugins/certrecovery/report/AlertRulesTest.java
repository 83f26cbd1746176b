package io.jenkins.plugins.certrecovery.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example alerting rules of docs/expiry-report.md: the file the doc quotes, valid for promtool, firing when they should. */
class AlertRulesTest {
    // Surefire runs in the module directory, core/.
    private static final Path DOCS = Path.of("..", "docs");
    private static final Path RULES = DOCS.resolve("cert-expiry-alerts.yml");

    @Test
    void theDocQuotesTheRulesFileVerbatim() throws IOException {
        String doc = Files.readString(DOCS.resolve("expiry-report.md"));
        String rules = Files.readString(RULES);
        assertTrue(
                doc.contains("```yaml\n" + rules + "```\n"),
                "docs/expiry-report.md must show " + RULES + " exactly as it is");
    }

    @Test
    void theRulesPassPromtoolCheckRules() throws Exception {
        Promtool.assumeInstalled();
        Promtool.Result check = Promtool.run("", "check", "rules", RULES.toString());
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("SUCCESS: 4 rules found"), check.output());
    }

    @Test
    void theAlertsFireOnSoonExpiringExpiredUnreadableAndStaleSeriesOnly(@TempDir Path dir) throws Exception {
        Promtool.assumeInstalled();
        Files.copy(RULES, dir.resolve("cert-expiry-alerts.yml"));
        Path test = dir.resolve("cert-expiry-alerts.test.yml");
        try (InputStream in = getClass().getResourceAsStream("cert-expiry-alerts.test.yml")) {
            Files.copy(in, test);
        }
        Promtool.Result result = Promtool.run("", "test", "rules", test.toString());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }
}
