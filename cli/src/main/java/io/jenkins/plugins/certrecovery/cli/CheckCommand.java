package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryException;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.expiry.ExpiryCheck;
import io.jenkins.plugins.certrecovery.expiry.ExpiryCheckSettings;
import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.expiry.ExpiryThresholds;
import io.jenkins.plugins.certrecovery.expiry.FileGlob;
import io.jenkins.plugins.certrecovery.expiry.FleetExpiryCheck;
import io.jenkins.plugins.certrecovery.expiry.TlsEndpoint;
import io.jenkins.plugins.certrecovery.report.ExpiryReportFiles;
import io.jenkins.plugins.certrecovery.report.FleetExpiryReport;
import io.jenkins.plugins.certrecovery.report.FleetReportFiles;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header =
                "Checks the expiry of every control-plane and kubelet certificate and the TLS endpoints; changes nothing.",
        description = {
            "Reads the certificates over SSH and the API and kubelet endpoints by a TLS handshake, classifies each as ok, "
                    + "warning, critical or expired, and writes the reports asked for. Hosts or files that cannot be read are reported "
                    + "as errors, never skipped.",
            "",
            "Several clusters (a fleet): repeat -i or give a quoted glob; they are checked in parallel, each cluster's reports "
                    + "go to a subdirectory of --report-dir named after it, beside the fleet's reports. A cluster that cannot be "
                    + "reached or whose inventory is refused is an error row of that cluster; the others are checked all the same."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:every certificate ok",
            " 1:a certificate in the warning window",
            " 2:a certificate in the critical window or expired",
            " 3:a host or a file could not be checked, or the metrics could not be written or pushed",
            "64:a bad command line or inventory (of a single cluster: a fleet's refused inventory is an error row)"
        })
final class CheckCommand extends GuardedCommand {
    /** Rows listed without {@code -v} (per cluster); the reports always hold every row. */
    private static final int ROWS_SHOWN = 20;

    @Option(
            names = {"-i", "--inventory"},
            required = true,
            paramLabel = "INVENTORY",
            description =
                    "A cluster's inventory: a YAML file with name, ocpVersion, releaseImage, ssh, masters and workers (see "
                            + "docs/cli.md). Repeat it, or give a quoted glob such as 'clusters/*.yaml', to check several clusters. "
                            + "'~' is your home directory.")
    private List<String> inventories;

    // help texts and defaults of the catalogue's options: from there (CatalogueOptions)
    @Option(names = "--cluster-parallelism", paramLabel = "N")
    private int clusterParallelism;

    @Option(names = "--host-parallelism", paramLabel = "N")
    private int hostParallelism;

    @Option(names = "--warning-days", paramLabel = "DAYS")
    private int warningDays;

    @Option(names = "--critical-days", paramLabel = "DAYS")
    private int criticalDays;

