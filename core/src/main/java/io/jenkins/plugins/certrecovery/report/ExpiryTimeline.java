package io.jenkins.plugins.certrecovery.report;

import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.ExpiryThresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Certificates on a time axis, as an inline SVG and a list of the earliest: one lane per host, one dot per certificate coloured
 * by its class; on the fleet page the lanes are grouped by cluster, each group under its cluster's name. The axis has three parts
 * so a ten-year CA and a certificate expiring next week both fit: the expired ones left of "now" (log scale, the longest expired
 * at the left edge), now to the warning horizon (linear, with the critical horizon marked), and beyond it (log scale). The
 * {@value #LABELLED} earliest certificates carry their number, which the list below the picture explains. Colours, fonts and the
 * phone sizes are the stylesheet's (classes only: no {@code style} attribute, which Jenkins' policy blocks).
 * <p>Longer than 300 lines on purpose: the axis's three scales and the SVG drawn on them change together; split, a change of
 * one scale would touch two files.
 */
final class ExpiryTimeline {
    /** How many of the earliest certificates are numbered in the picture and listed below it. */
    static final int LABELLED = 5;

    private static final int WIDTH = 800;
    private static final double NOW_X = 90;
    private static final double HORIZON_X = 480;
    /** Room on the right for half of the last tick's label at the phone's font size. */
    private static final double RIGHT_X = 765;

    private static final double LEFT_X = 12;
    private static final int TOP = 34;
    /** A host's lane: its name on top, its dots below, with room for the phone's larger font (the stylesheet's). */
    private static final int LANE = 44;
    /** A cluster's name above its hosts' lanes (fleet page only). */
    private static final int CLUSTER_HEADING = 30;

    private static final int AXIS = 34;
    /** Tick labels closer than this (in picture units) would overlap at the phone's font size: the less telling one is left out. */
    private static final double TICK_GAP = 60;

    private static final long[] LATER_TICKS = {90, 365, 2 * 365, 5 * 365, 10 * 365, 20 * 365};

    /**
     * One host's lane.
     *
     * @param cluster      the cluster it belongs to on the fleet page; null on a cluster's own page (no cluster headings)
     * @param host         the host's shown (masked) name
     * @param rows         how many rows the host has, errors included
     * @param certificates its certificate rows (no error row)
     */
    record Lane(String cluster, String host, long rows, List<ExpiryRow> certificates) {}

    /** A certificate's dot: its row and its lane. */
    private record Mark(ExpiryRow row, Lane lane, int laneNumber) {}

    private final Instant now;
    private final ExpiryThresholds thresholds;
    private final List<Lane> lanes;
    private final List<Mark> marks;
    private final UnaryOperator<String> text;
    private final double warningDays;
    private final double pastDays;
    private final double laterDays;

    /**
     * @param now        where "now" is on the axis: the check's time
     * @param thresholds where the critical and warning zones end; the dots' colours are each row's own class
     * @param lanes      in the order drawn, a cluster's lanes next to each other
     * @param text       a value as the page shows it: masked, then escaped
     */
    ExpiryTimeline(Instant now, ExpiryThresholds thresholds, List<Lane> lanes, UnaryOperator<String> text) {
        this.now = now;
        this.thresholds = thresholds;
        this.lanes = List.copyOf(lanes);
        this.text = text;
        List<Mark> all = new ArrayList<>();
        for (int lane = 0; lane < this.lanes.size(); lane++) {
            for (ExpiryRow row : this.lanes.get(lane).certificates()) {
                all.add(new Mark(row, this.lanes.get(lane), lane));
            }
        }
        // A stable sort: certificates expiring at the same instant keep the lanes' order (cluster, then host).
        all.sort(Comparator.comparing(Mark::row, ExpiryReport.EARLIEST_FIRST));
        this.marks = List.copyOf(all);
        this.warningDays = Math.max(1, thresholds.warningDays());
        double earliest = 0;
        double latest = 0;
        for (Mark mark : marks) {
            earliest = Math.min(earliest, days(mark.row()));
            latest = Math.max(latest, days(mark.row()));
        }
        this.pastDays = Math.max(30, -earliest);
        this.laterDays = Math.max(365, axisEnd(latest) - warningDays);
    }

