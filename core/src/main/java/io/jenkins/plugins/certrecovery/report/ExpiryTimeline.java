package io.jenkins.plugins.certrecovery.report;

import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The report's certificates on a time axis, as an inline SVG and a list of the earliest: one lane per host, one dot per
 * certificate coloured by its class. The axis has three parts so a ten-year CA and a certificate expiring next week both fit: the
 * expired ones left of "now" (log scale, the longest expired at the left edge), now to the warning horizon (linear, with the
 * critical horizon marked), and beyond it (log scale). The {@value #LABELLED} earliest certificates carry their number, which the
 * list below the picture explains. Colours, fonts and the phone sizes are the stylesheet's (classes only: no {@code style} attribute,
 * which Jenkins' policy blocks).
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
    private static final int AXIS = 34;
    /** Tick labels closer than this (in picture units) would overlap at the phone's font size: the less telling one is left out. */
    private static final double TICK_GAP = 60;
    private static final long[] LATER_TICKS = {90, 365, 2 * 365, 5 * 365, 10 * 365, 20 * 365};

    private final ExpiryReport report;
    private final ExpiryPageIndex index;
    private final UnaryOperator<String> text;
    private final double warningDays;
    private final double pastDays;
    private final double laterDays;

    /** @param text a value as the page shows it: masked, then escaped */
    ExpiryTimeline(ExpiryReport report, ExpiryPageIndex index, UnaryOperator<String> text) {
        this.report = report;
        this.index = index;
        this.text = text;
        this.warningDays = Math.max(1, report.thresholds().warningDays());
        double earliest = 0;
        double latest = 0;
        for (ExpiryRow row : certificates()) {
            earliest = Math.min(earliest, days(row));
            latest = Math.max(latest, days(row));
        }
        this.pastDays = Math.max(30, -earliest);
        this.laterDays = Math.max(365, axisEnd(latest) - warningDays);
    }

    void render(StringBuilder html) {
        List<ExpiryRow> certificates = certificates();
        if (certificates.isEmpty()) {
            return;
        }
        int lanes = index.hosts().size();
        int height = TOP + lanes * LANE + AXIS;
        int bottom = TOP + lanes * LANE;
        html.append("<figure class=\"timeline\">\n<figcaption>When the certificates expire: a dot each, a row per host, the ")
                .append("earliest numbered (a dot's tooltip names its certificate)</figcaption>\n")
                .append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
                .append(certificates.size()).append(" certificates on a time axis from expired through now to ")
                .append(report.thresholds().warningDays()).append(" days and later; the earliest are listed below\">\n");
        zone(html, "zone-expired", LEFT_X, NOW_X, bottom, "expired");
        int critical = report.thresholds().criticalDays();
        double criticalX = x(critical);
        zone(html, "zone-critical", NOW_X, criticalX, bottom, critical > 0 ? "critical" : "");
        zone(html, "zone-warning", criticalX, HORIZON_X, bottom, report.thresholds().warningDays() > critical ? "warning" : "");
        zone(html, "zone-ok", HORIZON_X, RIGHT_X, bottom, "later (log scale)");
        for (int lane = 0; lane < lanes; lane++) {
            int top = TOP + lane * LANE;
            html.append("<line class=\"lane\" x1=\"0\" x2=\"").append(WIDTH).append("\" y1=\"").append(top).append("\" y2=\"")
                    .append(top).append("\"/>\n");
        }
        axis(html, bottom);
        // The host names after the "now" line, which they cross, so they are drawn over it.
        for (int lane = 0; lane < lanes; lane++) {
            html.append("<text class=\"host\" x=\"").append(fmt(LEFT_X + 2)).append("\" y=\"").append(TOP + lane * LANE + 18)
                    .append("\">").append(text.apply(index.hosts().get(lane))).append(" (").append(index.rowCount(lane + 1))
                    .append(")</text>\n");
        }
        List<Callout> callouts = new ArrayList<>();
        for (int i = 0; i < certificates.size(); i++) {
            ExpiryRow row = certificates.get(i);
            double cx = x(days(row));
            int cy = TOP + (index.hostNumber(row) - 1) * LANE + 32;
            html.append("<circle class=\"mark m-").append(row.status().label()).append("\" cx=\"").append(fmt(cx)).append("\" cy=\"")
                    .append(cy).append("\" r=\"5\"><title>").append(text.apply(row.commonName())).append(" · ")
                    .append(text.apply(row.host())).append(" · ").append(text.apply(row.source())).append(" · ")
                    .append(ExpiryHtmlReport.TIME.format(row.notAfter())).append(" (").append(ExpiryHtmlReport.daysPhrase(row.daysLeft()))
                    .append(")</title></circle>\n");
            if (i < LABELLED) {
                Callout same = callouts.stream().filter(c -> c.cy == cy && Math.abs(c.cx - cx) < 12).findFirst().orElse(null);
                if (same == null) {
                    callouts.add(new Callout(cx, cy, new StringBuilder().append(i + 1)));
                } else {
                    same.numbers.append(',').append(i + 1);
                }
            }
        }
        for (Callout callout : callouts) {
            html.append("<text class=\"callout\" x=\"").append(fmt(callout.cx + 8)).append("\" y=\"").append(callout.cy + 4)
                    .append("\">").append(callout.numbers).append("</text>\n");
        }
        html.append("</svg>\n<ol class=\"earliest-list\" aria-label=\"The earliest expiries\">\n");
        for (ExpiryRow row : certificates.subList(0, Math.min(LABELLED, certificates.size()))) {
            html.append("<li><span class=\"pill s-").append(row.status().label()).append("\">").append(row.status().label())
                    .append("</span> <strong>").append(text.apply(row.commonName())).append("</strong> on ").append(text.apply(row.host()))
                    .append(" (<span class=\"source\">").append(text.apply(row.source())).append("</span>), ").append(ExpiryHtmlReport.TIME.format(row.notAfter())).append(", ")
                    .append(ExpiryHtmlReport.daysPhrase(row.daysLeft())).append("</li>\n");
        }
        html.append("</ol>\n</figure>\n");
    }

    /** A number next to a dot; dots of one host closer than a dot's width share one label, "1,2". */
    private record Callout(double cx, int cy, StringBuilder numbers) {
    }

    private List<ExpiryRow> certificates() {
        return report.rows().stream().filter(row -> !row.isError()).toList();
    }

    private static void zone(StringBuilder html, String cssClass, double from, double to, int bottom, String caption) {
        if (to <= from) {
            return;
        }
        html.append("<rect class=\"").append(cssClass).append("\" x=\"").append(fmt(from)).append("\" y=\"").append(TOP)
                .append("\" width=\"").append(fmt(to - from)).append("\" height=\"").append(bottom - TOP).append("\"/>");
        if (!caption.isEmpty()) {
            html.append("<text class=\"zone\" x=\"").append(fmt((from + to) / 2)).append("\" y=\"").append(TOP - 10).append("\">")
                    .append(caption).append("</text>");
        }
        html.append('\n');
    }

    private void axis(StringBuilder html, int bottom) {
        html.append("<line class=\"axis\" x1=\"").append(fmt(LEFT_X)).append("\" x2=\"").append(fmt(RIGHT_X)).append("\" y1=\"")
                .append(bottom).append("\" y2=\"").append(bottom).append("\"/>\n");
        // By priority: now, the warning horizon, the axis' end, the critical horizon, then the other years; a tick too close to
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
        int critical = report.thresholds().criticalDays();
        if (critical > 0 && critical < report.thresholds().warningDays()) {
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
            html.append("<line class=\"tick").append(day == 0 ? " now" : "").append("\" x1=\"").append(fmt(tx)).append("\" x2=\"")
                    .append(fmt(tx)).append("\" y1=\"").append(day == 0 ? TOP : bottom).append("\" y2=\"").append(bottom + 5)
                    .append("\"/><text class=\"tick-label\" x=\"").append(fmt(tx)).append("\" y=\"").append(bottom + 22).append("\">")
                    .append(day == 0 ? "now" : dayLabel((long) day)).append("</text>\n");
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

    /** Days from the check to the certificate's notAfter, with the fraction of a day. */
    private double days(ExpiryRow row) {
        return Duration.between(report.checkedAt(), row.notAfter()).toSeconds() / 86400.0;
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
