package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryException;
import io.jenkins.plugins.certrecovery.expiry.ExpiryCheck;
import io.jenkins.plugins.certrecovery.expiry.ExpiryCheckSettings;
import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.expiry.ExpiryThresholds;
import io.jenkins.plugins.certrecovery.expiry.FileGlob;
import io.jenkins.plugins.certrecovery.expiry.FleetExpiryCheck;
import io.jenkins.plugins.certrecovery.expiry.ShutdownHorizon;
import io.jenkins.plugins.certrecovery.expiry.TlsEndpoint;
import io.jenkins.plugins.certrecovery.report.ExpiryOpenMetrics;
import io.jenkins.plugins.certrecovery.report.ExpiryReportFiles;
import io.jenkins.plugins.certrecovery.report.FleetExpiryReport;
import io.jenkins.plugins.certrecovery.report.FleetReportFiles;
import io.jenkins.plugins.certrecovery.report.PushgatewayClient;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code checkCertExpiry} on the agent: the check of one cluster or, with {@code inventories}, of each cluster whose inventory
 * matches (in parallel, bounded), its reports in the workspace, the metrics for Prometheus, then the decision: fail at
 * {@code failOn}, UNSTABLE at {@code unstableOn} or when something could not be checked. Returns the summary map.
 */
