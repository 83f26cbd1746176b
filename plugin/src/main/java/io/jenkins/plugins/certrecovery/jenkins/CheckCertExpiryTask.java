package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.certrecovery.expiry.ExpiryCheck;
import io.jenkins.plugins.certrecovery.expiry.ExpiryCheckSettings;
import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.expiry.ExpiryThresholds;
import io.jenkins.plugins.certrecovery.expiry.TlsEndpoint;
import io.jenkins.plugins.certrecovery.report.ExpiryReportFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code checkCertExpiry} on the agent: the check, its JSON, HTML and JUnit reports in the workspace, then the decision: fail at {@code failOn}, UNSTABLE
 * at {@code unstableOn} or when something could not be checked. Returns the summary map.
 */
record CheckCertExpiryTask(int warningDays, int criticalDays, String reportDir, String failOn, String unstableOn,
                           List<String> extraPaths, boolean checkEndpoints) implements ClusterTask {
    @Override
    public String stepName() {
        return "checkCertExpiry";
    }

    @Override
    public StepOutcome run(AgentSession session) throws IOException, InterruptedException {
        ExpiryCheckSettings settings = ExpiryCheckSettings.defaults()
                .withThresholds(new ExpiryThresholds(warningDays, criticalDays))
                .withExtraPaths(extraPaths)
                .withEndpoints(checkEndpoints ? TlsEndpoint.defaultsFor(session.inventory(), List.of()) : List.of());
        ExpiryCheck check = new ExpiryCheck(session.inventory(), session.hosts(), settings, Clock.systemUTC());
        if (session.dryRun()) {
            session.log("Dry run: nothing is read. The check would do:");
            check.plan().describe().forEach(session::log);
            return StepOutcome.of(null);
        }
        ExpiryReport report = check.execute();
        Path directory = AgentSession.workspacePath(session.workspace(), reportDir, "reportDir");
        new ExpiryReportFiles(session.masker()).write(report, directory);
        Map<ExpiryStatus, Integer> counts = report.counts();
        ExpiryStatus worstCertificate = report.rows().stream().filter(r -> !r.isError()).map(ExpiryRow::status)
                .reduce(ExpiryStatus.OK, ExpiryStatus::worse);
        session.log("Certificate expiry: " + describe(counts) + "; reports in " + reportDir + "/");
        Optional<ExpiryRow> earliest = report.earliestExpiry();
        earliest.ifPresent(row -> session.log("Earliest expiry: " + row.notAfter() + " (" + row.daysLeft() + " days) " + row.host()
                + " " + row.source()));
        report.errors().forEach(row -> session.log("Not checked: " + row.host() + " " + row.source() + ": " + row.error()));

        if (reached(worstCertificate, failOn)) {
            throw new AbortException("certificate expiry: " + count(counts, failOn) + " certificates are " + failOn
                    + " or worse (failOn: '" + failOn + "'); see " + reportDir + "/expiry-report.json");
        }
        List<String> warnings = new ArrayList<>();
        if (reached(worstCertificate, unstableOn)) {
            warnings.add(count(counts, unstableOn) + " certificates are " + unstableOn + " or worse (earliest "
                    + earliest.map(r -> r.notAfter() + " on " + r.host()).orElse("-") + ")");
        }
        if (!report.errors().isEmpty() && !unstableOn.equals("never")) {
            warnings.add(report.errors().size() + " hosts, files or endpoints could not be checked");
        }
        LinkedHashMap<String, Object> summary = new LinkedHashMap<>();
        summary.put("result", report.result().label());
        counts.forEach((status, n) -> summary.put(status.label(), n));
        summary.put("earliestExpiry", earliest.map(r -> r.notAfter().toString()).orElse(null));
        summary.put("earliestExpiryHost", earliest.map(ExpiryRow::host).orElse(null));
        summary.put("earliestExpirySource", earliest.map(ExpiryRow::source).orElse(null));
        summary.put("checkedAt", report.checkedAt().toString());
        summary.put("reportDir", reportDir);
        return new StepOutcome(summary, warnings);
    }

    /** True when the worst certificate class is at least the level ({@code never}: never). */
    private static boolean reached(ExpiryStatus worst, String level) {
        return !level.equals("never") && worst != ExpiryStatus.ERROR
                && worst.ordinal() >= ExpiryStatus.valueOf(level.toUpperCase(Locale.ROOT)).ordinal();
    }

    private static long count(Map<ExpiryStatus, Integer> counts, String level) {
        ExpiryStatus from = ExpiryStatus.valueOf(level.toUpperCase(Locale.ROOT));
        return counts.entrySet().stream().filter(e -> e.getKey() != ExpiryStatus.ERROR && e.getKey().ordinal() >= from.ordinal())
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static String describe(Map<ExpiryStatus, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((status, n) -> parts.add(n + " " + status.label()));
        return String.join(", ", parts);
    }
}
