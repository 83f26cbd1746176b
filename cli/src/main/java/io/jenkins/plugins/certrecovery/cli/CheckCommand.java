package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.expiry.ExpiryCheck;
import io.jenkins.plugins.certrecovery.expiry.ExpiryCheckSettings;
import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.expiry.ExpiryThresholds;
import io.jenkins.plugins.certrecovery.expiry.TlsEndpoint;
import io.jenkins.plugins.certrecovery.report.ExpiryReportFiles;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Checks the expiry of every control-plane and kubelet certificate and the TLS endpoints; changes nothing.",
        description = {"Reads the certificates over SSH and the API and kubelet endpoints by a TLS handshake, classifies each as ok, "
                + "warning, critical or expired, and writes the reports asked for. Hosts or files that cannot be read are reported "
                + "as errors, never skipped."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:every certificate ok", " 1:a certificate in the warning window",
                " 2:a certificate in the critical window or expired", " 3:a host or a file could not be checked",
                "64:a bad command line or inventory"})
final class CheckCommand extends ClusterCommand {
    /** Rows listed without {@code -v}; the reports always hold every row. */
    private static final int ROWS_SHOWN = 20;

    @Option(names = "--warning-days", paramLabel = "DAYS", defaultValue = "30",
            description = "A certificate expiring within this many days is a warning (default: ${DEFAULT-VALUE}).")
    private int warningDays;

    @Option(names = "--critical-days", paramLabel = "DAYS", defaultValue = "7",
            description = "A certificate expiring within this many days is critical (default: ${DEFAULT-VALUE}).")
    private int criticalDays;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON report here (schema: docs/expiry-report.md).")
    private Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML report here, and its stylesheet "
            + ExpiryReportFiles.STYLESHEET + " beside it (no script: it reads the same under Jenkins' Content-Security-Policy).")
    private Path html;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Write a JUnit XML report here: one test case per certificate, failing when critical or expired.")
    private Path junit;

    @Option(names = "--endpoint", paramLabel = "HOST:PORT",
            description = "A TLS endpoint whose presented chain is checked; repeat it. Default: each master's API (6443) and "
                    + "every node's kubelet (10250).")
    private List<String> endpoints = List.of();

    @Mixin
    private CommandTimeoutOption commandTimeout;

    @Option(names = "--no-endpoints", description = "Check the certificate files only, no TLS endpoint.")
    private boolean noEndpoints;

    @Override
    int run(Terminal terminal, TerminalListener listener, Inventory inventory, CliEnvironment environment) throws Exception {
        ExpiryCheckSettings settings = ExpiryCheckSettings.defaults().withThresholds(thresholds())
                .withEndpoints(endpoints(inventory));
        if (html != null && ExpiryReportFiles.STYLESHEET.equals(String.valueOf(html.getFileName()))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--html: " + ExpiryReportFiles.STYLESHEET
                    + " is the name of the stylesheet written beside the HTML report; give the report another name, e.g. "
                    + ExpiryReportFiles.HTML);
        }
        ReportFiles reports = new ReportFiles(json, html, junit);
        terminal.heading("checking certificates on " + inventory.nodes().size() + " hosts and " + settings.endpoints().size()
                + " TLS endpoints");
        ExpiryReport report;
        try (ClusterHosts hosts = ClusterLogin.open(inventory, commandTimeout.sshOptions(), environment, terminal)) {
            report = new ExpiryCheck(inventory, hosts, settings, Clock.systemUTC()).execute();
        }
        show(terminal, report);
        reports.write(report, terminal);
        return exitCode(report.result());
    }

    private ExpiryThresholds thresholds() {
        try {
            return new ExpiryThresholds(warningDays, criticalDays);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<TlsEndpoint> endpoints(Inventory inventory) {
        if (noEndpoints) {
            return List.of();
        }
        if (endpoints.isEmpty()) {
            return TlsEndpoint.defaultsFor(inventory, List.of());
        }
        try {
            return endpoints.stream().map(TlsEndpoint::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--endpoint: " + e.getMessage());
        }
    }

    static int exitCode(ExpiryStatus result) {
        return switch (result) {
            case OK -> ExitCodes.OK;
            case WARNING -> ExitCodes.CHECK_WARNING;
            case CRITICAL, EXPIRED -> ExitCodes.CHECK_CRITICAL;
            case ERROR -> ExitCodes.CHECK_UNCHECKED;
        };
    }

    private static void show(Terminal terminal, ExpiryReport report) {
        List<ExpiryRow> listed = report.rows().stream()
                .filter(row -> terminal.verbose() || row.status() != ExpiryStatus.OK).toList();
        listed.stream().limit(terminal.verbose() ? Long.MAX_VALUE : ROWS_SHOWN).forEach(row -> terminal.info(describe(row)));
        if (listed.size() > ROWS_SHOWN && !terminal.verbose()) {
            terminal.info("  … and " + (listed.size() - ROWS_SHOWN) + " more (all of them with -v and in the reports)");
        }
        Map<ExpiryStatus, Integer> counts = report.counts();
        String summary = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
        String earliest = report.earliestExpiry()
                .map(row -> "; earliest expiry " + row.notAfter() + " (" + row.host() + " " + row.source() + ")").orElse("");
        ExpiryStatus result = report.result();
        terminal.result("result: " + result.label() + " — " + summary + earliest, switch (result) {
            case OK -> Terminal.Outcome.GOOD;
            case WARNING -> Terminal.Outcome.WARNING;
            default -> Terminal.Outcome.BAD;
        });
    }

    private static String describe(ExpiryRow row) {
        if (row.isError()) {
            return String.format("  %-8s %-10s %s: %s", row.status().label(), row.host(), row.source(), row.error());
        }
        return String.format("  %-8s %-10s %5d days  %s  (CN=%s)", row.status().label(), row.host(), row.daysLeft(), row.source(),
                row.commonName());
    }

    @Override
    int failedExitCode() {
        return ExitCodes.CHECK_UNCHECKED;
    }
}
