package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

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

    @Option(names = "--warning-days", paramLabel = "DAYS", defaultValue = "30",
            description = "A certificate expiring within this many days is a warning (default: ${DEFAULT-VALUE}).")
    private int warningDays;

    @Option(names = "--critical-days", paramLabel = "DAYS", defaultValue = "7",
            description = "A certificate expiring within this many days is critical (default: ${DEFAULT-VALUE}).")
    private int criticalDays;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON report here (schema: docs/expiry-report.md).")
    private Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML report here (one self-contained file).")
    private Path html;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Write a JUnit XML report here: one test case per certificate, failing when critical or expired.")
    private Path junit;

    @Override
    int run(Terminal terminal, TerminalListener listener, Inventory inventory, CliEnvironment environment) {
        throw new UsageException("not wired yet");
    }
}
