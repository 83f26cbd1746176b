package io.jenkins.plugins.certrecovery.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ExpiryReportsTest {
    private final ExpiryReport report = SampleReports.mixed();

    @Test
    void summaryCountsEveryClassAndNamesTheEarliestExpiry() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ExpiryJsonReport(new SecretMasker()).write(report, out);
        JsonNode json = new ObjectMapper().readTree(out.toByteArray());
        assertEquals(ExpiryJsonReport.SCHEMA, json.path("schema").asText());
        JsonNode summary = json.path("summary");
        assertEquals("error", summary.path("result").asText());
        assertEquals("2026-03-01T12:00:00Z", summary.path("checkedAt").asText());
        assertEquals(30, summary.path("thresholds").path("warningDays").asInt());
        assertEquals(7, summary.path("thresholds").path("criticalDays").asInt());
        assertEquals(9, summary.path("total").asInt());
        assertEquals(2, summary.path("counts").path("ok").asInt());
        assertEquals(3, summary.path("counts").path("warning").asInt());
        assertEquals(1, summary.path("counts").path("critical").asInt());
        assertEquals(1, summary.path("counts").path("expired").asInt());
        assertEquals(2, summary.path("counts").path("error").asInt());
        assertEquals(
                "/var/lib/kubelet/pki/kubelet-client-current.pem",
                summary.path("earliestExpiry").path("source").asText());
        assertEquals(-10, summary.path("earliestExpiry").path("daysLeft").asInt());
        JsonNode rows = json.path("rows");
        assertEquals("error", rows.get(0).path("status").asText(), "errors first");
        assertEquals("unreachable", rows.get(1).path("error").path("kind").asText());
        assertEquals("expired", rows.get(2).path("status").asText(), "then the earliest expiry");
        JsonNode serving = rows.get(4);
        assertEquals("172.30.0.1", serving.path("commonName").asText());
        assertEquals("IP:172.30.0.1", serving.path("subjectAltNames").get(3).asText());
        assertFalse(serving.path("ca").asBoolean());
        assertEquals(20, serving.path("daysLeft").asInt());
    }

    @Test
    void theResultIsTheWorstRowAndErrorsOutrankExpiry() {
        assertEquals(ExpiryStatus.ERROR, report.result());
        assertEquals(ExpiryStatus.EXPIRED, ExpiryStatus.EXPIRED.worse(ExpiryStatus.CRITICAL));
        assertEquals(
                ExpiryStatus.OK,
                new ExpiryReport("empty", SampleReports.NOW, Duration.ZERO, report.thresholds(), List.of()).result());
        assertTrue(ExpiryStatus.CRITICAL.needsAction());
        assertFalse(ExpiryStatus.WARNING.needsAction());
    }

    @Test
    void htmlEscapesEveryValue() {
        String html = new ExpiryHtmlReport(new SecretMasker()).render(report);
        assertFalse(html.contains("<script>alert"), "a value became markup");
        assertTrue(html.contains("/etc/&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;quoted&quot;.crt"));
        assertTrue(html.contains("permission denied: &lt;b&gt;bold&lt;/b&gt; &amp; co"));
    }

    @Test
    void htmlHasNothingJenkinsPolicyBlocksAndLinksOnlyItsStylesheet() {
        String html = new ExpiryHtmlReport(new SecretMasker()).render(report);
        assertFalse(html.contains("<script"), "a script");
        assertFalse(html.contains("<style"), "a style element");
        assertFalse(
                Pattern.compile("<[^>]*\\s(style|on[a-z]+)\\s*=").matcher(html).find(),
                "a style or event-handler attribute");
        assertEquals(
                List.of(
                        "<link rel=\"stylesheet\" href=\"expiry-report.css\">",
                        "<link rel=\"stylesheet\" href=\"expiry-report.view.css\">"),
                Pattern.compile("<link[^>]*>|(src|href)\\s*=[^>]*")
                        .matcher(html)
                        .results()
                        .map(MatchResult::group)
                        .toList(),
                "two links, to the shared stylesheet and the page's own beside it; nothing else loaded");
    }

    @Test
    void thePagesOwnStylesheetNamesHostsAndRowsByNumberOnly() {
        String css = new ExpiryHtmlReport(new SecretMasker()).renderViewStylesheet(report);
        for (String value : List.of("master-0", "worker-0", "api.demo", "kubelet", "script")) {
            assertFalse(css.contains(value), "a value of the report in the page's stylesheet: " + value);
        }
        assertTrue(css.contains("body:has(#host-4:checked) tbody tr:not(.h4) { display: none; }"), css);
        assertTrue(css.contains(".r1 { --by-host: 3; --by-source: 1; --by-status: 1; }"), css);
    }

    @Test
    void junitHasOneCasePerRowFailingCriticalAndExpiredAndErroringOnErrors() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ExpiryJunitReport(new SecretMasker()).write(report, out);
        Document xml = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toByteArray()));
        Element root = xml.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("9", root.getAttribute("tests"));
        assertEquals("2", root.getAttribute("failures"));
        assertEquals("2", root.getAttribute("errors"));
        NodeList suites = root.getElementsByTagName("testsuite");
        List<String> suiteNames = new ArrayList<>();
        for (int i = 0; i < suites.getLength(); i++) {
            suiteNames.add(((Element) suites.item(i)).getAttribute("name"));
        }
        assertEquals(
                List.of(
                        "certificate-expiry.api_demo_example_com",
                        "certificate-expiry.master-0",
                        "certificate-expiry.master-1_demo_example_com",
                        "certificate-expiry.worker-0"),
                suiteNames);
        NodeList cases = root.getElementsByTagName("testcase");
        assertEquals(9, cases.getLength());
        Element expired = find(cases, "/var/lib/kubelet/pki/kubelet-client-current.pem");
        Element failure = (Element) expired.getElementsByTagName("failure").item(0);
        assertEquals("expired", failure.getAttribute("type"));
        assertTrue(failure.getAttribute("message").contains("expired 10 days ago"), failure.getAttribute("message"));
        Element hostile = find(cases, SampleReports.HOSTILE);
        assertEquals(
                "permission_denied",
                ((Element) hostile.getElementsByTagName("error").item(0)).getAttribute("type"));
        Element warning = find(
                cases,
                "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/service-network-serving-certkey/tls.crt");
        assertEquals(0, warning.getElementsByTagName("failure").getLength(), "a warning passes");
    }

    @Test
    void theThreeReportsAndTheStylesheetAreWrittenWholeIntoTheDirectory(@TempDir Path dir) throws Exception {
        ExpiryReportFiles.Written written =
                new ExpiryReportFiles(new SecretMasker()).write(report, dir.resolve("reports"));
        assertTrue(Files.readString(written.json()).contains("\"schema\""));
        assertTrue(Files.readString(written.html()).endsWith("</html>\n"));
        assertEquals(dir.resolve("reports/expiry-report.css"), written.stylesheet());
        assertTrue(Files.readString(written.stylesheet()).contains(".s-expired {"));
        assertEquals(dir.resolve("reports/expiry-report.view.css"), written.viewStylesheet());
        assertTrue(Files.readString(written.viewStylesheet()).contains(".r9 {"), "a rule for each of the 9 rows");
        assertTrue(Files.readString(written.junit(), StandardCharsets.UTF_8).contains("<testsuites"));
        try (var files = Files.list(dir.resolve("reports"))) {
            assertEquals(5, files.count(), "no partial file left behind");
        }
    }

    @Test
    void anHtmlReportOfAnyNameGetsTheStylesheetBesideIt(@TempDir Path dir) throws Exception {
        ExpiryReportFiles files = new ExpiryReportFiles(new SecretMasker());
        Path before = files.writeHtml(report, dir.resolve("demo/before.html"));
        Path after = files.writeHtml(report, dir.resolve("demo/after.html"));
        assertEquals(
                List.of(
                        after,
                        dir.resolve("demo/after.view.css"),
                        before,
                        dir.resolve("demo/before.view.css"),
                        dir.resolve("demo/expiry-report.css")),
                list(dir.resolve("demo")),
                "both pages share the one stylesheet, each has its own; no partial file left behind");
        assertTrue(Files.readString(after).contains("<link rel=\"stylesheet\" href=\"after.view.css\">"));
        ByteArrayOutputStream stylesheet = new ByteArrayOutputStream();
        ExpiryHtmlReport.writeStylesheet(stylesheet);
        assertArrayEquals(stylesheet.toByteArray(), Files.readAllBytes(dir.resolve("demo/expiry-report.css")));
    }

    @Test
    void registeredSecretsAreMaskedInEveryFormat() throws Exception {
        SecretMasker masker = new SecretMasker();
        masker.register("connection refused");
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new ExpiryJsonReport(masker).write(report, json);
        ByteArrayOutputStream junit = new ByteArrayOutputStream();
        new ExpiryJunitReport(masker).write(report, junit);
        for (String text : List.of(
                json.toString(StandardCharsets.UTF_8),
                junit.toString(StandardCharsets.UTF_8),
                new ExpiryHtmlReport(masker).render(report))) {
            assertFalse(text.contains("connection refused"));
            assertTrue(text.contains("worker-0: " + SecretMasker.MASK));
        }
    }

    private static List<Path> list(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    private static Element find(NodeList cases, String name) {
        for (int i = 0; i < cases.getLength(); i++) {
            Element element = (Element) cases.item(i);
            if (element.getAttribute("name").equals(name)) {
                return element;
            }
        }
        throw new AssertionError("no test case named " + name);
    }
}
