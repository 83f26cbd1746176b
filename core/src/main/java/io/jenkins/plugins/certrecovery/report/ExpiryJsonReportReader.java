package io.jenkins.plugins.certrecovery.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.certrecovery.expiry.CertificateRole;
import io.jenkins.plugins.certrecovery.expiry.ErrorKind;
import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.expiry.ExpiryThresholds;
import io.jenkins.plugins.certrecovery.expiry.SourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads back what {@link ExpiryJsonReport} wrote: the report of one cluster, its rows as they were classified then (nothing is
 * classified again). A report written before reports carried a cluster name is refused: the check has to run again.
 */
public final class ExpiryJsonReportReader {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    private final ObjectMapper mapper = new ObjectMapper();

    /** Reads one report file; any problem is a {@link FleetReportException} naming the file and the field. */
    public ExpiryReport read(Path file) throws FleetReportException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (FleetReportException e) {
            throw e;
        } catch (IOException e) {
            throw new FleetReportException(file + " cannot be read: " + e + "; check the path and that this user may read it", e);
        }
    }

    /** Reads one report from a stream (a Jenkins workspace file, for instance); {@code name} names it in messages. */
    public ExpiryReport read(InputStream in, String name) throws FleetReportException {
        JsonNode root;
        try {
            root = mapper.readTree(in);
        } catch (JsonProcessingException e) {
            throw notAReport(name, "it is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new FleetReportException(name + " cannot be read: " + e, e);
        }
        if (root == null || !root.isObject() || !ExpiryJsonReport.SCHEMA.equals(root.path("schema").asText(null))) {
            throw notAReport(name, "it has no \"schema\": \"" + ExpiryJsonReport.SCHEMA + "\"");
        }
        Fields fields = new Fields(name);
        JsonNode summary = fields.object(root, "summary");
        String cluster = fields.text(summary, "summary.cluster", "cluster");
        Instant checkedAt = fields.instant(summary, "summary.checkedAt", "checkedAt");
        Duration duration = fields.seconds(summary, "summary.durationSeconds", "durationSeconds");
        JsonNode thresholdsNode = fields.object(summary, "thresholds");
        ExpiryThresholds thresholds;
        try {
            thresholds = new ExpiryThresholds(fields.integer(thresholdsNode, "summary.thresholds.warningDays", "warningDays"),
                    fields.integer(thresholdsNode, "summary.thresholds.criticalDays", "criticalDays"));
        } catch (IllegalArgumentException e) {
            throw notAReport(name, "summary.thresholds: " + e.getMessage());
        }
        JsonNode rowsNode = root.path("rows");
        if (!rowsNode.isArray()) {
            throw notAReport(name, "\"rows\" is missing or not a list");
        }
        List<ExpiryRow> rows = new ArrayList<>();
        for (int i = 0; i < rowsNode.size(); i++) {
            rows.add(row(rowsNode.get(i), "rows[" + i + "]", cluster, fields));
        }
        return new ExpiryReport(cluster, checkedAt, duration, thresholds, rows);
    }

    private static ExpiryRow row(JsonNode node, String path, String cluster, Fields fields) throws FleetReportException {
        String rowCluster = fields.text(node, path + ".cluster", "cluster");
        if (!rowCluster.equals(cluster)) {
            throw notAReport(fields.name, path + ".cluster is '" + rowCluster + "' in the report of cluster '" + cluster + "'");
        }
        String host = fields.text(node, path + ".host", "host");
        SourceKind kind = fields.constant(SourceKind.class, node, path + ".sourceKind", "sourceKind");
        String source = fields.text(node, path + ".source", "source");
        ExpiryStatus status = fields.constant(ExpiryStatus.class, node, path + ".status", "status");
        if (status == ExpiryStatus.ERROR) {
            JsonNode error = fields.object(node, "error");
            return ExpiryRow.error(host, kind, source, fields.constant(ErrorKind.class, error, path + ".error.kind", "kind"),
                    fields.text(error, path + ".error.message", "message"));
        }
        String serial = fields.text(node, path + ".serial", "serial");
        if (!HEX.matcher(serial).matches()) {
            throw notAReport(fields.name, path + ".serial '" + serial + "' is not a serial number in lower-case hex");
        }
        List<String> sans = new ArrayList<>();
        node.path("subjectAltNames").forEach(san -> sans.add(san.asText()));
        String commonName = fields.text(node, path + ".commonName", "commonName");
        boolean ca = node.path("ca").asBoolean();
        // the role is derived as the check derives it, from the source and the certificate, so reports written before roles existed merge too
        return new ExpiryRow(host, kind, source, CertificateRole.of(kind, source, commonName, ca), status,
                fields.text(node, path + ".subject", "subject"), commonName, sans,
                fields.text(node, path + ".issuer", "issuer"), serial,
                fields.instant(node, path + ".notBefore", "notBefore"), fields.instant(node, path + ".notAfter", "notAfter"),
                (long) fields.integer(node, path + ".daysLeft", "daysLeft"), ca, null, null);
    }

    private static FleetReportException notAReport(String name, String reason) {
        return new FleetReportException(name + " is not an expiry report of this tool (" + ExpiryJsonReport.SCHEMA + "): " + reason
                + "; give the expiry-report.json a check wrote (with a cluster name: reports from before cluster names need the "
                + "check to run again)");
    }

    /** Typed field access; every missing or mistyped field is an error naming the file and the field's path. */
    private record Fields(String name) {
        JsonNode object(JsonNode parent, String field) throws FleetReportException {
            JsonNode node = parent.path(field);
            if (!node.isObject()) {
                throw notAReport(name, "\"" + field + "\" is missing or not an object");
            }
            return node;
        }

        String text(JsonNode parent, String path, String field) throws FleetReportException {
            JsonNode node = parent.path(field);
            if (!node.isTextual()) {
                throw notAReport(name, path + " is missing or not text");
            }
            return node.asText();
        }

        int integer(JsonNode parent, String path, String field) throws FleetReportException {
            JsonNode node = parent.path(field);
            if (!node.canConvertToInt() || !node.isIntegralNumber()) {
                throw notAReport(name, path + " is missing or not a whole number");
            }
            return node.asInt();
        }

        Duration seconds(JsonNode parent, String path, String field) throws FleetReportException {
            JsonNode node = parent.path(field);
            if (!node.isNumber() || node.decimalValue().signum() < 0) {
                throw notAReport(name, path + " is missing or not a number of seconds");
            }
            return Duration.ofMillis(Math.round(node.doubleValue() * 1000));
        }

        Instant instant(JsonNode parent, String path, String field) throws FleetReportException {
            String text = text(parent, path, field);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw notAReport(name, path + " '" + text + "' is not an ISO-8601 instant");
            }
        }

        <E extends Enum<E>> E constant(Class<E> type, JsonNode parent, String path, String field) throws FleetReportException {
            String text = text(parent, path, field);
            try {
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw notAReport(name, path + " '" + text + "' is not one of " + List.of(type.getEnumConstants()).stream()
                        .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
            }
        }
    }
}
