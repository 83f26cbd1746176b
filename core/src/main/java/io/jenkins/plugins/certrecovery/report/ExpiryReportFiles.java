package io.jenkins.plugins.certrecovery.report;

import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the three reports of one check into a directory: {@value #JSON}, {@value #HTML} with its stylesheets (the shared
 * {@value #STYLESHEET} and the page's own {@code expiry-report.view.css}, see {@link ExpiryHtmlReport#viewStylesheet}), and
 * {@value #JUNIT}. Each file is written beside its final name and then moved over it, so a reader (a Jenkins publisher, a browser)
 * never sees half a report; the stylesheets are in place before the page that links them.
 */
public final class ExpiryReportFiles {
    public static final String JSON = "expiry-report.json";
    public static final String HTML = "expiry-report.html";
    public static final String JUNIT = "expiry-junit.xml";
    public static final String STYLESHEET = ExpiryHtmlReport.STYLESHEET;

    /** The files written. */
    public record Written(Path json, Path html, Path stylesheet, Path viewStylesheet, Path junit) {}

    @FunctionalInterface
    private interface Writer {
        void write(ExpiryReport report, OutputStream out) throws IOException;
    }

    /** What writes one file's content. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private final SecretMasker masker;

    public ExpiryReportFiles(SecretMasker masker) {
        this.masker = masker;
    }

    public Written write(ExpiryReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path json = writeJson(report, directory.resolve(JSON));
        Path html = writeHtml(report, directory.resolve(HTML));
        return new Written(
                json,
                html,
                html.resolveSibling(STYLESHEET),
                html.resolveSibling(ExpiryHtmlReport.viewStylesheet(HTML)),
                writeJunit(report, directory.resolve(JUNIT)));
    }

    /** Writes the JSON report to a file of the caller's choosing (the CLI's {@code --json FILE}), atomically like the others. */
    public Path writeJson(ExpiryReport report, Path file) throws IOException {
        return write(report, file, new ExpiryJsonReport(masker)::write);
    }

    /**
     * Writes the HTML report to a file of the caller's choosing, {@value #STYLESHEET} beside it (replacing one that is there:
     * every report links the same one, so the pages of several checks can share a directory) and the page's own stylesheet, named
     * after the page ({@code before.html}: {@code before.view.css}).
     */
    public Path writeHtml(ExpiryReport report, Path file) throws IOException {
        write(report, file.resolveSibling(STYLESHEET), (ignored, out) -> ExpiryHtmlReport.writeStylesheet(out));
        ExpiryHtmlReport page = new ExpiryHtmlReport(masker);
        String viewStylesheet =
                ExpiryHtmlReport.viewStylesheet(file.getFileName().toString());
        write(report, file.resolveSibling(viewStylesheet), page::writeViewStylesheet);
        return write(report, file, (written, out) -> page.write(written, viewStylesheet, out));
    }

    /** Writes the JUnit XML report to a file of the caller's choosing. */
    public Path writeJunit(ExpiryReport report, Path file) throws IOException {
        return write(report, file, new ExpiryJunitReport(masker)::write);
    }

    private static Path write(ExpiryReport report, Path target, Writer writer) throws IOException {
        return writeAtomically(target, out -> writer.write(report, out));
    }

    /** Writes a file beside its final name, then moves it over that name (the directories made first). */
    static Path writeAtomically(Path target, Content content) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            content.writeTo(out);
        }
        return Files.move(
                partial,
                target,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
