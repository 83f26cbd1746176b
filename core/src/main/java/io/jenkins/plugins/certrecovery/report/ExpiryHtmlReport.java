package io.jenkins.plugins.certrecovery.report;

import io.jenkins.plugins.certrecovery.expiry.ClasspathText;
import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The expiry report as an HTML page that reads the same under Jenkins' Content-Security-Policy for archived files
 * ({@code sandbox allow-same-origin; default-src 'none'; img-src 'self'; style-src 'self';}) as opened from disk: its styles are
 * the file {@value #STYLESHEET} beside it (no {@code <style>} element, no {@code style} attribute) and it has no script at all,
 * since under that policy even a {@code <script src>} puts a "Blocked script execution" error in the console. The summary is on
 * top, then the table with the errors and the earliest expiry first, a colour per class; the counts per class are labels of
 * checkboxes that show or hide the class's rows by CSS alone; below 760 px wide every row becomes a card. Every value is masked,
 * then HTML-escaped.
 */
public final class ExpiryHtmlReport {
    /** The stylesheet the page links, by a name relative to the page: it must be written into the page's directory. */
    public static final String STYLESHEET = "expiry-report.css";
    private static final String STYLE = ClasspathText.read(ExpiryHtmlReport.class, STYLESHEET);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String[] COLUMNS = {
        "Status", "Days left", "Not after", "Host", "Source", "Common name", "SANs / error", "Issuer", "Type", "Serial", "Not before",
    };
    /** The column the rows are ordered by (errors, which have no days left, come before it). */
    private static final int SORTED_COLUMN = 1;

    private final SecretMasker masker;

    /** @param masker every value passes through it before it is escaped */
    public ExpiryHtmlReport(SecretMasker masker) {
        this.masker = masker;
    }

    /** Writes the stylesheet the page links ({@value #STYLESHEET}); it holds no value of any report. */
    public static void writeStylesheet(OutputStream out) throws IOException {
        out.write(STYLE.getBytes(StandardCharsets.UTF_8));
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
                .append(")</title>\n<link rel=\"stylesheet\" href=\"").append(STYLESHEET).append("\">\n</head>\n<body>\n");
        // The checkboxes precede the header and main, so the stylesheet reaches their labels and the rows through `~`.
        for (Map.Entry<ExpiryStatus, Integer> count : report.counts().entrySet()) {
            if (count.getValue() > 0) {
                html.append("<input type=\"checkbox\" class=\"toggle\" id=\"").append(toggleId(count.getKey())).append("\" checked>\n");
            }
        }
        summary(html, report, result);
        html.append("<main>\n");
        if (report.rows().isEmpty()) {
            html.append("<p class=\"order\">No certificate was read and no error was recorded.</p>\n");
        } else {
            html.append("<p class=\"order\">Errors first, then by expiry, earliest first. ")
                    .append("Click a count above to hide or show its class.</p>\n");
        }
        html.append("<table id=\"rows\">\n<thead><tr>");
        for (int i = 0; i < COLUMNS.length; i++) {
            html.append("<th scope=\"col\"").append(i == SORTED_COLUMN ? " aria-sort=\"ascending\"" : "").append('>')
                    .append(COLUMNS[i]).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        report.rows().forEach(row -> row(html, row));
        html.append("</tbody>\n</table>\n");
        if (!report.rows().isEmpty()) {
            html.append("<p id=\"empty\">Every class is hidden: click a count above to show its rows again.</p>\n");
        }
        html.append("</main>\n</body>\n</html>\n");
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
            if (count.getValue() > 0) {
                html.append("<li><label for=\"").append(toggleId(count.getKey())).append("\" class=\"s-").append(label).append("\">");
            } else {
                html.append("<li><span class=\"none s-").append(label).append("\">");
            }
            html.append(label).append(" <b>").append(count.getValue()).append("</b>").append(count.getValue() > 0 ? "</label>" : "</span>")
                    .append("</li>\n");
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
        html.append("<tr class=\"row-").append(label).append("\">");
        cell(html, 0, "", pill(row.status()));
        if (row.isError()) {
            cell(html, 1, "num", "—");
            cell(html, 2, "", "—");
            cell(html, 3, "", text(row.host()));
            cell(html, 4, "source", text(row.source()));
            cell(html, "Error", "", text(row.errorKind().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            cell(html, "Message", "", "<span class=\"error-text\">" + text(row.error()) + "</span>");
            for (int column = 7; column < COLUMNS.length; column++) {
                cell(html, column, "empty-cell", "");
            }
        } else {
            cell(html, 1, "num", String.valueOf(row.daysLeft()));
            cell(html, 2, "", TIME.format(row.notAfter()));
            cell(html, 3, "", text(row.host()));
            cell(html, 4, "source", text(row.source()));
            cell(html, 5, "", text(row.commonName()));
            cell(html, 6, row.subjectAltNames().isEmpty() ? "names empty-cell" : "names", text(String.join(", ", row.subjectAltNames())));
            cell(html, 7, "issuer", text(row.issuer()));
            cell(html, 8, "", Boolean.TRUE.equals(row.ca()) ? "CA" : "leaf");
            cell(html, 9, "serial", text(row.serial()));
            cell(html, 10, "", TIME.format(row.notBefore()));
        }
        html.append("</tr>\n");
    }

    private static void cell(StringBuilder html, int column, String cssClass, String content) {
        cell(html, COLUMNS[column], cssClass, content);
    }

    /** {@code label} names the cell on a phone, where each row is a card of label and value. */
    private static void cell(StringBuilder html, String label, String cssClass, String content) {
        html.append("<td data-label=\"").append(label).append('"');
        if (!cssClass.isEmpty()) {
            html.append(" class=\"").append(cssClass).append('"');
        }
        html.append('>').append(content).append("</td>");
    }

    /** The id of the checkbox that shows {@code status}'s rows; the stylesheet names each one. */
    private static String toggleId(ExpiryStatus status) {
        return "show-" + status.label();
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
