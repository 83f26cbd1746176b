package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.certrecovery.expiry.FileGlob;
import io.jenkins.plugins.certrecovery.report.FleetExpiryReport;
import io.jenkins.plugins.certrecovery.report.FleetReportException;
import io.jenkins.plugins.certrecovery.report.FleetReportFiles;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.io.Serial;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jenkins.security.MasterToSlaveCallable;

/**
 * {@code mergeCertExpiryReports} on the agent: the reports the glob matches in the workspace, merged, written as the fleet's
 * reports, the metrics exported, the decision taken as {@code checkCertExpiry} takes it. Only strings and the listener cross the
 * channel; the reply is the {@link StepOutcome} in {@link ChannelForm}, every failure an {@link AbortException}.
 */
final class MergeCertExpiryReportsTask extends MasterToSlaveCallable<Map<String, Object>, IOException> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String workspace;
    private final String reports;
    private final String reportDir;
    private final String failOn;
    private final String unstableOn;
    private final String prometheusFile;
    private final String pushgatewayUrl;
    private final TaskListener listener;

    MergeCertExpiryReportsTask(
            String workspace,
            String reports,
            String reportDir,
            String failOn,
            String unstableOn,
            String prometheusFile,
            String pushgatewayUrl,
            TaskListener listener) {
        this.workspace = workspace;
        this.reports = reports;
        this.reportDir = reportDir;
        this.failOn = failOn;
        this.unstableOn = unstableOn;
        this.prometheusFile = prometheusFile;
        this.pushgatewayUrl = pushgatewayUrl;
        this.listener = listener;
    }

    @Override
    public Map<String, Object> call() throws IOException {
        Path root = Path.of(workspace);
        SecretMasker masker = new SecretMasker();
        BuildLog log = new BuildLog(listener.getLogger(), masker);
        List<Path> files = FileGlob.matches(root.resolve(reports));
        if (files.isEmpty()) {
            throw new AbortException("reports: '" + reports + "' matches no file in the workspace " + root
                    + "; unstash or copy the clusters' expiry-report.json files here before this step");
        }
        FleetExpiryReport fleet;
        try {
            fleet = FleetExpiryReport.merge(files);
        } catch (FleetReportException refused) {
            throw new AbortException("reports: " + refused.getMessage());
        }
        log.line("Merged " + files.size() + " reports: "
                + fleet.clusters().stream().map(r -> r.cluster()).toList());
        new FleetReportFiles(masker).write(fleet, AgentSession.workspacePath(root, reportDir, "reportDir"));
        try {
            CheckCertExpiryTask.exportMetrics(
                    fleet,
                    prometheusFile == null ? null : root.resolve(prometheusFile),
                    pushgatewayUrl,
                    masker,
                    log::line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbortException("interrupted while pushing the metrics; the reports were written");
        }
        return ChannelForm.of(CheckCertExpiryTask.decide(
                fleet, failOn, unstableOn, reportDir, reportDir + "/" + FleetReportFiles.JSON, log::line));
    }
}
