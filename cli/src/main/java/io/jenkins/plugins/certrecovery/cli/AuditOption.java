package io.jenkins.plugins.certrecovery.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --audit-file FILE}: where the JSON-lines audit trail of a changing command goes (help and default: the catalogue's). */
final class AuditOption {
    @Option(names = "--audit-file", paramLabel = "FILE")
    Path file;
}
