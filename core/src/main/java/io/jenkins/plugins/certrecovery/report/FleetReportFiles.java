package io.jenkins.plugins.certrecovery.report;

import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the reports of a fleet into one directory: each cluster's {@link ExpiryReportFiles} in a subdirectory named after the
 * cluster, then {@value #JSON} and {@value #HTML} (with the stylesheet beside it) for the fleet; each file atomically. The CLI's
 * fleet check, {@code report merge} and the Jenkins steps all write this layout.
 */
public final class FleetReportFiles {
    public static final String JSON = "fleet-report.json";
    public static final String HTML = "fleet-report.html";

    private final SecretMasker masker;

    public FleetReportFiles(SecretMasker masker) {
        this.masker = masker;
    }

    /** The fleet's JSON and HTML reports; {@code directory} is where each cluster's subdirectory is. */
    public record Written(Path json, Path html) {}

    public Written write(FleetExpiryReport fleet, Path directory) throws IOException {
        ExpiryReportFiles clusterFiles = new ExpiryReportFiles(masker);
        for (ExpiryReport report : fleet.clusters()) {
            clusterFiles.write(report, clusterDirectory(directory, report.cluster()));
        }
        ExpiryReportFiles.writeAtomically(
                directory.resolve(ExpiryReportFiles.STYLESHEET), ExpiryHtmlReport::writeStylesheet);
        Path json = ExpiryReportFiles.writeAtomically(
                directory.resolve(JSON), out -> new FleetJsonReport(masker).write(fleet, out));
        Path html = ExpiryReportFiles.writeAtomically(
                directory.resolve(HTML), out -> new FleetHtmlReport(masker).write(fleet, out));
        return new Written(json, html);
    }

    /** Where a cluster's reports go: the subdirectory named after it (a name is one path segment, never {@code ..}). */
    public static Path clusterDirectory(Path directory, String cluster) {
        Path resolved = directory.resolve(cluster).normalize();
        if (cluster.isEmpty()
                || cluster.contains("/")
                || cluster.contains("\\")
                || !directory.normalize().equals(resolved.getParent())) {
            throw new IllegalArgumentException(
                    "cluster name '" + cluster + "' cannot name a report directory; give the cluster a name"
                            + " of letters, digits, '.', '_' and '-' (the inventory's name key)");
        }
        return resolved;
    }
}
