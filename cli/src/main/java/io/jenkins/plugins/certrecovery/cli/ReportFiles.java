package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.report.ExpiryReportFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The report files {@code check} was asked for, written by core's {@link ExpiryReportFiles} (each one whole, then moved into
 * place, so a scheduled job never reads half a report). The HTML report links {@value ExpiryReportFiles#STYLESHEET}, written
 * into the same directory.
 *
 * @param json  JSON report file, or null
 * @param html  HTML report file, or null
 * @param junit JUnit XML report file, or null
 */
record ReportFiles(Path json, Path html, Path junit) {
    void write(ExpiryReport report, Terminal terminal) throws IOException {
        ExpiryReportFiles files = new ExpiryReportFiles(terminal.masker());
        if (json != null) {
            terminal.info("JSON report: " + files.writeJson(report, json.toAbsolutePath()));
        }
        if (html != null) {
            terminal.info("HTML report: " + files.writeHtml(report, html.toAbsolutePath()));
        }
        if (junit != null) {
            terminal.info("JUnit report: " + files.writeJunit(report, junit.toAbsolutePath()));
        }
    }
}
