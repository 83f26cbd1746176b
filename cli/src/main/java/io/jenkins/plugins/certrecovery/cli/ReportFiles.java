package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.report.ExpiryJsonReport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The report files {@code check} was asked for. Each is written whole to a temporary file beside it and then moved into place,
 * so a scheduled job never reads half a report.
 *
 * @param json  JSON report file, or null
 * @param html  HTML report file, or null
 * @param junit JUnit XML report file, or null
 */
record ReportFiles(Path json, Path html, Path junit) {
    @FunctionalInterface
    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Refuses report options this build cannot write before anything is checked (exit 64). */
    void requireSupported() {
        if (html != null || junit != null) {
            throw new UsageException("--html and --junit are not available in this build yet; use --json");
        }
    }

    void write(ExpiryReport report, Terminal terminal) throws IOException {
        if (json != null) {
            write(json, out -> new ExpiryJsonReport(terminal.masker()).write(report, out));
            terminal.info("JSON report: " + json.toAbsolutePath());
        }
    }

    private static void write(Path file, Writer writer) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                writer.write(out);
            }
            Files.move(temporary, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