record CheckCertExpiryTask(
        int warningDays,
        int criticalDays,
        String reportDir,
        String failOn,
        String unstableOn,
        List<String> extraPaths,
        boolean checkEndpoints,
        String inventories,
        int hostParallelism,
        int clusterParallelism,
        String prometheusFile,
        String pushgatewayUrl)
        implements ClusterTask {
    @Override
    public String stepName() {
        return "checkCertExpiry";
    }

    @Override
    public StepOutcome run(AgentSession session) throws IOException, InterruptedException {
        ExpiryThresholds thresholds = new ExpiryThresholds(warningDays, criticalDays);
        Path directory = AgentSession.workspacePath(session.workspace(), reportDir, "reportDir");
        FleetExpiryReport fleet;
        String reportFile;
        if (inventories == null) {
            ExpiryCheck check = new ExpiryCheck(
                    session.inventory(), session.hosts(), settings(session.inventory(), thresholds), Clock.systemUTC());
            if (session.dryRun()) {
                session.log("Dry run: nothing is read. The check would do:");
                check.plan().describe().forEach(session::log);
                return StepOutcome.of(null);
            }
            ExpiryReport report = check.execute();
            new ExpiryReportFiles(session.masker()).write(report, directory);
            fleet = new FleetExpiryReport(List.of(report));
            reportFile = reportDir + "/" + ExpiryReportFiles.JSON;
        } else {
            List<FleetExpiryCheck.Member> members = members(session);
            if (session.dryRun()) {
                session.log(
                        "Dry run: nothing is read. The check would do, " + clusterParallelism + " clusters at a time:");
                for (FleetExpiryCheck.Member member : members) {
                    session.log("cluster " + member.cluster() + " (" + member.source() + ")"
                            + (member.inventory() == null ? ": refused: " + member.refusal() : ":"));
                    if (member.inventory() != null) {
                        try (ClusterHosts hosts = session.hostsOf(member.inventory())) {
                            new ExpiryCheck(
                                            member.inventory(),
                                            hosts,
                                            settings(member.inventory(), thresholds),
                                            Clock.systemUTC())
                                    .plan()
                                    .describe()
                                    .forEach(session::log);
                        }
                    }
                }
                return StepOutcome.of(null);
            }
            session.log("Checking " + members.size() + " clusters, " + clusterParallelism + " at a time");
            fleet = new FleetExpiryReport(new FleetExpiryCheck(
                            clusterParallelism, thresholds, session.masker(), Clock.systemUTC())
                    .run(members, inventory -> {
                        try (ClusterHosts hosts = session.hostsOf(inventory)) {
                            return new ExpiryCheck(inventory, hosts, settings(inventory, thresholds), Clock.systemUTC())
                                    .execute();
                        }
                    }));
            new FleetReportFiles(session.masker()).write(fleet, directory);
            reportFile = reportDir + "/" + FleetReportFiles.JSON;
        }
        exportMetrics(
                fleet,
                prometheusFile == null ? null : session.workspace().resolve(prometheusFile),
                pushgatewayUrl,
                session.masker(),
                session::log);
        return decide(fleet, failOn, unstableOn, reportDir, reportFile, session::log);
    }

    private ExpiryCheckSettings settings(Inventory inventory, ExpiryThresholds thresholds) {
        return ExpiryCheckSettings.defaults()
                .withThresholds(thresholds)
                .withExtraPaths(extraPaths)
                .withEndpoints(checkEndpoints ? TlsEndpoint.defaultsFor(inventory, List.of()) : List.of())
                .withParallelism(hostParallelism);
    }

    /** The inventories the glob matches in the workspace, sorted; a refused one is a member without inventory. */
    private List<FleetExpiryCheck.Member> members(AgentSession session) throws IOException {
        Path workspace = session.workspace();
        List<Path> files = FileGlob.matches(workspace.resolve(inventories));
        if (files.isEmpty()) {
            throw new AbortException("inventories: '" + inventories + "' matches no file in the workspace " + workspace
                    + "; check the pattern, and check the inventories out or write them before this step");
        }
        List<FleetExpiryCheck.Member> members = new ArrayList<>();
        for (Path file : files) {
            String relative = workspace.relativize(file).toString();
            try {
                members.add(FleetExpiryCheck.Member.loaded(session.inventoryFile(relative), relative));
            } catch (InventoryException refused) {
                session.log("Refused: " + refused.getMessage());
                members.add(FleetExpiryCheck.Member.refused(Path.of(relative), refused.getMessage()));
            }
        }
        try {
            FleetExpiryCheck.requireDistinctNames(members);
        } catch (IllegalArgumentException duplicate) {
            throw new AbortException("inventories: " + duplicate.getMessage());
        }
        return members;
    }

    /**
     * Writes and pushes the metrics asked for, after the reports.
     *
     * @throws AbortException naming the file or the URL, after trying both
     */
    static void exportMetrics(
            FleetExpiryReport fleet,
            Path prometheusFile,
            String pushgatewayUrl,
            SecretMasker masker,
            Consumer<String> log)
            throws AbortException, InterruptedException {
        ExpiryOpenMetrics metrics = new ExpiryOpenMetrics(masker);
        List<String> failures = new ArrayList<>();
        if (prometheusFile != null) {
            try {
                log.accept("Prometheus metrics: " + metrics.writeFile(fleet, prometheusFile));
            } catch (IOException e) {
                failures.add("prometheusFile: " + e.getMessage());
            }
        }
        if (pushgatewayUrl != null) {
            try {
                new PushgatewayClient(pushgatewayUrl, PushgatewayClient.DEFAULT_TIMEOUT, metrics).push(fleet);
                log.accept("Pushed the metrics of " + fleet.clusters().size() + " cluster(s) to " + pushgatewayUrl);
            } catch (IOException e) {
                failures.add("pushgatewayUrl: " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new AbortException(String.join("; ", failures) + " (the reports were written)");
        }
    }

    /**
     * Logs the fleet's result and decides: an {@link AbortException} at {@code failOn}, warnings (UNSTABLE) at {@code unstableOn} or
     * when something could not be checked; the summary map as the step's value.
     */
    static StepOutcome decide(
            FleetExpiryReport fleet,
            String failOn,
            String unstableOn,
            String reportDir,
            String reportFile,
            Consumer<String> log)
            throws AbortException {
        boolean several = fleet.clusters().size() > 1;
        Map<ExpiryStatus, Integer> counts = new EnumMap<>(ExpiryStatus.class);
        for (ExpiryReport report : fleet.clusters()) {
            report.counts().forEach((status, n) -> counts.merge(status, n, Integer::sum));
            if (several) {
                log.accept("Cluster " + report.cluster() + ": "
                        + report.result().label() + " (" + describe(report.counts()) + ")");
            }
        }
        List<FleetExpiryReport.FleetRow> rows = fleet.rows();
        ExpiryStatus worstCertificate = rows.stream()
                .filter(r -> !r.row().isError())
                .map(r -> r.row().status())
                .reduce(ExpiryStatus.OK, ExpiryStatus::worse);
        log.accept("Certificate expiry: " + describe(counts) + "; reports in " + reportDir + "/");
        Optional<FleetExpiryReport.FleetRow> earliest = rows.stream()
                .filter(r -> !r.row().isError())
                .min(Comparator.comparing(r -> r.row().notAfter()));
        earliest.ifPresent(r -> log.accept("Earliest expiry: " + r.row().notAfter() + " ("
                + r.row().daysLeft() + " days) " + (several ? r.cluster() + " " : "")
                + r.row().host() + " " + r.row().source()));
        List<FleetExpiryReport.FleetRow> errors =
                rows.stream().filter(r -> r.row().isError()).toList();
        errors.forEach(r -> log.accept("Not checked: " + (several ? r.cluster() + " " : "")
                + r.row().host() + " " + r.row().source() + ": " + r.row().error()));

        if (reached(worstCertificate, failOn)) {
            throw new AbortException("certificate expiry: " + count(counts, failOn) + " certificates are " + failOn
                    + " or worse (failOn: '" + failOn + "'); see " + reportFile);
        }
        List<String> warnings = new ArrayList<>();
        if (reached(worstCertificate, unstableOn)) {
            warnings.add(count(counts, unstableOn) + " certificates are " + unstableOn + " or worse (earliest "
                    + earliest.map(r -> r.row().notAfter() + " on " + (several ? r.cluster() + " " : "")
                                    + r.row().host())
                            .orElse("-")
                    + ")");
        }
        if (!errors.isEmpty() && !unstableOn.equals("never")) {
            warnings.add(errors.size() + " hosts, files or endpoints could not be checked");
        }
        LinkedHashMap<String, Object> summary = new LinkedHashMap<>();
        summary.put("result", fleet.result().label());
        counts.forEach((status, n) -> summary.put(status.label(), n));
        summary.put(
                "earliestExpiry",
                earliest.map(r -> r.row().notAfter().toString()).orElse(null));
        summary.put(
                "earliestExpiryCluster",
                earliest.map(FleetExpiryReport.FleetRow::cluster).orElse(null));
        summary.put("earliestExpiryHost", earliest.map(r -> r.row().host()).orElse(null));
        summary.put("earliestExpirySource", earliest.map(r -> r.row().source()).orElse(null));
        if (!several) {
            summary.put("cluster", fleet.clusters().get(0).cluster());
            summary.put("checkedAt", fleet.clusters().get(0).checkedAt().toString());
        }
        summary.put("reportDir", reportDir);
        ArrayList<Object> clusters = new ArrayList<>();
        for (FleetExpiryReport.ClusterSummary cluster : fleet.summaries()) {
            LinkedHashMap<String, Object> entry = new LinkedHashMap<>();
            entry.put("cluster", cluster.cluster());
            entry.put("result", cluster.result().label());
            cluster.counts().forEach((status, n) -> entry.put(status.label(), n));
            entry.put(
                    "earliestExpiry",
                    cluster.earliestExpiry() == null
                            ? null
                            : cluster.earliestExpiry().notAfter().toString());
            entry.put("checkedAt", cluster.checkedAt().toString());
            fleet.clusters().stream()
                    .filter(r -> r.cluster().equals(cluster.cluster()))
                    .findFirst()
                    .ifPresent(r -> entry.put("shutdownHorizon", horizon(r.shutdownHorizon())));
            clusters.add(entry);
        }
        for (ExpiryReport report : fleet.clusters()) {
            report.shutdownHorizon()
                    .describe()
                    .forEach(line -> log.accept((several ? report.cluster() + ": " : "") + line));
        }
        if (!several) {
            summary.put("shutdownHorizon", horizon(fleet.clusters().get(0).shutdownHorizon()));
        }
        summary.put("clusters", clusters);
        return new StepOutcome(summary, warnings);
    }

    /**
     * Until when the cluster may be powered off and come back ({@code docs/expiry-report.md}): each level's date, or null where no
     * certificate read limits it or the horizon was not computed (then {@code reason} says why).
     */
    private static LinkedHashMap<String, Object> horizon(ShutdownHorizon horizon) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("computed", horizon.computed());
        if (!horizon.computed()) {
            map.put("reason", horizon.reason());
            return map;
        }
        map.put("nothingToDoUntil", until(horizon.nothingToDo()));
        map.put("csrApprovalByHandUntil", until(horizon.csrApprovalByHand()));
        map.put("adminKubeconfigFromOutsideUntil", until(horizon.adminKubeconfigFromOutside()));
        ArrayList<Object> findings = new ArrayList<>();
        horizon.findings().forEach(f -> findings.add(f.severity().label() + ": " + f.message()));
        map.put("findings", findings);
        return map;
    }

    private static String until(ShutdownHorizon.Limit limit) {
        return limit.until() == null ? null : limit.until().toString();
    }

    /** True when the worst certificate class is at least the level ({@code never}: never). */
    private static boolean reached(ExpiryStatus worst, String level) {
        return !level.equals("never")
                && worst != ExpiryStatus.ERROR
                && worst.ordinal()
                        >= ExpiryStatus.valueOf(level.toUpperCase(Locale.ROOT)).ordinal();
    }

    private static long count(Map<ExpiryStatus, Integer> counts, String level) {
        ExpiryStatus from = ExpiryStatus.valueOf(level.toUpperCase(Locale.ROOT));
        return counts.entrySet().stream()
                .filter(e -> e.getKey() != ExpiryStatus.ERROR && e.getKey().ordinal() >= from.ordinal())
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    private static String describe(Map<ExpiryStatus, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((status, n) -> parts.add(n + " " + status.label()));
        return String.join(", ", parts);
    }
}
