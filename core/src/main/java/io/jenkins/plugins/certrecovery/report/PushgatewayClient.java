package io.jenkins.plugins.certrecovery.report;

import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Pushes the expiry metrics to a Prometheus Pushgateway: per cluster one {@code PUT} to
 * {@code <url>/metrics/job/openshift_cert_expiry/cluster/<cluster>}, the same text as the textfile collector's file limited to
 * that cluster. {@code PUT} replaces the cluster's whole group, so a certificate that is gone from the cluster is gone from the
 * Pushgateway too; the clusters stay apart. Connecting and each request are bounded by the timeout.
 */
public final class PushgatewayClient {
    /** The {@code job} grouping label of every push. */
    public static final String JOB = "openshift_cert_expiry";
    /** The second grouping label; its value is the cluster's name. */
    public static final String GROUPING_LABEL = "cluster";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    // A path segment the Pushgateway takes as it is; anything else goes base64url-encoded (its "@base64" form).
    private static final Pattern PLAIN_SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private final URI base;
    private final Duration timeout;
    private final ExpiryOpenMetrics metrics;
    private final HttpClient http;

    /**
     * @param url     the Pushgateway, e.g. {@code http://pushgateway.monitoring:9091} (a path prefix is kept)
     * @param timeout for connecting and for each push
     * @throws IllegalArgumentException when the URL is not an http(s) URL, or carries credentials (they would end up in messages)
     */
    public PushgatewayClient(String url, Duration timeout, ExpiryOpenMetrics metrics) {
        this.base = baseUri(url);
        this.timeout = timeout;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The URL one cluster's metrics go to. */
    public URI groupUri(String cluster) {
        return URI.create(base + "/metrics/job/" + JOB + "/" + segment(GROUPING_LABEL, cluster));
    }

    /**
     * Pushes every cluster of the fleet, one group each, in order; stops at the first failure.
     *
     * @throws IOException naming the URL when the Pushgateway cannot be reached, does not answer in time, or refuses the push
     */
    public void push(FleetExpiryReport fleet) throws IOException, InterruptedException {
        for (ExpiryReport report : fleet.clusters()) {
            push(report);
        }
    }

    /** Pushes one cluster's report into its group. */
    public void push(ExpiryReport report) throws IOException, InterruptedException {
        URI uri = groupUri(report.cluster());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", ExpiryOpenMetrics.CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(
                        metrics.text(new FleetExpiryReport(List.of(report))), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new IOException(
                    "the Pushgateway at " + uri + " did not answer within " + timeout.toSeconds()
                            + " s; check the URL and that the Pushgateway runs",
                    e);
        } catch (IOException e) {
            throw new IOException(
                    "cannot reach the Pushgateway at " + uri + ": "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                            + "; check the URL and that the Pushgateway runs",
                    e);
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body().strip();
            throw new IOException("the Pushgateway at " + uri + " refused the push: HTTP " + response.statusCode()
                    + (body.isEmpty() ? "" : ": " + (body.length() > 500 ? body.substring(0, 500) + "…" : body)));
        }
    }

    private static String segment(String label, String value) {
        if (PLAIN_SEGMENT.matcher(value).matches()) {
            return label + "/" + value;
        }
        return label + "@base64/" + Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static URI baseUri(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "Pushgateway URL '" + url + "' is not a URL: " + e.getReason() + "; give it as http://host:9091");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "the Pushgateway URL must not carry a user or password (they would show in "
                            + "messages); give it as http://host:9091");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("Pushgateway URL '" + url
                    + "' is not an http(s) URL of a host without query; " + "give it as http://host:9091");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path);
    }
}
