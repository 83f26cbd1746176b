package io.jenkins.plugins.certrecovery.report;

import io.jenkins.plugins.certrecovery.expiry.ClasspathText;
import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The expiry report as one self-contained HTML file (styles and script inline, no external asset): the summary on top, then a
 * table with the errors and the earliest expiry first, a colour per class, sortable columns, a text filter, a host filter and
 * class toggles; below 760 px wide every row becomes a card. Every value is HTML-escaped; the script only moves rows and reads text.
 */
public final class ExpiryHtmlReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String STYLE = ClasspathText.read(ExpiryHtmlReport.class, "expiry-report.css");
    private static final String SCRIPT = ClasspathText.read(ExpiryHtmlReport.class, "expiry-report.js");
    /** Error rows have no days left; they sort before every certificate. */
    private static final String ERROR_DAYS_SORT = "-1000000000";
    private static final String[][] COLUMNS = {
        {"Status", "number"}, {"Days left", "number"}, {"Not after", "text"}, {"Host", "text"}, {"Source", "text"},
        {"Common name", "text"}, {"SANs / error", "text"}, {"Issuer", "text"}, {"Type", "text"}, {"Serial", "text"},
        {"Not before", "text"},
    };
    private static final String[][] PHONE_SORTS = {
        {"1:asc", "Earliest expiry first"}, {"1:desc", "Latest expiry first"}, {"0:desc", "Worst status first"},
        {"3:asc", "Host A-Z"}, {"4:asc", "Source A-Z"}, {"5:asc", "Common name A-Z"},
    };

    private final SecretMasker masker;

    /** @param masker every value passes through it before it is escaped */
    public ExpiryHtmlReport(SecretMasker masker) {
        this.masker = masker;
    }

    public void write(ExpiryReport report, OutputStream out) throws IOException {
        out.write(render(report).getBytes(StandardCharsets.UTF_8));
    }

    public String render(ExpiryReport report) {
        ExpiryStatus result = report.result();
        StringBuilder html = new StringBuilder(4096 + report.rows().size() * 900);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Certificate expiry: ").append(result.label()).append(" (").append(TIME.format(report.checkedAt()))
                .append(")</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        summary(html, report, result);
        html.append("<main>\n<div class=\"controls\">\n")
                .append("<input type=\"search\" id=\"filter\" placeholder=\"Filter: host, path, name, issuer…\" aria-label=\"Filter rows\">\n")
                .append("<select id=\"host-filter\" aria-label=\"Host\"><option value=\"\">All hosts</option>");
        new TreeSet<>(report.rows().stream().map(ExpiryRow::host).toList())
                .forEach(host -> html.append("<option value=\"").append(text(host)).append("\">").append(text(host)).append("</option>"));
        html.append("</select>\n<select id=\"sort-select\" aria-label=\"Sort\">");
        for (String[] sort : PHONE_SORTS) {
            html.append("<option value=\"").append(sort[0]).append("\">").append(sort[1]).append("</option>");
        }
        html.append("</select>\n<span id=\"shown\" aria-live=\"polite\">").append(report.rows().size()).append(" rows</span>\n</div>\n")
                .append("<noscript><p>Sorting and filtering need JavaScript. Rows are listed errors first, then by expiry, earliest first.</p></noscript>\n")
                .append("<table id=\"rows\">\n<thead><tr>");
        for (int i = 0; i < COLUMNS.length; i++) {
            html.append("<th scope=\"col\" data-type=\"").append(COLUMNS[i][1]).append('"')
                    .append(i == 1 ? " aria-sort=\"ascending\"" : "").append('>').append(COLUMNS[i][0]).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        report.rows().forEach(row -> row(html, row));
        html.append("</tbody>\n</table>\n<p id=\"empty\">No row matches the filter.</p>\n</main>\n<script>\n").append(SCRIPT)
                .append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private void summary(StringBuilder html, ExpiryReport report, ExpiryStatus result) {
        html.append("<header class=\"summary result-").append(result.label()).append("\">\n<h1>Certificate expiry ")
                .append(pill(result)).append("</h1>\n<p class=\"meta\">Checked ").append(TIME.format(report.checkedAt()))
                .append(" · warning within ").append(report.thresholds().warningDays()).append(" days · critical within ")
                .append(report.thresholds().criticalDays()).append(" days · ").append(report.rows().size()).append(" rows</p>\n")
                .append("<ul class=\"counts\" aria-label=\"Show or hide a class\">\n");
        for (Map.Entry<ExpiryStatus, Integer> count : report.counts().entrySet()) {
            String label = count.getKey().label();
            html.append("<li><button type=\"button\" class=\"s-").append(label).append("\" data-status=\"").append(label)
                    .append("\" aria-pressed=\"true\">").append(label).append(" <b>").append(count.getValue()).append("</b></button></li>\n");
        }
        html.append("</ul>\n<p class=\"earliest\">");
        report.earliestExpiry().ifPresentOrElse(row -> html.append("Earliest expiry: <strong>").append(text(row.commonName()))
                        .append("</strong> on ").append(text(row.host())).append(" (").append(text(row.source())).append("), ")
                        .append(TIME.format(row.notAfter())).append(", ").append(daysPhrase(row.daysLeft())).append(' ').append(pill(row.status())),
                () -> html.append("No certificate was read."));
        int errors = report.counts().get(ExpiryStatus.ERROR);
        if (errors > 0) {
            html.append("<br><span class=\"error-text\">").append(errors).append(errors == 1 ? " place" : " places")
                    .append(" could not be checked: see the error rows.</span>");
        }
        html.append("</p>\n</header>\n");
    }

    private void row(StringBuilder html, ExpiryRow row) {
        String label = row.status().label();
        html.append("<tr class=\"row-").append(label).append("\" data-status=\"").append(label).append("\" data-host=\"")
                .append(text(row.host())).append("\">");
        cell(html, 0, "", String.valueOf(row.status().ordinal()), pill(row.status()));
        if (row.isError()) {
            cell(html, 1, "num", ERROR_DAYS_SORT, "—");
            cell(html, 2, "", "", "—");
            cell(html, 3, "", null, text(row.host()));
            cell(html, 4, "source", null, text(row.source()));
            cell(html, "Error", "", null, text(row.errorKind().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            cell(html, "Message", "", null, "<span class=\"error-text\">" + text(row.error()) + "</span>");
            for (int column = 7; column < COLUMNS.length; column++) {
                cell(html, column, "empty-cell", null, "");
            }
        } else {
            cell(html, 1, "num", String.valueOf(row.daysLeft()), String.valueOf(row.daysLeft()));
            cell(html, 2, "", row.notAfter().toString(), TIME.format(row.notAfter()));
            cell(html, 3, "", null, text(row.host()));
            cell(html, 4, "source", null, text(row.source()));
            cell(html, 5, "", null, text(row.commonName()));
            cell(html, 6, row.subjectAltNames().isEmpty() ? "names empty-cell" : "names", null,
                    text(String.join(", ", row.subjectAltNames())));
            cell(html, 7, "issuer", null, text(row.issuer()));
            cell(html, 8, "", null, Boolean.TRUE.equals(row.ca()) ? "CA" : "leaf");
            cell(html, 9, "serial", null, text(row.serial()));
            cell(html, 10, "", row.notBefore().toString(), TIME.format(row.notBefore()));
        }
        html.append("</tr>\n");
    }

    private static void cell(StringBuilder html, int column, String cssClass, String sortValue, String content) {
        cell(html, COLUMNS[column][0], cssClass, sortValue, content);
    }

    /** {@code label} names the cell on a phone, where each row is a card of label and value. */
    private static void cell(StringBuilder html, String label, String cssClass, String sortValue, String content) {
        html.append("<td data-label=\"").append(label).append('"');
        if (!cssClass.isEmpty()) {
            html.append(" class=\"").append(cssClass).append('"');
        }
        if (sortValue != null) {
            html.append(" data-sort=\"").append(escape(sortValue)).append('"');
        }
        html.append('>').append(content).append("</td>");
    }

    private static String pill(ExpiryStatus status) {
        return "<span class=\"pill s-" + status.label() + "\">" + status.label() + "</span>";
    }

    private static String daysPhrase(long days) {
        if (days < 0) {
            return "expired " + -days + (days == -1 ? " day" : " days") + " ago";
        }
        return days + (days == 1 ? " day" : " days") + " left";
    }

    /** A value for element content or an attribute: masked, then escaped. */
    private String text(String value) {
        return value == null ? "" : escape(masker.mask(value));
    }

    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
