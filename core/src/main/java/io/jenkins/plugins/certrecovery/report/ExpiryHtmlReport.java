package io.jenkins.plugins.certrecovery.report;

import io.jenkins.plugins.certrecovery.expiry.ClasspathText;
import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.expiry.ShutdownHorizon;
import io.jenkins.plugins.certrecovery.report.ExpiryPageIndex.RowOrder;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The expiry report as an HTML page that reads the same under Jenkins' Content-Security-Policy for archived files
 * ({@code sandbox allow-same-origin; default-src 'none'; img-src 'self'; style-src 'self';}) as opened from disk: its styles are
 * two files beside it, the shared {@value #STYLESHEET} and the page's own {@link #viewStylesheet view stylesheet} with the rules
 * that name this report's hosts and rows (no {@code <style>} element, no {@code style} attribute), and it has no script at all,
 * since under that policy even a {@code <script src>} puts a "Blocked script execution" error in the console.
 *
 * <p>The summary is on top, then a timeline picture ({@link ExpiryTimeline}), then the table with the errors and the earliest
 * expiry first, a colour per class. Every control is a form input right before its label, kept focusable but out of sight, whose
 * state the stylesheets read with {@code :checked} and {@code :has()}: the counts per class are checkboxes that show or hide the
 * class's rows, a radio group shows one host's rows, another reorders the rows (the table is a CSS grid whose rows take their
 * {@code order} from a custom property per row and order). Below 760 px wide every row becomes a card. Every value is masked,
 * then HTML-escaped.
 * <p>Longer than 300 lines on purpose: the markup and the view stylesheet that names its rows are written together, since every
 * class and custom property the stylesheet reads must exist in the markup.
 */
public final class ExpiryHtmlReport {
    /** The stylesheet every page links, by a name relative to the page: it must be written into the page's directory. */
    public static final String STYLESHEET = "expiry-report.css";

    private static final String STYLE = ClasspathText.read(ExpiryHtmlReport.class, STYLESHEET);
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String[] COLUMNS = {
        "Status",
        "Days left",
        "Not after",
        "Host",
        "Source",
        "Common name",
        "SANs / error",
        "Issuer",
        "Type",
        "Serial",
        "Not before",
    };
    /** The columns whose header shows the sort mark when their order is chosen. */
    private static final Map<Integer, RowOrder> SORTED_BY =
            Map.of(0, RowOrder.STATUS, 1, RowOrder.EXPIRY, 3, RowOrder.HOST, 4, RowOrder.SOURCE);

    private final SecretMasker masker;

    /** @param masker every value passes through it before it is escaped */
    public ExpiryHtmlReport(SecretMasker masker) {
        this.masker = masker;
    }

    /** Writes the stylesheet every page links ({@value #STYLESHEET}); it holds no value of any report. */
    public static void writeStylesheet(OutputStream out) throws IOException {
        out.write(STYLE.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The name of the page's own stylesheet, beside the page: {@code before.html} links {@code before.view.css}. It never equals
     * {@value #STYLESHEET} or the page's name, so pages of several checks can share a directory.
     */
    public static String viewStylesheet(String pageFileName) {
        return pageFileName.replaceFirst("\\.html$", "") + ".view.css";
    }

    /** Writes the page, linking {@code viewStylesheet}, which {@link #writeViewStylesheet} writes for the same report. */
    public void write(ExpiryReport report, String viewStylesheet, OutputStream out) throws IOException {
        out.write(render(report, viewStylesheet).getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the page's own stylesheet: host numbers and row positions only, no value of the report. */
    public void writeViewStylesheet(ExpiryReport report, OutputStream out) throws IOException {
        out.write(renderViewStylesheet(report).getBytes(StandardCharsets.UTF_8));
    }

    /** The page as {@link ExpiryReportFiles#HTML}, linking its view stylesheet by that page's name. */
    public String render(ExpiryReport report) {
        return render(report, viewStylesheet(ExpiryReportFiles.HTML));
    }

    public String render(ExpiryReport report, String viewStylesheet) {
        ExpiryStatus result = report.result();
        ExpiryPageIndex index = new ExpiryPageIndex(report, masker::mask);
        StringBuilder html = new StringBuilder(8192 + report.rows().size() * 1100);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Certificate expiry: ")
                .append(result.label())
                .append(" (")
                .append(TIME.format(report.checkedAt()))
                .append(")</title>\n<link rel=\"stylesheet\" href=\"")
                .append(STYLESHEET)
                .append("\">\n")
                .append("<link rel=\"stylesheet\" href=\"")
                .append(relativeUrl(viewStylesheet))
                .append("\">\n</head>\n<body>\n");
        summary(html, report, result);
        html.append("<main>\n");
        ExpiryTimeline.of(report, index, this::text).render(html);
        if (report.rows().isEmpty()) {
            html.append("<p class=\"order\">No certificate was read and no error was recorded.</p>\n");
        } else {
            controls(html, report, index);
        }
        html.append("<table id=\"rows\">\n<thead><tr>");
        for (int i = 0; i < COLUMNS.length; i++) {
            RowOrder order = SORTED_BY.get(i);
            html.append("<th scope=\"col\"")
                    .append(order == null ? "" : " class=\"by-" + order.key() + "\"")
                    .append('>')
                    .append(COLUMNS[i])
                    .append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < report.rows().size(); i++) {
            row(html, report.rows().get(i), i, index);
        }
        html.append("</tbody>\n</table>\n");
        if (!report.rows().isEmpty()) {
            html.append(
                            "<p id=\"empty\">No row is shown: every class is hidden, or the chosen host has none of the shown classes. ")
                    .append("Click a count or a host above to show rows again.</p>\n");
        }
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    /**
     * The rules that name this report's hosts and rows, by number ({@link ExpiryPageIndex}): which rows a host radio hides, when the
     * "no row is shown" note appears, where each row goes in each order and which column header marks the chosen order.
     */
    public String renderViewStylesheet(ExpiryReport report) {
        ExpiryPageIndex index = new ExpiryPageIndex(report, masker::mask);
        StringBuilder css = new StringBuilder(1024 + report.rows().size() * 48);
        css.append("/* The rules of one expiry report page (ExpiryHtmlReport): its hosts and rows by number. */\n");
        for (RowOrder order : RowOrder.values()) {
            css.append("body:has(#sort-")
                    .append(order.key())
                    .append(":checked) .order .o-")
                    .append(order.key())
                    .append(" { display: inline; }\nbody:has(#sort-")
                    .append(order.key())
                    .append(":checked) th.by-")
                    .append(order.key())
                    .append("::after { content: \" \\25B2\"; }\n");
            if (order != RowOrder.EXPIRY) {
                css.append("body:has(#sort-")
                        .append(order.key())
                        .append(":checked) tbody tr { order: var(--by-")
                        .append(order.key())
                        .append("); }\n");
            }
        }
        for (int host = 1; host <= index.hosts().size(); host++) {
            css.append("body:has(#host-")
                    .append(host)
                    .append(":checked) tbody tr:not(.h")
                    .append(host)
                    .append(") { display: none; }\n")
                    .append("body:has(#host-")
                    .append(host)
                    .append(":checked):not(:has(")
                    .append(index.classes(host).stream()
                            .map(status -> "#" + toggleId(status) + ":checked")
                            .collect(Collectors.joining(", ")))
                    .append(")) #empty { display: block; }\n");
        }
        for (int i = 0; i < report.rows().size(); i++) {
            css.append(".r").append(i + 1).append(" {");
            for (RowOrder order : RowOrder.values()) {
                if (order != RowOrder.EXPIRY) {
                    css.append(" --by-")
                            .append(order.key())
                            .append(": ")
                            .append(index.position(order, i))
                            .append(';');
                }
            }
            css.append(" }\n");
        }
        return css.toString();
    }

    private void summary(StringBuilder html, ExpiryReport report, ExpiryStatus result) {
        html.append("<header class=\"summary result-")
                .append(result.label())
                .append("\">\n<h1>Certificate expiry ")
                .append(pill(result))
                .append("</h1>\n<p class=\"meta\">Cluster ")
                .append(text(report.cluster()))
                .append(" · checked ")
                .append(TIME.format(report.checkedAt()))
                .append(" · warning within ")
                .append(report.thresholds().warningDays())
                .append(" days · critical within ")
                .append(report.thresholds().criticalDays())
                .append(" days · ")
                .append(report.rows().size())
                .append(" rows</p>\n")
                .append("<ul class=\"counts\" aria-label=\"Show or hide a class\">\n");
        for (Map.Entry<ExpiryStatus, Integer> count : report.counts().entrySet()) {
            String label = count.getKey().label();
            if (count.getValue() > 0) {
                html.append("<li><input type=\"checkbox\" class=\"toggle\" id=\"")
                        .append(toggleId(count.getKey()))
                        .append("\" checked><label for=\"")
                        .append(toggleId(count.getKey()))
                        .append("\" class=\"s-")
                        .append(label)
                        .append("\">");
            } else {
                html.append("<li><span class=\"none s-").append(label).append("\">");
            }
            html.append(label)
                    .append(" <b>")
                    .append(count.getValue())
                    .append("</b>")
                    .append(count.getValue() > 0 ? "</label>" : "</span>")
                    .append("</li>\n");
        }
        html.append("</ul>\n<p class=\"earliest\">");
        report.earliestExpiry()
                .ifPresentOrElse(
                        row -> html.append("Earliest expiry: <strong>")
                                .append(text(row.commonName()))
                                .append("</strong> on ")
                                .append(text(row.host()))
                                .append(" (")
                                .append(text(row.source()))
                                .append("), ")
                                .append(TIME.format(row.notAfter()))
                                .append(", ")
                                .append(daysPhrase(row.daysLeft()))
                                .append(' ')
                                .append(pill(row.status())),
                        () -> html.append("No certificate was read."));
        int errors = report.counts().get(ExpiryStatus.ERROR);
        if (errors > 0) {
            html.append("<br><span class=\"error-text\">")
                    .append(errors)
                    .append(errors == 1 ? " place" : " places")
                    .append(" could not be checked: see the error rows.</span>");
        }
        html.append("</p>\n</header>\n");
        horizon(html, report.shutdownHorizon());
    }

    /**
     * Until when the cluster may be powered off and come back, each date with the certificate that decides it; the question asked
     * before a holiday shutdown or a hibernation. Findings (a cluster younger than its first rotation) come first.
     */
    private void horizon(StringBuilder html, ShutdownHorizon horizon) {
        html.append("<section class=\"horizon\" aria-label=\"Shutdown horizon\">\n<h2>Shutdown horizon</h2>\n");
        if (!horizon.computed()) {
            html.append("<p class=\"meta\">").append(text(horizon.reason())).append("</p>\n</section>\n");
            return;
        }
        html.append("<ul>\n");
        for (ShutdownHorizon.Finding finding : horizon.findings()) {
            html.append("<li>")
                    .append(pill(finding.severity()))
                    .append(' ')
                    .append(text(finding.message()))
                    .append("</li>\n");
        }
        for (ShutdownHorizon.Limit limit :
                List.of(horizon.nothingToDo(), horizon.csrApprovalByHand(), horizon.adminKubeconfigFromOutside())) {
            html.append("<li>").append(text(limit.describe())).append("</li>\n");
        }
        for (String note : horizon.notes()) {
            html.append("<li class=\"note\">").append(text(note)).append("</li>\n");
        }
        html.append("</ul>\n</section>\n");
    }

    /** The host radios (when there is more than one host) and the order radios, then the sentence that says the chosen order. */
    private void controls(StringBuilder html, ExpiryReport report, ExpiryPageIndex index) {
        html.append("<div class=\"controls\">\n");
        if (index.hosts().size() > 1) {
            html.append("<fieldset class=\"choices\"><legend>Host</legend>\n");
            choice(
                    html,
                    "host",
                    "host-all",
                    true,
                    "every host <b>" + report.rows().size() + "</b>");
            for (int host = 1; host <= index.hosts().size(); host++) {
                choice(
                        html,
                        "host",
                        "host-" + host,
                        false,
                        text(index.hosts().get(host - 1)) + " <b>" + index.rowCount(host) + "</b>");
            }
            html.append("</fieldset>\n");
        }
        html.append("<fieldset class=\"choices\"><legend>Order</legend>\n");
        for (RowOrder order : RowOrder.values()) {
            choice(html, "sort", "sort-" + order.key(), order == RowOrder.EXPIRY, order.label());
        }
        html.append("</fieldset>\n</div>\n<p class=\"order\">");
        for (RowOrder order : RowOrder.values()) {
            html.append("<span class=\"o-")
                    .append(order.key())
                    .append("\">")
                    .append(order.description())
                    .append("</span>");
        }
        html.append(" Click a count above to hide or show its class.</p>\n");
    }

    private static void choice(StringBuilder html, String group, String id, boolean checked, String label) {
        html.append("<input type=\"radio\" class=\"toggle\" name=\"")
                .append(group)
                .append("\" id=\"")
                .append(id)
                .append('"')
                .append(checked ? " checked" : "")
                .append("><label for=\"")
                .append(id)
                .append("\">")
                .append(label)
                .append("</label>\n");
    }

    /** Row {@code index} of the report's order: class {@code r<index + 1>} places it in each order, {@code h<n>} names its host. */
    private void row(StringBuilder html, ExpiryRow row, int index, ExpiryPageIndex pageIndex) {
        String label = row.status().label();
        html.append("<tr class=\"row-")
                .append(label)
                .append(" h")
                .append(pageIndex.hostNumber(row))
                .append(" r")
                .append(index + 1)
                .append("\">");
        cell(html, 0, "", pill(row.status()));
        if (row.isError()) {
            cell(html, 1, "num", "—");
            cell(html, 2, "", "—");
            cell(html, 3, "", text(row.host()));
            cell(html, 4, "source", text(row.source()));
            cell(
                    html,
                    "Error",
                    "",
                    text(row.errorKind().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
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
            cell(
                    html,
                    6,
                    row.subjectAltNames().isEmpty() ? "names empty-cell" : "names",
                    text(String.join(", ", row.subjectAltNames())));
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

    /** The id of the checkbox that shows {@code status}'s rows; the stylesheets name each one. */
    private static String toggleId(ExpiryStatus status) {
        return "show-" + status.label();
    }

    private static String pill(ExpiryStatus status) {
        return "<span class=\"pill s-" + status.label() + "\">" + status.label() + "</span>";
    }

    static String daysPhrase(long days) {
        if (days < 0) {
            return "expired " + -days + (days == -1 ? " day" : " days") + " ago";
        }
        return days + (days == 1 ? " day" : " days") + " left";
    }

    /** A value for element content or an attribute: masked, then escaped. */
    private String text(String value) {
        return value == null ? "" : escape(masker.mask(value));
    }

    /**
     * A file name as a URL relative to the page: every byte but the unreserved characters of RFC 3986 percent-encoded, so a space,
     * {@code #}, {@code ?} or a {@code :} (which would read as a scheme) stays part of the name.
     */
    static String relativeUrl(String fileName) {
        StringBuilder url = new StringBuilder();
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                url.append(c);
            } else {
                url.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return url.toString();
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
