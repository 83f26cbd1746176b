package io.jenkins.plugins.certrecovery.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --audit FILE}: where the JSON-lines audit trail of a changing command goes. */
final class AuditOption {
    @Option(
            names = "--audit",
            paramLabel = "FILE",
            description =
                    "Append the audit trail (JSON lines: every remote command, file changed with its backup, CSR verdict) "
                            + "to this file (default: ocp-cert-recovery-audit.jsonl in the current directory).")
    Path file = Path.of("ocp-cert-recovery-audit.jsonl");
}
