package io.jenkins.plugins.certrecovery.report;

import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The hosts and the row orders of one report, by number, so the page and its own stylesheet can refer to them without repeating
 * a value: the page marks row {@code i} of the report's order with class {@code r<i>} and its host's class {@code h<n>}; the
 * page's stylesheet says which rows a host radio hides and where each row goes in each order. Hosts are numbered by their shown
 * (masked) name, 1 to n.
 */
final class ExpiryPageIndex {
    /** The orders the page offers; the first is the report's own (the document order), the others move rows with CSS {@code order}. */
    enum RowOrder {
        EXPIRY("Expiry", "Errors first, then by expiry, earliest first (the worst class first, too)."),
        HOST("Host", "By host; on each host errors first, then by expiry."),
        SOURCE("Source", "By source path, then host."),
        STATUS("Status", "By class, the worst first (error, expired, critical, warning, ok), then by host and expiry.");

        private final String label;
        private final String description;

        RowOrder(String label, String description) {
            this.label = label;
            this.description = description;
        }

        /** The name in ids, classes and custom properties: {@code sort-host}, {@code --by-host}. */
        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        String label() {
            return label;
        }

        String description() {
            return description;
        }
    }

    private final List<ExpiryRow> rows;
    private final List<String> hosts;
    private final Map<String, Integer> hostNumbers = new LinkedHashMap<>();
    private final Map<RowOrder, int[]> positions = new EnumMap<>(RowOrder.class);

    /** @param shown what the page shows of a value (the masker's view), which the host numbers and the orders follow */
    ExpiryPageIndex(ExpiryReport report, UnaryOperator<String> shown) {
        rows = report.rows();
        TreeSet<String> names = new TreeSet<>();
        rows.forEach(row -> names.add(shown.apply(row.host())));
        hosts = List.copyOf(names);
        rows.forEach(row -> hostNumbers.putIfAbsent(row.host(), hosts.indexOf(shown.apply(row.host())) + 1));
        Comparator<Integer> byHost =
                Comparator.comparing(i -> hostNumbers.get(rows.get(i).host()));
        positions.put(RowOrder.HOST, rank(byHost));
        positions.put(
                RowOrder.SOURCE,
                rank(Comparator.<Integer, String>comparing(
                                i -> shown.apply(rows.get(i).source()))
                        .thenComparing(byHost)));
        positions.put(
                RowOrder.STATUS,
                rank(Comparator.<Integer, ExpiryStatus>comparing(
                                i -> rows.get(i).status())
                        .reversed()
                        .thenComparing(byHost)));
    }

    /** The shown host names, host {@code n} at index {@code n - 1}. */
    List<String> hosts() {
        return hosts;
    }

    int hostNumber(ExpiryRow row) {
        return hostNumbers.get(row.host());
    }

    /** How many rows host {@code number} has. */
    long rowCount(int number) {
        return rows.stream().filter(row -> hostNumber(row) == number).count();
    }

    /** The classes host {@code number}'s rows have, each once, from best to worst. */
    List<ExpiryStatus> classes(int number) {
        return rows.stream()
                .filter(row -> hostNumber(row) == number)
                .map(ExpiryRow::status)
                .distinct()
                .sorted()
                .toList();
    }

    /** Where row {@code index} (0-based, in the report's order) goes in {@code order}, 1-based; not for {@link RowOrder#EXPIRY}. */
    int position(RowOrder order, int index) {
        return positions.get(order)[index];
    }

    /** A stable sort of the report's row indices: ties keep the report's order (errors first, then by expiry). */
    private int[] rank(Comparator<Integer> comparator) {
        List<Integer> sorted = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            sorted.add(i);
        }
        sorted.sort(comparator);
        int[] rank = new int[rows.size()];
        for (int position = 0; position < sorted.size(); position++) {
            rank[sorted.get(position)] = position + 1;
        }
        return rank;
    }
}