    /** A cluster's own page: a lane per host of {@code index}, "now" at the check. */
    static ExpiryTimeline of(ExpiryReport report, ExpiryPageIndex index, UnaryOperator<String> text) {
        return new ExpiryTimeline(report.checkedAt(), report.thresholds(), lanes(null, report, index), text);
    }

    /**
     * The fleet page: each cluster's hosts under its name, in the fleet's order. "Now" is the latest check; the zones are the
     * widest thresholds of the fleet (a cluster checked with narrower ones colours its dots by its own).
     *
     * @param shown what the page shows of a value (the masker's view), which the hosts' names and order follow
     */
    static ExpiryTimeline of(FleetExpiryReport fleet, UnaryOperator<String> shown, UnaryOperator<String> text) {
        List<Lane> lanes = new ArrayList<>();
        Instant latest = Instant.EPOCH;
        int warning = 0;
        int critical = 0;
        for (ExpiryReport report : fleet.clusters()) {
            lanes.addAll(lanes(report.cluster(), report, new ExpiryPageIndex(report, shown)));
            latest = report.checkedAt().isAfter(latest) ? report.checkedAt() : latest;
            warning = Math.max(warning, report.thresholds().warningDays());
            critical = Math.max(critical, report.thresholds().criticalDays());
        }
        return new ExpiryTimeline(latest, new ExpiryThresholds(warning, critical), lanes, text);
    }

    private static List<Lane> lanes(String cluster, ExpiryReport report, ExpiryPageIndex index) {
        List<Lane> lanes = new ArrayList<>();
        for (int host = 1; host <= index.hosts().size(); host++) {
            int number = host;
            lanes.add(new Lane(
                    cluster,
                    index.hosts().get(host - 1),
                    index.rowCount(host),
                    report.rows().stream()
                            .filter(row -> !row.isError() && index.hostNumber(row) == number)
                            .toList()));
        }
        return lanes;
    }

