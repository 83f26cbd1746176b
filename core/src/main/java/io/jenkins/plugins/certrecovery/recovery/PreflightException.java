package io.jenkins.plugins.certrecovery.recovery;

/** The preflight found problems; nothing was changed on any host. The message holds the table of problems. */
public class PreflightException extends RecoveryException {
    private final transient PreflightReport report;

    public PreflightException(PreflightReport report) {
        super(
                null,
                Preflight.NAME,
                "nothing was changed; fix these first:\n" + String.join("\n", report.problemTable())
                        + (report.problems().stream().anyMatch(f -> f.check().equals(Preflight.REACHABLE))
                                        && report.problems().stream()
                                                .noneMatch(f -> f.check().equals(Preflight.QUORUM))
                                ? "\nTo recover the other nodes without the unreachable ones, run again with --skip-unreachable (Jenkins: "
                                        + "skipUnreachable: true): it goes on as long as a majority of the masters is reachable"
                                : ""));
        this.report = report;
    }

    public PreflightReport report() {
        return report;
    }
}
