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

/**
 * {@code --prometheus-file FILE} and {@code --pushgateway-url URL}: the expiry metrics for Prometheus, after the reports (help texts:
 * the catalogue's, {@link CatalogueOptions}).
 */
final class MetricsOptions {
    @Option(names = "--prometheus-file", paramLabel = "FILE")
    Path prometheusFile;

    @Option(names = "--pushgateway-url", paramLabel = "URL")
    String pushgatewayUrl;

    /** Checks the URL before any work, so a typo is a usage error rather than a failure after the check. */
    void validate(CommandSpec spec) {
        if (pushgatewayUrl != null) {
            try {
                new PushgatewayClient(
                        pushgatewayUrl, PushgatewayClient.DEFAULT_TIMEOUT, new ExpiryOpenMetrics(new SecretMasker()));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--pushgateway-url: " + e.getMessage());
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
                terminal.error("error: --prometheus-file: " + e.getMessage());
                exported = false;
            }
        }
        if (pushgatewayUrl != null) {
            try {
                new PushgatewayClient(pushgatewayUrl, PushgatewayClient.DEFAULT_TIMEOUT, metrics).push(fleet);
                terminal.info("Pushed the metrics of " + fleet.clusters().size() + " cluster(s) to " + pushgatewayUrl);
            } catch (IOException e) {
                terminal.error("error: --pushgateway-url: " + e.getMessage());
                exported = false;
            }
        }
        return exported;
    }
}