    void render(StringBuilder html) {
        if (marks.isEmpty()) {
            return;
        }
        boolean fleet = lanes.get(0).cluster() != null;
        int[] laneTops = new int[lanes.size()];
        int y = TOP;
        for (int lane = 0; lane < lanes.size(); lane++) {
            if (fleet
                    && (lane == 0
                            || !lanes.get(lane)
                                    .cluster()
                                    .equals(lanes.get(lane - 1).cluster()))) {
                y += CLUSTER_HEADING;
            }
            laneTops[lane] = y;
            y += LANE;
        }
        int bottom = y;
        html.append("<figure class=\"timeline\">\n<figcaption>When the certificates expire: a dot each, a row per host")
                .append(fleet ? " under its cluster's name" : "")
                .append(", the earliest numbered (a dot's tooltip names its certificate)")
                .append("</figcaption>\n<svg viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(bottom + AXIS)
                .append("\" role=\"img\" aria-label=\"")
                .append(marks.size())
                .append(" certificates")
                .append(
                        fleet
                                ? " of "
                                        + lanes.stream()
                                                .map(Lane::cluster)
                                                .distinct()
                                                .count() + " clusters"
                                : "")
                .append(" on a time axis from expired through now to ")
                .append(thresholds.warningDays())
                .append(" days and later; the earliest are listed below\">\n");
        zone(html, "zone-expired", LEFT_X, NOW_X, bottom, "expired");
        int critical = thresholds.criticalDays();
        double criticalX = x(critical);
        zone(html, "zone-critical", NOW_X, criticalX, bottom, critical > 0 ? "critical" : "");
        zone(html, "zone-warning", criticalX, HORIZON_X, bottom, thresholds.warningDays() > critical ? "warning" : "");
        zone(html, "zone-ok", HORIZON_X, RIGHT_X, bottom, "later (log scale)");
        axis(html, bottom);
        // Lanes, names and dots after the "now" line, which they cross, so they are drawn over it; on the fleet page
        // each
        // cluster's in a group of its own, headed by the cluster's name.
        for (int lane = 0; lane < lanes.size(); lane++) {
            Lane current = lanes.get(lane);
            boolean first = lane == 0
                    || fleet && !current.cluster().equals(lanes.get(lane - 1).cluster());
            if (fleet && first) {
                if (lane > 0) {
                    html.append("</g>\n");
                }
                int heading = laneTops[lane] - CLUSTER_HEADING;
                html.append("<g class=\"cluster\" aria-label=\"cluster ")
                        .append(text.apply(current.cluster()))
                        .append("\">\n")
                        .append("<line class=\"cluster-rule\" x1=\"0\" x2=\"")
                        .append(WIDTH)
                        .append("\" y1=\"")
                        .append(heading)
                        .append("\" y2=\"")
                        .append(heading)
                        .append("\"/><text class=\"cluster-name\" x=\"")
                        .append(fmt(LEFT_X + 2))
                        .append("\" y=\"")
                        .append(heading + 21)
                        .append("\">")
                        .append(text.apply(current.cluster()))
                        .append("</text>\n");
            }
            int top = laneTops[lane];
            html.append("<line class=\"lane\" x1=\"0\" x2=\"")
                    .append(WIDTH)
                    .append("\" y1=\"")
                    .append(top)
                    .append("\" y2=\"")
                    .append(top)
                    .append("\"/><text class=\"host\" x=\"")
                    .append(fmt(LEFT_X + 2))
                    .append("\" y=\"")
                    .append(top + 18)
                    .append("\">")
                    .append(text.apply(current.host()))
                    .append(" (")
                    .append(current.rows())
                    .append(")</text>\n");
            for (Mark mark : marks) {
                if (mark.laneNumber() == lane) {
                    ExpiryRow row = mark.row();
                    html.append("<circle class=\"mark m-")
                            .append(row.status().label())
                            .append("\" cx=\"")
                            .append(fmt(x(days(row))))
                            .append("\" cy=\"")
                            .append(top + 32)
                            .append("\" r=\"5\"><title>")
                            .append(text.apply(row.commonName()))
                            .append(" · ")
                            .append(where(mark))
                            .append(" · ")
                            .append(text.apply(row.source()))
                            .append(" · ")
                            .append(ExpiryHtmlReport.TIME.format(row.notAfter()))
                            .append(" (")
                            .append(ExpiryHtmlReport.daysPhrase(row.daysLeft()))
                            .append(")</title></circle>\n");
                }
            }
        }
        if (fleet) {
            html.append("</g>\n");
        }
        List<Callout> callouts = new ArrayList<>();
        for (int i = 0; i < Math.min(LABELLED, marks.size()); i++) {
            double cx = x(days(marks.get(i).row()));
            int cy = laneTops[marks.get(i).laneNumber()] + 32;
            Callout same = callouts.stream()
                    .filter(c -> c.cy == cy && Math.abs(c.cx - cx) < 12)
                    .findFirst()
                    .orElse(null);
            if (same == null) {
                callouts.add(new Callout(cx, cy, new StringBuilder().append(i + 1)));
            } else {
                same.numbers.append(',').append(i + 1);
            }
        }
        for (Callout callout : callouts) {
            html.append("<text class=\"callout\" x=\"")
                    .append(fmt(callout.cx + 8))
                    .append("\" y=\"")
                    .append(callout.cy + 4)
                    .append("\">")
                    .append(callout.numbers)
                    .append("</text>\n");
        }
        html.append("</svg>\n<ol class=\"earliest-list\" aria-label=\"The earliest expiries\">\n");
        for (Mark mark : marks.subList(0, Math.min(LABELLED, marks.size()))) {
            ExpiryRow row = mark.row();
            html.append("<li><span class=\"pill s-")
                    .append(row.status().label())
                    .append("\">")
                    .append(row.status().label())
                    .append("</span> <strong>")
                    .append(text.apply(row.commonName()))
                    .append("</strong> on ")
                    .append(where(mark))
                    .append(" (<span class=\"source\">")
                    .append(text.apply(row.source()))
                    .append("</span>), ")
                    .append(ExpiryHtmlReport.TIME.format(row.notAfter()))
                    .append(", ")
                    .append(ExpiryHtmlReport.daysPhrase(row.daysLeft()))
                    .append("</li>\n");
        }
        html.append("</ol>\n</figure>\n");
    }

    /** The row's host, and on the fleet page its cluster: "master-0 of cluster prod". */
    private String where(Mark mark) {
        String host = text.apply(mark.row().host());
        return mark.lane().cluster() == null
                ? host
                : host + " of cluster " + text.apply(mark.lane().cluster());
    }

    /** A number next to a dot; dots of one host closer than a dot's width share one label, "1,2". */
    private record Callout(double cx, int cy, StringBuilder numbers) {}

    private static void zone(StringBuilder html, String cssClass, double from, double to, int bottom, String caption) {
        if (to <= from) {
            return;
        }
        html.append("<rect class=\"")
                .append(cssClass)
                .append("\" x=\"")
                .append(fmt(from))
                .append("\" y=\"")
                .append(TOP)
                .append("\" width=\"")
                .append(fmt(to - from))
                .append("\" height=\"")
                .append(bottom - TOP)
                .append("\"/>");
        if (!caption.isEmpty()) {
            html.append("<text class=\"zone\" x=\"")
                    .append(fmt((from + to) / 2))
                    .append("\" y=\"")
                    .append(TOP - 10)
                    .append("\">")
                    .append(caption)
                    .append("</text>");
        }
        html.append('\n');
    }

    private void axis(StringBuilder html, int bottom) {
        html.append("<line class=\"axis\" x1=\"")
                .append(fmt(LEFT_X))
                .append("\" x2=\"")
                .append(fmt(RIGHT_X))
                .append("\" y1=\"")
                .append(bottom)
                .append("\" y2=\"")
                .append(bottom)
                .append("\"/>\n");
        // By priority: now, the warning horizon, the axis' end, the critical horizon, then the other years; a tick too
        // close to
        // one already kept is left out.
        List<Double> candidates = new ArrayList<>(List.of(0.0, warningDays));
        List<Double> later = new ArrayList<>();
        for (long day : LATER_TICKS) {
            if (day > warningDays && day - warningDays <= laterDays + 0.5) {
                later.add((double) day);
            }
        }
        if (!later.isEmpty()) {
            candidates.add(later.remove(later.size() - 1));
        }
        int critical = thresholds.criticalDays();
        if (critical > 0 && critical < thresholds.warningDays()) {
            candidates.add((double) critical);
        }
        candidates.addAll(later);
        List<Double> kept = new ArrayList<>();
        for (double day : candidates) {
            if (kept.stream().allMatch(other -> Math.abs(x(other) - x(day)) >= TICK_GAP)) {
                kept.add(day);
            }
        }
        kept.sort(null);
        for (double day : kept) {
            double tx = x(day);
            html.append("<line class=\"tick")
                    .append(day == 0 ? " now" : "")
                    .append("\" x1=\"")
                    .append(fmt(tx))
                    .append("\" x2=\"")
                    .append(fmt(tx))
                    .append("\" y1=\"")
                    .append(day == 0 ? TOP : bottom)
                    .append("\" y2=\"")
                    .append(bottom + 5)
                    .append("\"/><text class=\"tick-label\" x=\"")
                    .append(fmt(tx))
                    .append("\" y=\"")
                    .append(bottom + 22)
                    .append("\">")
                    .append(day == 0 ? "now" : dayLabel((long) day))
                    .append("</text>\n");
        }
    }

    /** The axis ends at the first tick of a year or more at or after the latest expiry, so its right end is labelled. */
    private double axisEnd(double latest) {
        for (long tick : LATER_TICKS) {
            if (tick >= 365 && tick > warningDays && tick >= latest) {
                return tick;
            }
        }
        return latest;
    }

    private static String dayLabel(long days) {
        return days >= 365 && days % 365 == 0 ? days / 365 + " y" : days + " d";
    }

    /** Days from "now" (the check) to the certificate's notAfter, with the fraction of a day. */
    private double days(ExpiryRow row) {
        return Duration.between(now, row.notAfter()).toSeconds() / 86400.0;
    }

    private double x(double days) {
        if (days < 0) {
            return NOW_X - (NOW_X - LEFT_X) * Math.log1p(-days) / Math.log1p(pastDays);
        }
        if (days <= warningDays) {
            return NOW_X + (HORIZON_X - NOW_X) * days / warningDays;
        }
        return HORIZON_X + (RIGHT_X - HORIZON_X) * Math.log1p(days - warningDays) / Math.log1p(laterDays);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
