package io.jenkins.plugins.certrecovery.recovery;

/** The preflight found problems; nothing was changed on any host. The message holds the table of problems. */
public class PreflightException extends RecoveryException {
    private final transient PreflightReport report;

    public PreflightException(PreflightReport report) {
        super(null, Preflight.NAME, "nothing was changed; fix these first:\n" + String.join("\n", report.problemTable()));
        this.report = report;
    }

    public PreflightReport report() {
        return report;
    }
}
