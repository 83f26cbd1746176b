package io.jenkins.plugins.certrecovery.report;

import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expiry reports of one or more clusters as OpenMetrics text, for node_exporter's textfile collector and the Pushgateway.
 * Metric names and labels are those of enix/x509-certificate-exporter where they apply ({@code x509_cert_not_after} …, labels
 * {@code filepath}, {@code subject_CN}, {@code issuer_CN}, {@code serial_number} in decimal), plus {@code cluster} and
 * {@code host}; all gauges, no timestamps (the textfile collector and the Pushgateway refuse them). docs/expiry-report.md lists
 * every series.
 */
public final class ExpiryOpenMetrics {
    /** What the Pushgateway and node_exporter are told the body is: OpenMetrics is also valid text format 0.0.4 here. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final String NOT_BEFORE = "x509_cert_not_before";
    private static final String NOT_AFTER = "x509_cert_not_after";
    private static final String EXPIRED = "x509_cert_expired";
    private static final String READ_ERRORS = "x509_read_errors";
    private static final String CHECK_DURATION = "x509_check_duration_seconds";
    private static final String CHECK_TIMESTAMP = "x509_check_timestamp_seconds";

    private final SecretMasker masker;

    /** @param masker every label value passes through it, as in the other reports */
    public ExpiryOpenMetrics(SecretMasker masker) {
        this.masker = masker;
    }

    /** The whole exposition, ending with {@code # EOF}. */
    public String text(FleetExpiryReport fleet) {
        Map<String, String> notBefore = new LinkedHashMap<>();
        Map<String, String> notAfter = new LinkedHashMap<>();
        Map<String, String> expired = new LinkedHashMap<>();
        Map<String, Integer> readErrors = new LinkedHashMap<>();
        Map<String, String> duration = new LinkedHashMap<>();
        Map<String, String> timestamp = new LinkedHashMap<>();
        for (ExpiryReport report : fleet.clusters()) {
            String cluster = labels("cluster", report.cluster());
            duration.put(
                    cluster, BigDecimal.valueOf(report.duration().toMillis(), 3).toPlainString());
            timestamp.put(
                    cluster,
                    BigDecimal.valueOf(report.checkedAt().toEpochMilli(), 3).toPlainString());
            for (ExpiryRow row : report.rows()) {
                if (row.isError()) {
                    readErrors.merge(
                            labels("cluster", report.cluster(), "host", row.host(), "filepath", row.source()),
                            1,
                            Integer::sum);
                    continue;
                }
                String series = labels(
                        "cluster",
                        report.cluster(),
                        "host",
                        row.host(),
                        "filepath",
                        row.source(),
                        "subject_CN",
                        row.commonName(),
                        "issuer_CN",
                        row.issuerCommonName(),
                        "serial_number",
                        new BigInteger(row.serial(), 16).toString());
                // Rows are sorted earliest first: should one place hold the same certificate twice, the first row
                // stands for it
                // (a repeated series would make Prometheus drop the whole file).
                notBefore.putIfAbsent(series, String.valueOf(row.notBefore().getEpochSecond()));
                notAfter.putIfAbsent(series, String.valueOf(row.notAfter().getEpochSecond()));
                expired.putIfAbsent(series, row.status() == ExpiryStatus.EXPIRED ? "1" : "0");
            }
        }
        StringBuilder out = new StringBuilder();
        family(out, NOT_BEFORE, "The certificate's notBefore, in seconds since the epoch.", notBefore);
        family(out, NOT_AFTER, "The certificate's notAfter, in seconds since the epoch.", notAfter);
        family(out, EXPIRED, "1 when the certificate had expired at the check, else 0.", expired);
        Map<String, String> errorCounts = new LinkedHashMap<>();
        readErrors.forEach((series, count) -> errorCounts.put(series, String.valueOf(count)));
        family(
                out,
                READ_ERRORS,
                "How many times the check could not read certificates at this place (host and path).",
                errorCounts);
        family(out, CHECK_DURATION, "How long the expiry check of the cluster took.", duration);
        family(
                out,
                CHECK_TIMESTAMP,
                "When the expiry check of the cluster ran, in seconds since the epoch.",
                timestamp);
        return out.append("# EOF\n").toString();
    }

    public void write(FleetExpiryReport fleet, OutputStream out) throws IOException {
        out.write(text(fleet).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the exposition to {@code file} (for the textfile collector: {@code <dir>/openshift-cert-expiry.prom}) through a
     * temporary file in the same directory, renamed over it, so the collector never reads half a file. The directory must exist:
     * a mistyped directory is an error rather than a file no collector reads.
     *
     * @throws IOException naming the file when it cannot be written
     */
    public Path writeFile(FleetExpiryReport fleet, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        if (!Files.isDirectory(directory)) {
            throw new IOException(
                    "cannot write the metrics file " + target + ": the directory " + directory
                            + " does not exist; give the textfile collector's directory (node_exporter --collector.textfile.directory)");
        }
        Path partial = null;
        try {
            // Not named *.prom: the collector reads only those, so it never sees the partial file.
            partial = Files.createTempFile(directory, "." + target.getFileName(), ".partial");
            if (Files.getFileAttributeView(partial, PosixFileAttributeView.class) != null) {
                // createTempFile makes it 0600; node_exporter usually runs as another user and must read it.
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.writeString(partial, text(fleet), StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new IOException(
                    "cannot write the metrics file " + target + ": "
                            + e.getClass().getSimpleName() + " ("
                            + e.getMessage() + "); check that this user may write to " + directory + " and that "
                            + target
                            + " is not a directory",
                    e);
        } finally {
            if (partial != null) {
                Files.deleteIfExists(partial);
            }
        }
    }

    private static void family(StringBuilder out, String name, String help, Map<String, String> samples) {
        if (samples.isEmpty()) {
            return;
        }
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        samples.forEach((labels, value) -> out.append(name)
                .append('{')
                .append(labels)
                .append("} ")
                .append(value)
                .append('\n'));
    }

    /** {@code name="value",…}, each value masked and escaped as the exposition formats require. */
    private String labels(String... namesAndValues) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            pairs.add(namesAndValues[i] + "=\"" + escape(masker.mask(namesAndValues[i + 1])) + "\"");
        }
        return String.join(",", pairs);
    }

    /** Backslash, double quote and line feed are the three characters a label value escapes. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