    @Option(names = "--extra-paths", paramLabel = "PATH", split = ",")
    private List<String> extraPaths = List.of();

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "One cluster: write the JSON report here (schema: docs/expiry-report.md).")
    private Path json;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "One cluster: write the HTML report here, and its stylesheet " + ExpiryReportFiles.STYLESHEET
                    + " beside it (no script: it reads the same under Jenkins' Content-Security-Policy).")
    private Path html;

    @Option(
            names = "--junit",
            paramLabel = "FILE",
            description =
                    "One cluster: write a JUnit XML report here: one test case per certificate, failing when critical or "
                            + "expired.")
    private Path junit;

    @Option(names = "--report-dir", paramLabel = "DIR")
    private Path reportDir;

    @Option(
            names = "--endpoint",
            paramLabel = "HOST:PORT",
            description =
                    "One cluster: a TLS endpoint whose presented chain is checked; repeat it. Default: each master's API "
                            + "(6443) and every node's kubelet (10250).")
    private List<String> endpoints = List.of();

    @Mixin
    private CommandTimeoutOption commandTimeout;

    @Mixin
    private MetricsOptions metrics;

    // declared by its negative form: picocli then sets it false for --no-check-endpoints and true for --check-endpoints
    @Option(names = "--no-check-endpoints", negatable = true)
    private boolean checkEndpoints;

    @Override
    int execute(Terminal terminal, TerminalListener listener, CliEnvironment environment) throws Exception {
        ExpiryThresholds thresholds = thresholds();
        if (html != null && ExpiryReportFiles.STYLESHEET.equals(String.valueOf(html.getFileName()))) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--html: " + ExpiryReportFiles.STYLESHEET
                            + " is the name of the stylesheet written beside the HTML report; give the report another name, e.g. "
                            + ExpiryReportFiles.HTML);
        }
        if (clusterParallelism < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--cluster-parallelism: " + clusterParallelism
                            + " is less than 1; give how many clusters to check at a time");
        }
        if (hostParallelism < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--host-parallelism: " + hostParallelism + " is less than 1; give how many hosts to read at once");
        }
        for (String path : extraPaths) {
            if (!path.startsWith("/")) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--extra-paths: '" + path + "' must be an absolute path or glob on the hosts");
            }
        }
        metrics.validate(spec);
        boolean fleet = inventories.size() > 1 || inventories.stream().anyMatch(FileGlob::isGlob);
        if (fleet && (json != null || html != null || junit != null || !endpoints.isEmpty())) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--json, --html, --junit and --endpoint are for one "
                            + "cluster; for several give --report-dir DIR (a subdirectory per cluster and the fleet's reports)");
        }
        List<Path> files = FileGlobs.expand(inventories, "-i");
        FleetExpiryReport report = fleet
                ? checkFleet(files, thresholds, terminal, environment)
                : new FleetExpiryReport(List.of(checkOne(
                        InventoryLoader.forCli().load(inventories.get(0)), thresholds, terminal, environment)));
        if (!fleet) {
            new ReportFiles(json, html, junit).write(report.clusters().get(0), terminal);
        }
        if (reportDir != null) {
            FleetReportFiles.Written written =
                    new FleetReportFiles(terminal.masker()).write(report, reportDir.toAbsolutePath());
            terminal.info("Reports: " + written.html() + " (and " + written.json() + "; per cluster in "
                    + reportDir.toAbsolutePath() + "/<cluster>/)");
        }
        if (!metrics.export(report, terminal)) {
            return ExitCodes.CHECK_UNCHECKED;
        }
        return exitCode(report.result());
    }

    private FleetExpiryReport checkFleet(
            List<Path> files, ExpiryThresholds thresholds, Terminal terminal, CliEnvironment environment)
            throws InterruptedException {
        List<FleetExpiryCheck.Member> members = new ArrayList<>();
        for (Path file : files) {
            try {
                members.add(FleetExpiryCheck.Member.loaded(
                        InventoryLoader.forCli().load(file.toString()), file.toString()));
            } catch (InventoryException refused) {
                terminal.error("error: " + refused.getMessage());
                members.add(FleetExpiryCheck.Member.refused(file, refused.getMessage()));
            }
        }
        try {
            FleetExpiryCheck.requireDistinctNames(members);
        } catch (IllegalArgumentException duplicate) {
            throw new UsageException(duplicate.getMessage(), duplicate);
        }
        terminal.heading("checking " + members.size() + " clusters, " + clusterParallelism + " at a time");
        Object login = new Object();
        FleetExpiryReport report = new FleetExpiryReport(new FleetExpiryCheck(
                        clusterParallelism, thresholds, terminal.masker(), Clock.systemUTC())
                .run(members, inventory -> {
                    ClusterHosts hosts;
                    synchronized (login) { // a passphrase may be asked on the terminal: one cluster at a time
                        hosts = ClusterLogin.open(inventory, commandTimeout.sshOptions(), environment, terminal);
                    }
                    try (hosts) {
                        return new ExpiryCheck(inventory, hosts, settings(inventory, thresholds), Clock.systemUTC())
                                .execute();
                    }
                }));
        report.clusters().forEach(cluster -> show(terminal, cluster, true));
        Map<ExpiryStatus, Long> clustersByResult = report.clusters().stream()
                .collect(Collectors.groupingBy(
                        ExpiryReport::result,
                        () -> new java.util.EnumMap<>(ExpiryStatus.class),
                        Collectors.counting()));
        terminal.result(
                "fleet result: " + report.result().label() + " — "
                        + clustersByResult.entrySet().stream()
                                .map(e -> e.getValue() + " " + e.getKey().label())
                                .collect(Collectors.joining(", "))
                        + " (clusters)",
                outcome(report.result()));
        return report;
    }

    private ExpiryReport checkOne(
            Inventory inventory, ExpiryThresholds thresholds, Terminal terminal, CliEnvironment environment)
            throws InterruptedException {
        ExpiryCheckSettings settings = settings(inventory, thresholds);
        terminal.heading("checking certificates on " + inventory.nodes().size() + " hosts and "
                + settings.endpoints().size() + " TLS endpoints");
        ExpiryReport report;
        try (ClusterHosts hosts = ClusterLogin.open(inventory, commandTimeout.sshOptions(), environment, terminal)) {
            report = new ExpiryCheck(inventory, hosts, settings, Clock.systemUTC()).execute();
        }
        show(terminal, report, false);
        return report;
    }

    private ExpiryCheckSettings settings(Inventory inventory, ExpiryThresholds thresholds) {
        return ExpiryCheckSettings.defaults()
                .withThresholds(thresholds)
                .withEndpoints(endpoints(inventory))
                .withExtraPaths(extraPaths)
                .withParallelism(hostParallelism);
    }

    private ExpiryThresholds thresholds() {
        try {
            return new ExpiryThresholds(warningDays, criticalDays);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<TlsEndpoint> endpoints(Inventory inventory) {
        if (!checkEndpoints) {
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

    static Terminal.Outcome outcome(ExpiryStatus result) {
        return switch (result) {
            case OK -> Terminal.Outcome.GOOD;
            case WARNING -> Terminal.Outcome.WARNING;
            default -> Terminal.Outcome.BAD;
        };
    }

    /** The rows that need attention (all with -v) and the result line; in a fleet each line names the cluster. */
    private static void show(Terminal terminal, ExpiryReport report, boolean nameCluster) {
        String prefix = nameCluster ? report.cluster() + " " : "";
        List<ExpiryRow> listed = report.rows().stream()
                .filter(row -> terminal.verbose() || row.status() != ExpiryStatus.OK)
                .toList();
        listed.stream()
                .limit(terminal.verbose() ? Long.MAX_VALUE : ROWS_SHOWN)
                .forEach(row -> terminal.info(describe(prefix, row)));
        if (listed.size() > ROWS_SHOWN && !terminal.verbose()) {
            terminal.info("  … and " + (listed.size() - ROWS_SHOWN) + " more (all of them with -v and in the reports)");
        }
        Map<ExpiryStatus, Integer> counts = report.counts();
        String summary = counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
        String earliest = report.earliestExpiry()
                .map(row -> "; earliest expiry " + row.notAfter() + " (" + row.host() + " " + row.source() + ")")
                .orElse("");
        ExpiryStatus result = report.result();
        terminal.result(
                (nameCluster ? "cluster " + report.cluster() + " result: " : "result: ") + result.label() + " — "
                        + summary + earliest,
                outcome(result));
        report.shutdownHorizon().describe().forEach(line -> terminal.info(prefix + line));
    }

    private static String describe(String prefix, ExpiryRow row) {
        if (row.isError()) {
            return String.format(
                    "  %-8s %-10s %s: %s", row.status().label(), prefix + row.host(), row.source(), row.error());
        }
        return String.format(
                "  %-8s %-10s %5d days  %s  (CN=%s)",
                row.status().label(), prefix + row.host(), row.daysLeft(), row.source(), row.commonName());
    }

    @Override
    int failedExitCode() {
        return ExitCodes.CHECK_UNCHECKED;
    }
}
