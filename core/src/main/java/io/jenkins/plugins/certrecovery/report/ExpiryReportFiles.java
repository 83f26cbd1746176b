package io.jenkins.plugins.certrecovery.report;

import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the three reports of one check into a directory: {@value #JSON}, {@value #HTML} and {@value #JUNIT}. Each file is
 * written beside its final name and then moved over it, so a reader (a Jenkins publisher, a browser) never sees half a report.
 */
public final class ExpiryReportFiles {
    public static final String JSON = "expiry-report.json";
    public static final String HTML = "expiry-report.html";
    public static final String JUNIT = "expiry-junit.xml";

    /** The files written. */
    public record Written(Path json, Path html, Path junit) {
    }

    @FunctionalInterface
    private interface Writer {
        void write(ExpiryReport report, OutputStream out) throws IOException;
    }

    private final SecretMasker masker;

    public ExpiryReportFiles(SecretMasker masker) {
        this.masker = masker;
    }

    public Written write(ExpiryReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        return new Written(
                write(report, directory.resolve(JSON), new ExpiryJsonReport(masker)::write),
                write(report, directory.resolve(HTML), new ExpiryHtmlReport(masker)::write),
                write(report, directory.resolve(JUNIT), new ExpiryJunitReport(masker)::write));
    }

    /** Writes the JSON report to a file of the caller's choosing (the CLI's {@code --json FILE}), atomically like the others. */
    public Path writeJson(ExpiryReport report, Path file) throws IOException {
        return write(report, file, new ExpiryJsonReport(masker)::write);
    }

    /** Writes the HTML report to a file of the caller's choosing. */
    public Path writeHtml(ExpiryReport report, Path file) throws IOException {
        return write(report, file, new ExpiryHtmlReport(masker)::write);
    }

    /** Writes the JUnit XML report to a file of the caller's choosing. */
    public Path writeJunit(ExpiryReport report, Path file) throws IOException {
        return write(report, file, new ExpiryJunitReport(masker)::write);
    }

    private static Path write(ExpiryReport report, Path target, Writer writer) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            writer.write(report, out);
        }
        return Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
