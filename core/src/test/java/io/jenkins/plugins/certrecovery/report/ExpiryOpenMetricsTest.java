package io.jenkins.plugins.certrecovery.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.expiry.ErrorKind;
import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.SourceKind;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpiryOpenMetricsTest {
    private final ExpiryReport demo = SampleReports.mixed();
    private final ExpiryOpenMetrics metrics = new ExpiryOpenMetrics(new SecretMasker());

    /** A second cluster whose host, path and subject hold every character a label value must escape. */
    private static ExpiryReport hostile() {
        ExpiryReport mixed = SampleReports.mixed();
        List<ExpiryRow> rows = new ArrayList<>();
        for (ExpiryRow row : mixed.rows()) {
            rows.add(new ExpiryRow(
                    row.host(),
                    row.sourceKind(),
                    row.source() + " \\ \"quoted\"\nnext line",
                    row.role(),
                    row.status(),
                    row.subject(),
                    row.commonName(),
                    row.subjectAltNames(),
                    row.issuer(),
                    row.serial(),
                    row.notBefore(),
                    row.notAfter(),
                    row.daysLeft(),
                    row.ca(),
                    row.errorKind(),
                    row.error()));
        }
        return new ExpiryReport("edge_2", mixed.checkedAt(), Duration.ofSeconds(3), mixed.thresholds(), rows);
    }

    @Test
    void aFleetExpositionPassesPromtoolCheckMetrics() throws Exception {
        Promtool.assumeInstalled();
        String text = metrics.text(new FleetExpiryReport(List.of(demo, hostile())));
        Promtool.Result check = Promtool.run(text, "check", "metrics");
        assertEquals(0, check.exitCode(), check.output() + "\n--- exposition:\n" + text);
        assertEquals("", check.output().strip(), "promtool's linter found problems");
    }

    @Test
    void certificateSeriesCarryTheExporterLabelsWithADecimalSerial() {
        String text = metrics.text(new FleetExpiryReport(List.of(demo)));
        ExpiryRow kubelet = demo.rows().stream()
                .filter(r -> r.source().equals("/var/lib/kubelet/pki/kubelet-client-current.pem"))
                .findFirst()
                .orElseThrow();
        String labels =
                "{cluster=\"demo\",host=\"master-0\",filepath=\"/var/lib/kubelet/pki/kubelet-client-current.pem\","
                        + "subject_CN=\"system:node:master-0\",issuer_CN=\"kube-csr-signer_@1580000000\",serial_number=\""
                        + new java.math.BigInteger(kubelet.serial(), 16) + "\"}";
        assertTrue(
                text.contains("x509_cert_not_after" + labels + " "
                        + kubelet.notAfter().getEpochSecond() + "\n"),
                text);
        assertTrue(
                text.contains("x509_cert_not_before" + labels + " "
                        + kubelet.notBefore().getEpochSecond() + "\n"),
                text);
        assertTrue(text.contains("x509_cert_expired" + labels + " 1\n"), text);
        assertTrue(text.contains("# TYPE x509_cert_not_after gauge\n"), text);
    }

    @Test
    void readErrorsAreCountedPerHostAndPathAndTheCheckReportsItsTimeAndDuration() {
        ExpiryReport twice = new ExpiryReport(
                "twice",
                demo.checkedAt(),
                Duration.ofMillis(1250),
                demo.thresholds(),
                List.of(
                        ExpiryRow.error(
                                "master-0", SourceKind.FILE, "/etc/a.crt", ErrorKind.UNPARSEABLE, "no certificate"),
                        ExpiryRow.error("master-0", SourceKind.FILE, "/etc/a.crt", ErrorKind.MISSING, "gone"),
                        ExpiryRow.error("worker-0", SourceKind.HOST, "10.0.0.20", ErrorKind.UNREACHABLE, "refused")));
        String text = metrics.text(new FleetExpiryReport(List.of(twice)));
        assertTrue(
                text.contains("x509_read_errors{cluster=\"twice\",host=\"master-0\",filepath=\"/etc/a.crt\"} 2\n"),
                text);
        assertTrue(
                text.contains("x509_read_errors{cluster=\"twice\",host=\"worker-0\",filepath=\"10.0.0.20\"} 1\n"),
                text);
        assertTrue(text.contains("x509_check_duration_seconds{cluster=\"twice\"} 1.250\n"), text);
        assertTrue(
                text.contains("x509_check_timestamp_seconds{cluster=\"twice\"} "
                        + demo.checkedAt().getEpochSecond() + ".000\n"),
                text);
        assertFalse(text.contains("x509_cert_not_after"), "no certificate, no certificate family");
        assertTrue(text.endsWith("\n# EOF\n"), text);
    }

    @Test
    void labelValuesEscapeBackslashQuoteAndNewline() {
        String text = metrics.text(new FleetExpiryReport(List.of(hostile())));
        assertTrue(
                text.contains(
                        "filepath=\"/var/lib/kubelet/pki/kubelet-client-current.pem \\\\ \\\"quoted\\\"\\nnext line\""),
                text);
        assertEquals(text.lines().count(), text.split("\n", -1).length - 1, "every line break is a line of the format");
    }

    @Test
    void aSecretInALabelValueIsMasked() {
        SecretMasker masker = new SecretMasker();
        masker.register("kubelet-client-current");
        String text = new ExpiryOpenMetrics(masker).text(new FleetExpiryReport(List.of(demo)));
        assertFalse(text.contains("kubelet-client-current"), text);
        assertTrue(text.contains("/var/lib/kubelet/pki/" + SecretMasker.MASK + ".pem"), text);
    }

    @Test
    void theFileIsReplacedWholeAndReadableByTheCollector(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("openshift-cert-expiry.prom");
        Files.writeString(file, "old content");
        FleetExpiryReport fleet = new FleetExpiryReport(List.of(demo));
        assertEquals(file, metrics.writeFile(fleet, file));
        assertEquals(metrics.text(fleet), Files.readString(file));
        assertEquals(
                "rw-r--r--",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no partial file left behind");
        }
    }

    @Test
    void aMissingDirectoryIsAnErrorNamingTheFile(@TempDir Path dir) {
        Path file = dir.resolve("no-such-dir/openshift-cert-expiry.prom");
        IOException e =
                assertThrows(IOException.class, () -> metrics.writeFile(new FleetExpiryReport(List.of(demo)), file));
        assertTrue(
                e.getMessage().startsWith("cannot write the metrics file " + file + ": the directory"), e.getMessage());
        assertFalse(Files.exists(file.getParent()), "a mistyped directory is not created");
    }

    @Test
    void anUnwritableTargetIsAnErrorNamingTheFileAndLeavesNothingBehind(@TempDir Path dir) throws IOException {
        // A non-empty directory where the file should be: nothing, not even root, can rename a file over it.
        Path file = dir.resolve("openshift-cert-expiry.prom");
        Files.createDirectories(file.resolve("occupied"));
        IOException e =
                assertThrows(IOException.class, () -> metrics.writeFile(new FleetExpiryReport(List.of(demo)), file));
        assertTrue(e.getMessage().startsWith("cannot write the metrics file " + file + ": "), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no partial file left behind");
        }
    }
}
