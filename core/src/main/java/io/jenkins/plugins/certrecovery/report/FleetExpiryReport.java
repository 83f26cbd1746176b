package io.jenkins.plugins.certrecovery.report;

import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.expiry.ShutdownHorizon;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expiry reports of several clusters, one per cluster, in the order given. Cluster names are unique, so a row is identified
 * by its cluster, host and source across the fleet.
 *
 * @param clusters one report per cluster
 */
public record FleetExpiryReport(List<ExpiryReport> clusters) {
    /** A row of the fleet: a report row and the cluster it was read on. */
    public record FleetRow(String cluster, ExpiryRow row) {}

    /**
     * What a fleet view shows per cluster.
     *
     * @param earliestExpiry the certificate row that expires first, null when no certificate was read
     * @param counts         rows per class, every class present
     * @param errors         the error rows: what could not be checked
     * @param shutdownHorizon until when the cluster may be powered off and come back (not computed, with its reason, when unknown)
     */
    public record ClusterSummary(
            String cluster,
            Instant checkedAt,
            ExpiryStatus result,
            Map<ExpiryStatus, Integer> counts,
            ExpiryRow earliestExpiry,
            List<ExpiryRow> errors,
            ShutdownHorizon shutdownHorizon) {}

    public FleetExpiryReport {
        clusters = List.copyOf(clusters);
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < clusters.size(); i++) {
            Integer first = seen.putIfAbsent(clusters.get(i).cluster(), i);
            if (first != null) {
                throw new IllegalArgumentException("reports " + (first + 1) + " and " + (i + 1)
                        + " are both of cluster '" + clusters.get(i).cluster()
                        + "'; give each cluster its own name (the inventory's name key)");
            }
        }
    }

    /**
     * Reads the JSON reports ({@code expiry-report.json}, one per cluster) and merges them, in the order given.
     *
     * @throws FleetReportException naming the file when one is not an expiry report, naming both files when two are of the
     *                              same cluster
     */
    public static FleetExpiryReport merge(List<Path> files) throws FleetReportException {
        ExpiryJsonReportReader reader = new ExpiryJsonReportReader();
        Map<String, Path> fileOfCluster = new LinkedHashMap<>();
        List<ExpiryReport> reports = new ArrayList<>();
        for (Path file : files) {
            ExpiryReport report = reader.read(file);
            Path first = fileOfCluster.putIfAbsent(report.cluster(), file);
            if (first != null) {
                throw new FleetReportException(
                        first + " and " + file + " are both reports of cluster '" + report.cluster()
                                + "'; merge one report per cluster (the newest), or give the clusters distinct names with the "
                                + "inventory's name key");
            }
            reports.add(report);
        }
        return new FleetExpiryReport(reports);
    }

    /** Every row of every cluster: errors first, then the earliest expiry across the fleet, then cluster, host and source. */
    public List<FleetRow> rows() {
        List<FleetRow> rows = new ArrayList<>();
        clusters.forEach(report -> report.rows().forEach(row -> rows.add(new FleetRow(report.cluster(), row))));
        rows.sort(
                Comparator.comparing(FleetRow::row, ExpiryReport.EARLIEST_FIRST).thenComparing(FleetRow::cluster));
        return List.copyOf(rows);
    }

    /** One summary per cluster, in the order of {@link #clusters()}. */
    public List<ClusterSummary> summaries() {
        return clusters.stream()
                .map(report -> new ClusterSummary(
                        report.cluster(),
                        report.checkedAt(),
                        report.result(),
                        report.counts(),
                        report.earliestExpiry().orElse(null),
                        report.errors(),
                        report.shutdownHorizon()))
                .toList();
    }

    /** The worst class of the whole fleet; {@link ExpiryStatus#OK} for no rows. */
    public ExpiryStatus result() {
        return clusters.stream().map(ExpiryReport::result).reduce(ExpiryStatus.OK, ExpiryStatus::worse);
    }
}
