package io.jenkins.plugins.certrecovery.expiry;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one expiry check: every row, error rows first (something could not be checked), then certificates by notAfter,
 * the earliest first.
 *
 * @param cluster         the name of the cluster checked ({@code Inventory.name()}); every row is of this cluster
 * @param checkedAt       the instant every row was classified against
 * @param duration        how long the check took
 * @param thresholds      the warning and critical windows used
 * @param rows            certificate and error rows
 * @param shutdownHorizon until when the cluster can be powered off and come back, from these rows
 */
public record ExpiryReport(
        String cluster,
        Instant checkedAt,
        Duration duration,
        ExpiryThresholds thresholds,
        List<ExpiryRow> rows,
        ShutdownHorizon shutdownHorizon) {
    /** Errors first, then the earliest notAfter, then host and source so equal dates keep a stable order. */
    public static final Comparator<ExpiryRow> EARLIEST_FIRST = Comparator.comparing((ExpiryRow row) -> !row.isError())
            .thenComparing(ExpiryRow::notAfter, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ExpiryRow::host)
            .thenComparing(ExpiryRow::source);

    public ExpiryReport {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(shutdownHorizon, "shutdownHorizon");
        rows = rows.stream().sorted(EARLIEST_FIRST).toList();
    }

    /** A report of rows alone, with no cluster version to compute a shutdown horizon for (e.g. one read back from its JSON). */
    public ExpiryReport(
            String cluster, Instant checkedAt, Duration duration, ExpiryThresholds thresholds, List<ExpiryRow> rows) {
        this(
                cluster,
                checkedAt,
                duration,
                thresholds,
                rows,
                ShutdownHorizon.notComputed("not computed: the report was not made by a cluster check"));
    }

    /**
     * The worst class of all rows and of the shutdown horizon's findings; {@link ExpiryStatus#OK} when there are none. A cluster
     * younger than its first certificate rotation is critical even where no row is.
     */
    public ExpiryStatus result() {
        return rows.stream().map(ExpiryRow::status).reduce(shutdownHorizon.severity(), ExpiryStatus::worse);
    }

    /** How many rows have each class (every class present, zero when none). */
    public Map<ExpiryStatus, Integer> counts() {
        Map<ExpiryStatus, Integer> counts = new EnumMap<>(ExpiryStatus.class);
        for (ExpiryStatus status : ExpiryStatus.values()) {
            counts.put(status, 0);
        }
        rows.forEach(row -> counts.merge(row.status(), 1, Integer::sum));
        return counts;
    }

    /** The certificate that expires first, if any certificate was read. */
    public Optional<ExpiryRow> earliestExpiry() {
        return rows.stream().filter(row -> !row.isError()).min(Comparator.comparing(ExpiryRow::notAfter));
    }

    public List<ExpiryRow> errors() {
        return rows.stream().filter(ExpiryRow::isError).toList();
    }
}
