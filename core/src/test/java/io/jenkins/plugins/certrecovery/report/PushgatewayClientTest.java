package io.jenkins.plugins.certrecovery.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushgatewayClientTest {
    private static final Path PUSHGATEWAY = Path.of("/usr/bin/prometheus-pushgateway");
    private static final Pattern LISTENING = Pattern.compile("msg=\"Listening on\" address=127\\.0\\.0\\.1:(\\d+)");

    private final ExpiryOpenMetrics metrics = new ExpiryOpenMetrics(new SecretMasker());
    private Process pushgateway;

    @AfterEach
    void stopPushgateway() throws InterruptedException {
        if (pushgateway != null) {
            pushgateway.destroy();
            if (!pushgateway.waitFor(30, TimeUnit.SECONDS)) {
                pushgateway.destroyForcibly();
            }
        }
    }

    /** Debian's Pushgateway on 127.0.0.1, on a port the kernel picks; its log line says which. */
    private URI startPushgateway(Path persistence) throws Exception {
        if (!Files.isExecutable(PUSHGATEWAY)) {
            String reason = "skipped: " + PUSHGATEWAY
                    + " is not installed (apt-get install prometheus-pushgateway; .ci/run " + "installs it)";
            System.out.println(reason);
            org.junit.jupiter.api.Assumptions.abort(reason);
        }
        pushgateway = new ProcessBuilder(
                        PUSHGATEWAY.toString(),
                        "--web.listen-address=127.0.0.1:0",
                        "--persistence.file=" + persistence.resolve("pushgateway.data"),
                        "--log.level=info")
                .redirectErrorStream(true)
                .start();
        BufferedReader log =
                new BufferedReader(new InputStreamReader(pushgateway.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> port = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                for (String line = log.readLine(); line != null; line = log.readLine()) {
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        return matcher.group(1);
                    }
                    seen.append(line).append('\n');
                }
            } catch (IOException e) {
                seen.append(e);
            }
            throw new IllegalStateException("the Pushgateway exited without listening:\n" + seen);
        });
        String listening = port.get(30, TimeUnit.SECONDS);
        // Keep reading its log so the process never blocks on a full pipe; the stream ends when the process does.
        Thread drain = new Thread(() -> {
            try (log) {
                log.transferTo(java.io.Writer.nullWriter());
            } catch (IOException e) {
                // the process is gone: nothing left to drain
            }
        });
        drain.setDaemon(true);
        drain.start();
        return URI.create("http://127.0.0.1:" + listening);
    }

    private static String scrape(URI pushgateway) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(pushgateway.resolve("/metrics"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    @Test
    void eachClusterIsPushedIntoItsOwnGroupAndScrapedBack(@TempDir Path dir) throws Exception {
        URI url = startPushgateway(dir);
        ExpiryReport demo = SampleReports.mixed();
        ExpiryReport other = new ExpiryReport(
                "prod-east",
                demo.checkedAt(),
                Duration.ofSeconds(2),
                demo.thresholds(),
                demo.rows().subList(0, 3));
        new PushgatewayClient(url.toString(), Duration.ofSeconds(10), metrics)
                .push(new FleetExpiryReport(List.of(demo, other)));

        String scraped = scrape(url);
        ExpiryRow kubelet = demo.rows().stream()
                .filter(r -> r.source().equals("/var/lib/kubelet/pki/kubelet-client-current.pem"))
                .findFirst()
                .orElseThrow();
        // The Pushgateway adds instance="" and job and sorts the labels by name.
        Pattern series = Pattern.compile("x509_cert_not_after\\{cluster=\"demo\",filepath=\"/var/lib/kubelet/pki/"
                + "kubelet-client-current.pem\",host=\"master-0\",instance=\"\",issuer_CN=\"kube-csr-signer_@1580000000\","
                + "job=\"openshift_cert_expiry\",serial_number=\"\\d+\",subject_CN=\"system:node:master-0\"} (\\S+)");
        Matcher matcher = series.matcher(scraped);
        assertTrue(matcher.find(), scraped);
        assertEquals(
                kubelet.notAfter().getEpochSecond(),
                Double.valueOf(matcher.group(1)).longValue());
        assertTrue(
                scraped.contains(
                        "x509_check_duration_seconds{cluster=\"prod-east\",instance=\"\",job=\"openshift_cert_expiry\"} 2"),
                scraped);
        assertTrue(
                scraped.contains("push_time_seconds{cluster=\"demo\",instance=\"\",job=\"openshift_cert_expiry\"}"),
                scraped);
        assertTrue(
                scraped.contains(
                        "push_failure_time_seconds{cluster=\"prod-east\",instance=\"\",job=\"openshift_cert_expiry\"} 0"),
                "the push of prod-east was accepted:\n" + scraped);
    }

    @Test
    void aSecondPushReplacesTheClustersGroup(@TempDir Path dir) throws Exception {
        URI url = startPushgateway(dir);
        ExpiryReport demo = SampleReports.mixed();
        PushgatewayClient client = new PushgatewayClient(url.toString(), Duration.ofSeconds(10), metrics);
        client.push(demo);
        client.push(new ExpiryReport("demo", demo.checkedAt(), Duration.ZERO, demo.thresholds(), demo.errors()));

        String scraped = scrape(url);
        assertFalse(
                scraped.contains("x509_cert_not_after{"),
                "certificates gone from the cluster are gone from the group:\n" + scraped);
        assertTrue(scraped.contains("x509_read_errors{cluster=\"demo\""), scraped);
    }

    @Test
    void anUnreachablePushgatewayIsAnErrorNamingTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        IOException e = assertThrows(
                IOException.class,
                () -> new PushgatewayClient(url, Duration.ofSeconds(5), metrics).push(SampleReports.mixed()));
        assertTrue(
                e.getMessage()
                        .startsWith("cannot reach the Pushgateway at " + url + "/metrics/job/openshift_cert_expiry/"
                                + "cluster/demo: "),
                e.getMessage());
    }

    @Test
    void aPushgatewayThatNeverAnswersEndsInAnErrorAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.accept();
                } catch (IOException e) {
                    return null;
                }
            });
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            IOException e = assertThrows(
                    IOException.class,
                    () -> new PushgatewayClient(url, Duration.ofSeconds(1), metrics).push(SampleReports.mixed()));
            assertTrue(
                    e.getMessage()
                            .startsWith("the Pushgateway at " + url + "/metrics/job/openshift_cert_expiry/cluster/demo "
                                    + "did not answer within 1 s"),
                    e.getMessage());
            Socket connection = accepted.get(30, TimeUnit.SECONDS);
            if (connection != null) {
                connection.close();
            }
        }
    }

    @Test
    void aPushTheGatewayRefusesIsAnErrorWithTheHttpStatus(@TempDir Path dir) throws Exception {
        URI url = startPushgateway(dir);
        // A path prefix this Pushgateway does not serve: it answers 404.
        IOException e = assertThrows(
                IOException.class,
                () -> new PushgatewayClient(url + "/not-here", Duration.ofSeconds(10), metrics)
                        .push(SampleReports.mixed()));
        assertTrue(
                e.getMessage()
                        .startsWith("the Pushgateway at " + url + "/not-here/metrics/job/openshift_cert_expiry/cluster/"
                                + "demo refused the push: HTTP 404"),
                e.getMessage());
    }

    @Test
    void urlsWithCredentialsOrWithoutHttpAreRefusedBeforeAnyPush() {
        IllegalArgumentException credentials = assertThrows(
                IllegalArgumentException.class,
                () -> new PushgatewayClient("http://user:s3cret@pushgateway:9091", Duration.ofSeconds(1), metrics));
        assertFalse(credentials.getMessage().contains("s3cret"), credentials.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new PushgatewayClient("pushgateway:9091", Duration.ofSeconds(1), metrics));
    }

    @Test
    void aClusterNameThatIsNoPlainPathSegmentGoesBase64Encoded() {
        PushgatewayClient client =
                new PushgatewayClient("http://pushgateway:9091/prefix/", Duration.ofSeconds(1), metrics);
        assertEquals(
                URI.create("http://pushgateway:9091/prefix/metrics/job/openshift_cert_expiry/cluster/prod-east"),
                client.groupUri("prod-east"));
        assertEquals(
                URI.create("http://pushgateway:9091/prefix/metrics/job/openshift_cert_expiry/cluster@base64/Li4="),
                client.groupUri(".."));
    }
}
