package io.jenkins.plugins.certrecovery.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;

/**
 * The fleet report as JSON (schema {@value #SCHEMA}, documented in docs/expiry-report.md): a summary of the fleet, then each
 * cluster's whole report exactly as {@link ExpiryJsonReport} writes it on its own.
 */
public final class FleetJsonReport {
    public static final String SCHEMA = "openshift-cert-recovery/expiry-fleet/v1";

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final SecretMasker masker;

    public FleetJsonReport(SecretMasker masker) {
        this.masker = masker;
    }

    public void write(FleetExpiryReport fleet, OutputStream out) throws IOException {
        mapper.writeValue(out, toJson(fleet));
    }

    public ObjectNode toJson(FleetExpiryReport fleet) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", SCHEMA);
        ObjectNode summary = root.putObject("summary");
        summary.put("result", fleet.result().label());
        summary.put("clusters", fleet.clusters().size());
        Map<ExpiryStatus, Integer> counts = new EnumMap<>(ExpiryStatus.class);
        fleet.clusters()
                .forEach(report -> report.counts().forEach((status, n) -> counts.merge(status, n, Integer::sum)));
        ObjectNode countsNode = summary.putObject("counts");
        for (ExpiryStatus status : ExpiryStatus.values()) {
            countsNode.put(status.label(), counts.getOrDefault(status, 0));
        }
        fleet.summaries().stream()
                .filter(s -> s.earliestExpiry() != null)
                .min(Comparator.comparing(s -> s.earliestExpiry().notAfter()))
                .ifPresentOrElse(
                        s -> {
                            ObjectNode earliest = summary.putObject("earliestExpiry");
                            earliest.put("cluster", masker.mask(s.cluster()));
                            earliest.put("host", masker.mask(s.earliestExpiry().host()));
                            earliest.put(
                                    "source", masker.mask(s.earliestExpiry().source()));
                            earliest.put(
                                    "notAfter", s.earliestExpiry().notAfter().toString());
                            earliest.put("daysLeft", s.earliestExpiry().daysLeft());
                            earliest.put("status", s.earliestExpiry().status().label());
                        },
                        () -> summary.putNull("earliestExpiry"));
        ArrayNode clusters = root.putArray("clusters");
        ExpiryJsonReport cluster = new ExpiryJsonReport(masker);
        fleet.clusters().forEach(report -> clusters.add(cluster.toJson(report)));
        return root;
    }
}
