package io.jenkins.plugins.certrecovery.report;

import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.expiry.ShutdownHorizon;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The fleet's page: a timeline of every certificate of the fleet ({@link ExpiryTimeline}, a lane per host under its cluster's
 * name), then one table row per cluster (its result, earliest expiry, rows per class, shutdown horizon, link to its own report in
 * the subdirectory named after it). Like {@link ExpiryHtmlReport} it reads the same under Jenkins' Content-Security-Policy for archived
 * files: its styles are {@value ExpiryHtmlReport#STYLESHEET} beside it, whose classes it uses; no script, no style attribute.
 * Every value is masked, then HTML-escaped.
 */
public final class FleetHtmlReport {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final SecretMasker masker;

    public FleetHtmlReport(SecretMasker masker) {
        this.masker = masker;
    }

    public void write(FleetExpiryReport fleet, OutputStream out) throws IOException {
        out.write(render(fleet).getBytes(StandardCharsets.UTF_8));
    }

    public String render(FleetExpiryReport fleet) {
        ExpiryStatus result = fleet.result();
        StringBuilder html = new StringBuilder(2048 + fleet.clusters().size() * 600);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Certificate expiry of ")
                .append(fleet.clusters().size())
                .append(" clusters: ")
                .append(result.label())
                .append("</title>\n<link rel=\"stylesheet\" href=\"")
                .append(ExpiryHtmlReport.STYLESHEET)
                .append("\">\n</head>\n<body>\n")
                .append("<header class=\"summary result-")
                .append(result.label())
                .append("\">\n<h1>Certificate expiry of ")
                .append(fleet.clusters().size())
                .append(fleet.clusters().size() == 1 ? " cluster " : " clusters ")
                .append(pill(result))
                .append(
                        "</h1>\n<p class=\"meta\">Clusters in the order they were given; each name links to that cluster's report.</p>\n"
                                + "</header>\n<main>\n");
        ExpiryTimeline.of(fleet, masker::mask, this::text).render(html);
        html.append("<table id=\"clusters\">\n<thead><tr>")
                .append(
                        "<th scope=\"col\">Cluster</th><th scope=\"col\">Result</th><th scope=\"col\">Earliest expiry</th>");
        for (ExpiryStatus status : ExpiryStatus.values()) {
            html.append("<th scope=\"col\">").append(status.label()).append("</th>");
        }
        html.append("<th scope=\"col\">Shutdown horizon</th><th scope=\"col\">Checked</th></tr></thead>\n<tbody>\n");
        fleet.summaries().forEach(summary -> row(html, summary));
        html.append("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private void row(StringBuilder html, FleetExpiryReport.ClusterSummary summary) {
        html.append("<tr class=\"row-").append(summary.result().label()).append("\">");
        cell(
                html,
                "Cluster",
                "",
                "<a href=\"" + reportHref(summary.cluster()) + "\">" + text(summary.cluster()) + "</a>");
        cell(html, "Result", "", pill(summary.result()));
        ExpiryRow earliest = summary.earliestExpiry();
        // One element in the cell: on a phone a cell is a grid of its label and its content, which would split loose
        // parts.
        cell(
                html,
                "Earliest expiry",
                "",
                earliest == null
                        ? "no certificate was read"
                        : "<span>" + TIME.format(earliest.notAfter()) + " (" + earliest.daysLeft() + " days) "
                                + text(earliest.host()) + " " + "<span class=\"source\">" + text(earliest.source())
                                + "</span> " + pill(earliest.status()) + "</span>");
        for (ExpiryStatus status : ExpiryStatus.values()) {
            int count = summary.counts().getOrDefault(status, 0);
            cell(
                    html,
                    status.label(),
                    "num",
                    count == 0 ? "0" : "<span class=\"pill s-" + status.label() + "\">" + count + "</span>");
        }
        cell(html, "Shutdown horizon", "horizon-dates", horizon(summary.shutdownHorizon()));
        cell(html, "Checked", "", TIME.format(summary.checkedAt()));
        html.append("</tr>\n");
    }

    /**
     * The three dates of the cluster's shutdown horizon (the certificates deciding them are on its own page), findings first; or
     * why it was not computed.
     */
    private String horizon(ShutdownHorizon horizon) {
        if (!horizon.computed()) {
            return "<span class=\"not-computed\">" + text(horizon.reason()) + "</span>";
        }
        StringBuilder list = new StringBuilder("<ul>");
        for (ShutdownHorizon.Finding finding : horizon.findings()) {
            list.append("<li>")
                    .append(pill(finding.severity()))
                    .append(' ')
                    .append(text(finding.message()))
                    .append("</li>");
        }
        limit(list, "nothing to do", horizon.nothingToDo());
        limit(list, "CSRs by hand", horizon.csrApprovalByHand());
        limit(list, "admin kubeconfig from outside", horizon.adminKubeconfigFromOutside());
        return list.append("</ul>").toString();
    }

    private static void limit(StringBuilder list, String level, ShutdownHorizon.Limit limit) {
        list.append("<li>")
                .append(level)
                .append(": ")
                .append(
                        limit.until() == null
                                ? "no certificate read limits it"
                                : "until <time datetime=\"" + limit.until() + "\">" + TIME.format(limit.until())
                                        + "</time>")
                .append("</li>");
    }

    /** The cluster's own page, {@code <cluster>/expiry-report.html}, its name encoded as a path segment. */
    static String reportHref(String cluster) {
        return URLEncoder.encode(cluster, StandardCharsets.UTF_8).replace("+", "%20") + "/" + ExpiryReportFiles.HTML;
    }

    private static void cell(StringBuilder html, String label, String cssClass, String content) {
        html.append("<td data-label=\"").append(label).append('"');
        if (!cssClass.isEmpty()) {
            html.append(" class=\"").append(cssClass).append('"');
        }
        html.append('>').append(content).append("</td>");
    }

    private static String pill(ExpiryStatus status) {
        return "<span class=\"pill s-" + status.label() + "\">" + status.label() + "</span>";
    }

    private String text(String value) {
        return value == null ? "" : ExpiryHtmlReport.escape(masker.mask(value));
    }
}
