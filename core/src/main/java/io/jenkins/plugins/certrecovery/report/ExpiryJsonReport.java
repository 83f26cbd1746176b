package io.jenkins.plugins.certrecovery.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.expiry.ShutdownHorizon;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** The expiry report as JSON; the schema is documented in docs/expiry-report.md and named by the {@code schema} field. */
public final class ExpiryJsonReport {
    public static final String SCHEMA = "openshift-cert-recovery/expiry-report/v1";

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final SecretMasker masker;

    /** @param masker every string passes through it, so a secret that slipped into an error message is still masked */
    public ExpiryJsonReport(SecretMasker masker) {
        this.masker = masker;
    }

    public void write(ExpiryReport report, OutputStream out) throws IOException {
        mapper.writeValue(out, toJson(report));
    }

    public ObjectNode toJson(ExpiryReport report) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", SCHEMA);
        root.set("summary", summary(report));
        ArrayNode rows = root.putArray("rows");
        report.rows().forEach(row -> rows.add(row(report.cluster(), row)));
        return root;
    }

    private ObjectNode summary(ExpiryReport report) {
        ObjectNode summary = mapper.createObjectNode();
        text(summary, "cluster", report.cluster());
        summary.put("result", report.result().label());
        summary.put("checkedAt", report.checkedAt().toString());
        summary.put("durationSeconds", BigDecimal.valueOf(report.duration().toMillis(), 3));
        ObjectNode thresholds = summary.putObject("thresholds");
        thresholds.put("warningDays", report.thresholds().warningDays());
        thresholds.put("criticalDays", report.thresholds().criticalDays());
        summary.put("total", report.rows().size());
        ObjectNode counts = summary.putObject("counts");
        for (Map.Entry<ExpiryStatus, Integer> count : report.counts().entrySet()) {
            counts.put(count.getKey().label(), count.getValue());
        }
        report.earliestExpiry()
                .ifPresentOrElse(
                        row -> {
                            ObjectNode earliest = summary.putObject("earliestExpiry");
                            text(earliest, "host", row.host());
                            text(earliest, "source", row.source());
                            text(earliest, "commonName", row.commonName());
                            instant(earliest, "notAfter", row.notAfter());
                            earliest.put("daysLeft", row.daysLeft());
                            earliest.put("status", row.status().label());
                        },
                        () -> summary.putNull("earliestExpiry"));
        summary.set("shutdownHorizon", horizon(report.shutdownHorizon()));
        return summary;
    }

    private ObjectNode horizon(ShutdownHorizon horizon) {
        ObjectNode node = mapper.createObjectNode();
        node.put("computed", horizon.computed());
        if (!horizon.computed()) {
            text(node, "reason", horizon.reason());
            return node;
        }
        node.set("nothingToDo", limit(horizon.nothingToDo()));
        node.set("csrApprovalByHand", limit(horizon.csrApprovalByHand()));
        node.set("adminKubeconfigFromOutside", limit(horizon.adminKubeconfigFromOutside()));
        ArrayNode findings = node.putArray("findings");
        horizon.findings()
                .forEach(f ->
                        text(findings.addObject().put("severity", f.severity().label()), "message", f.message()));
        ArrayNode notes = node.putArray("notes");
        horizon.notes().forEach(note -> notes.add(masker.mask(note)));
        return node;
    }

    private ObjectNode limit(ShutdownHorizon.Limit limit) {
        ObjectNode node = mapper.createObjectNode();
        text(node, "meaning", limit.meaning());
        if (limit.until() == null) {
            node.putNull("until");
            node.putNull("decidedBy");
            return node;
        }
        instant(node, "until", limit.until());
        ObjectNode decidedBy = node.putObject("decidedBy");
        text(decidedBy, "host", limit.decidedBy().host());
        text(decidedBy, "source", limit.decidedBy().source());
        decidedBy.put("role", limit.decidedBy().role().jsonName());
        text(decidedBy, "commonName", limit.decidedBy().commonName());
        return node;
    }

    private ObjectNode row(String cluster, ExpiryRow row) {
        ObjectNode node = mapper.createObjectNode();
        text(node, "cluster", cluster);
        text(node, "host", row.host());
        node.put("sourceKind", row.sourceKind().name().toLowerCase(Locale.ROOT));
        text(node, "source", row.source());
        node.put("role", row.role().jsonName());
        node.put("status", row.status().label());
        if (row.isError()) {
            ObjectNode error = node.putObject("error");
            error.put("kind", row.errorKind().name().toLowerCase(Locale.ROOT));
            text(error, "message", row.error());
            return node;
        }
        text(node, "commonName", row.commonName());
        text(node, "subject", row.subject());
        ArrayNode sans = node.putArray("subjectAltNames");
        row.subjectAltNames().forEach(name -> sans.add(masker.mask(name)));
        text(node, "issuer", row.issuer());
        text(node, "serial", row.serial());
        instant(node, "notBefore", row.notBefore());
        instant(node, "notAfter", row.notAfter());
        node.put("daysLeft", row.daysLeft());
        node.put("ca", row.ca());
        return node;
    }

    private void text(ObjectNode node, String field, String value) {
        node.put(field, masker.mask(value));
    }

    private static void instant(ObjectNode node, String field, Instant value) {
        node.put(field, value.toString());
    }
}
