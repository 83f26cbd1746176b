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
import io.jenkins.plugins.certrecovery.expiry.ShutdownHorizon;
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
 * Reads back what {@link ExpiryJsonReport} wrote: the report of one cluster, its rows as they were classified then and its shutdown
 * horizon as it was computed then (nothing is classified or computed again; a report written before reports carried a horizon
 * reads back with it "not computed"). A report written before reports carried a cluster name is refused: the check has to run again.
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
            throw new FleetReportException(
                    file + " cannot be read: " + e + "; check the path and that this user may read it", e);
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
        if (root == null
                || !root.isObject()
                || !ExpiryJsonReport.SCHEMA.equals(root.path("schema").asText(null))) {
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
            thresholds = new ExpiryThresholds(
                    fields.integer(thresholdsNode, "summary.thresholds.warningDays", "warningDays"),
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
        JsonNode horizon = summary.path("shutdownHorizon");
        if (horizon.isMissingNode()) {
            return new ExpiryReport(cluster, checkedAt, duration, thresholds, rows);
        }
        return new ExpiryReport(cluster, checkedAt, duration, thresholds, rows, horizon(horizon, rows, fields));
    }

    /** The horizon as the check computed it; each date's deciding certificate is the report's row it names. */
    private static ShutdownHorizon horizon(JsonNode node, List<ExpiryRow> rows, Fields fields)
            throws FleetReportException {
        String path = "summary.shutdownHorizon";
        if (!node.isObject() || !node.path("computed").isBoolean()) {
            throw notAReport(fields.name, path + ".computed is missing or not true or false");
        }
        if (!node.path("computed").asBoolean()) {
            return ShutdownHorizon.notComputed(fields.text(node, path + ".reason", "reason"));
        }
        List<ShutdownHorizon.Finding> findings = new ArrayList<>();
        JsonNode findingsNode = fields.array(node, path + ".findings", "findings");
        for (int i = 0; i < findingsNode.size(); i++) {
            String at = path + ".findings[" + i + "]";
            findings.add(new ShutdownHorizon.Finding(
                    fields.constant(ExpiryStatus.class, findingsNode.get(i), at + ".severity", "severity"),
                    fields.text(findingsNode.get(i), at + ".message", "message")));
        }
        List<String> notes = new ArrayList<>();
        JsonNode notesNode = fields.array(node, path + ".notes", "notes");
        for (int i = 0; i < notesNode.size(); i++) {
            notes.add(fields.text(notesNode, path + ".notes[" + i + "]", i));
        }
        return new ShutdownHorizon(
                true,
                null,
                limit(node, path, "nothingToDo", rows, fields),
                limit(node, path, "csrApprovalByHand", rows, fields),
                limit(node, path, "adminKubeconfigFromOutside", rows, fields),
                findings,
                notes);
    }

    private static ShutdownHorizon.Limit limit(
            JsonNode horizon, String horizonPath, String field, List<ExpiryRow> rows, Fields fields)
            throws FleetReportException {
        String path = horizonPath + "." + field;
        JsonNode node = fields.object(horizon, field);
        String meaning = fields.text(node, path + ".meaning", "meaning");
        if (node.path("until").isNull()) {
            return new ShutdownHorizon.Limit(meaning, null, null);
        }
        Instant until = fields.instant(node, path + ".until", "until");
        JsonNode decidedBy = fields.object(node, "decidedBy");
        String host = fields.text(decidedBy, path + ".decidedBy.host", "host");
        String source = fields.text(decidedBy, path + ".decidedBy.source", "source");
        String commonName = fields.text(decidedBy, path + ".decidedBy.commonName", "commonName");
        ExpiryRow row = rows.stream()
                .filter(r -> !r.isError()
                        && r.host().equals(host)
                        && r.source().equals(source)
                        && r.commonName().equals(commonName)
                        && r.notAfter().equals(until))
                .findFirst()
                .orElseThrow(() -> notAReport(
                        fields.name,
                        path + ".decidedBy (" + commonName + " on " + host + ", " + source + ", until " + until
                                + ") is none of the report's certificate rows"));
        return new ShutdownHorizon.Limit(meaning, until, row);
    }

    private static ExpiryRow row(JsonNode node, String path, String cluster, Fields fields)
            throws FleetReportException {
        String rowCluster = fields.text(node, path + ".cluster", "cluster");
        if (!rowCluster.equals(cluster)) {
            throw notAReport(
                    fields.name, path + ".cluster is '" + rowCluster + "' in the report of cluster '" + cluster + "'");
        }
        String host = fields.text(node, path + ".host", "host");
        SourceKind kind = fields.constant(SourceKind.class, node, path + ".sourceKind", "sourceKind");
        String source = fields.text(node, path + ".source", "source");
        ExpiryStatus status = fields.constant(ExpiryStatus.class, node, path + ".status", "status");
        if (status == ExpiryStatus.ERROR) {
            JsonNode error = fields.object(node, "error");
            return ExpiryRow.error(
                    host,
                    kind,
                    source,
                    fields.constant(ErrorKind.class, error, path + ".error.kind", "kind"),
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
        // the role is derived as the check derives it, from the source and the certificate, so reports written before
        // roles existed merge too
        return new ExpiryRow(
                host,
                kind,
                source,
                CertificateRole.of(kind, source, commonName, ca),
                status,
                fields.text(node, path + ".subject", "subject"),
                commonName,
                sans,
                fields.text(node, path + ".issuer", "issuer"),
                serial,
                fields.instant(node, path + ".notBefore", "notBefore"),
                fields.instant(node, path + ".notAfter", "notAfter"),
                (long) fields.integer(node, path + ".daysLeft", "daysLeft"),
                ca,
                null,
                null);
    }

    private static FleetReportException notAReport(String name, String reason) {
        return new FleetReportException(
                name + " is not an expiry report of this tool (" + ExpiryJsonReport.SCHEMA + "): " + reason
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

        JsonNode array(JsonNode parent, String path, String field) throws FleetReportException {
            JsonNode node = parent.path(field);
            if (!node.isArray()) {
                throw notAReport(name, path + " is missing or not a list");
            }
            return node;
        }

        String text(JsonNode parent, String path, String field) throws FleetReportException {
            return text(parent.path(field), path);
        }

        /** Item {@code index} of a list of text. */
        String text(JsonNode list, String path, int index) throws FleetReportException {
            return text(list.path(index), path);
        }

        private String text(JsonNode node, String path) throws FleetReportException {
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

        <E extends Enum<E>> E constant(Class<E> type, JsonNode parent, String path, String field)
                throws FleetReportException {
            String text = text(parent, path, field);
            try {
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw notAReport(
                        name,
                        path + " '" + text + "' is not one of "
                                + List.of(type.getEnumConstants()).stream()
                                        .map(c -> c.name().toLowerCase(Locale.ROOT))
                                        .toList());
            }
        }
    }
}
