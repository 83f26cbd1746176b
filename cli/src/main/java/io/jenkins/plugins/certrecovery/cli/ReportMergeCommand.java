package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.report.FleetExpiryReport;
import io.jenkins.plugins.certrecovery.report.FleetReportException;
import io.jenkins.plugins.certrecovery.report.FleetReportFiles;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code report merge}: the JSON reports of separate checks (one per cluster) as one fleet report. */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Merges the JSON expiry reports of several clusters into the fleet's reports.",
        description = {
            "Reads each expiry-report.json (one per cluster, as 'check' wrote them, e.g. on different machines) and "
                    + "writes into DIR each cluster's reports in a subdirectory named after it, and the fleet's "
                    + FleetReportFiles.JSON + " and " + FleetReportFiles.HTML
                    + ". Rows are kept as they were classified at their check."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:every certificate ok",
            " 1:a certificate in the warning window",
            " 2:a certificate in the critical window or expired",
            " 3:a report has rows that could not be checked, or the metrics could not be written or pushed",
            "64:a bad command line, a file that is not an expiry report, two reports of one cluster"
        })
final class ReportMergeCommand extends GuardedCommand {
    @Option(
            names = {"-o", "--report-dir"},
            paramLabel = "DIR") // help and default: the catalogue's (CatalogueOptions)
    private Path output;

    @Parameters(
            arity = "1..*",
            paramLabel = "FILES_OR_GLOBS",
            description =
                    "The expiry-report.json files; a quoted glob ('reports/**/expiry-report.json') is expanded here.")
    private List<String> reports;

    @Mixin
    private MetricsOptions metrics;

    @Override
    int execute(Terminal terminal, TerminalListener listener, CliEnvironment environment) throws Exception {
        metrics.validate(spec);
        List<Path> files = FileGlobs.expand(reports, "report");
        FleetExpiryReport fleet;
        try {
            fleet = FleetExpiryReport.merge(files);
        } catch (FleetReportException refused) {
            throw new UsageException(refused.getMessage(), refused);
        }
        FleetReportFiles.Written written =
                new FleetReportFiles(terminal.masker()).write(fleet, output.toAbsolutePath());
        terminal.info("Merged " + fleet.clusters().size() + " cluster reports: " + written.html() + " (and "
                + written.json() + ")");
        terminal.result("fleet result: " + fleet.result().label(), CheckCommand.outcome(fleet.result()));
        if (!metrics.export(fleet, terminal)) {
            return ExitCodes.CHECK_UNCHECKED;
        }
        return CheckCommand.exitCode(fleet.result());
    }

    @Override
    String whatInterruptLeaves() {
        return "Reports already moved into place are whole; the others were not written.";
    }
}
