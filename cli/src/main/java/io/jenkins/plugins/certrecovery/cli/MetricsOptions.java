package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.report.ExpiryOpenMetrics;
import io.jenkins.plugins.certrecovery.report.FleetExpiryReport;
import io.jenkins.plugins.certrecovery.report.PushgatewayClient;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --prometheus FILE} and {@code --pushgateway URL}: the expiry metrics for Prometheus, after the reports. */
final class MetricsOptions {
    @Option(
            names = "--prometheus",
            paramLabel = "FILE",
            description =
                    "Write the metrics here in OpenMetrics text, atomically, for node_exporter's textfile collector "
                            + "(e.g. /var/lib/node_exporter/textfile/openshift-cert-expiry.prom; the directory must exist).")
    Path prometheusFile;

    @Option(
            names = "--pushgateway",
            paramLabel = "URL",
            description =
                    "Push the metrics to this Prometheus Pushgateway, one group per cluster (e.g. http://pushgateway:9091).")
    String pushgatewayUrl;

    /** Checks the URL before any work, so a typo is a usage error rather than a failure after the check. */
    void validate(CommandSpec spec) {
        if (pushgatewayUrl != null) {
            try {
                new PushgatewayClient(
                        pushgatewayUrl, PushgatewayClient.DEFAULT_TIMEOUT, new ExpiryOpenMetrics(new SecretMasker()));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--pushgateway: " + e.getMessage());
            }
        }
    }

    /** Writes and pushes what was asked for; a failure is printed naming the file or the URL. Returns false on any failure. */
    boolean export(FleetExpiryReport fleet, Terminal terminal) throws InterruptedException {
        ExpiryOpenMetrics metrics = new ExpiryOpenMetrics(terminal.masker());
        boolean exported = true;
        if (prometheusFile != null) {
            try {
                terminal.info("Prometheus metrics: " + metrics.writeFile(fleet, prometheusFile));
            } catch (IOException e) {
                terminal.error("error: --prometheus: " + e.getMessage());
                exported = false;
            }
        }
        if (pushgatewayUrl != null) {
            try {
                new PushgatewayClient(pushgatewayUrl, PushgatewayClient.DEFAULT_TIMEOUT, metrics).push(fleet);
                terminal.info("Pushed the metrics of " + fleet.clusters().size() + " cluster(s) to " + pushgatewayUrl);
            } catch (IOException e) {
                terminal.error("error: --pushgateway: " + e.getMessage());
                exported = false;
            }
        }
        return exported;
    }
}
