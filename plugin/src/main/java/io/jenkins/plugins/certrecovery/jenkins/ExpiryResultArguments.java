package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.certrecovery.options.EngineOption;
import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import io.jenkins.plugins.certrecovery.report.ExpiryOpenMetrics;
import io.jenkins.plugins.certrecovery.report.PushgatewayClient;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.util.List;

/**
 * The arguments {@code checkCertExpiry} and {@code mergeCertExpiryReports} share, held and checked here: where the reports go
 * ({@code reportDir}), when the build fails ({@code failOn}) or turns UNSTABLE ({@code unstableOn}), where the metrics go
 * ({@code prometheusFile}, {@code pushgatewayUrl}). Each step's setters hand their value to it, so the pipeline syntax is the steps'.
 */
final class ExpiryResultArguments {
    /** Thresholds from best to worst; {@code never} turns the decision off. */
    static final List<String> LEVELS = List.of("warning", "critical", "expired", "never");

    /** The step's {@code reportDir} in the catalogue: a check's and a merge's have different defaults. */
    private final EngineOption reportDirOption;

    private String reportDir;
    private String failOn;
    private String unstableOn;
    private String prometheusFile;
    private String pushgatewayUrl;

    ExpiryResultArguments(EngineOption reportDirOption) {
        this.reportDirOption = reportDirOption;
    }

    String getReportDir() {
        return Arguments.orCatalogueDefault(reportDir, reportDirOption);
    }

    void setReportDir(String reportDir) {
        this.reportDir = reportDir;
    }

    String getFailOn() {
        return Arguments.orCatalogueDefault(failOn, OptionCatalogue.FAIL_ON);
    }

    void setFailOn(String failOn) {
        this.failOn = failOn;
    }

    String getUnstableOn() {
        return Arguments.orCatalogueDefault(unstableOn, OptionCatalogue.UNSTABLE_ON);
    }

    void setUnstableOn(String unstableOn) {
        this.unstableOn = unstableOn;
    }

    String getPrometheusFile() {
        return prometheusFile;
    }

    void setPrometheusFile(String prometheusFile) {
        this.prometheusFile = ClusterStep.blankToNull(prometheusFile);
    }

    String getPushgatewayUrl() {
        return pushgatewayUrl;
    }

    void setPushgatewayUrl(String pushgatewayUrl) {
        this.pushgatewayUrl = ClusterStep.blankToNull(pushgatewayUrl);
    }

    /** The report directory, checked: inside the workspace. */
    String reportDir() throws AbortException {
        String dir = ClusterStep.blankToNull(getReportDir());
        if (dir == null || dir.startsWith("/") || dir.contains("..")) {
            throw new AbortException(
                    "reportDir: '" + reportDir + "' must be a directory inside the workspace, without '..'");
        }
        return dir;
    }

    /** {@code failOn}, checked: one of {@link #LEVELS}. */
    String failOn() throws AbortException {
        return Arguments.oneOf("failOn", getFailOn(), LEVELS);
    }

    /** {@code unstableOn}, checked: one of {@link #LEVELS}. */
    String unstableOn() throws AbortException {
        return Arguments.oneOf("unstableOn", getUnstableOn(), LEVELS);
    }

    /** The Pushgateway URL, checked on the controller so that a typo fails before any cluster is checked. */
    String pushgatewayUrl() throws AbortException {
        if (pushgatewayUrl != null) {
            try {
                new PushgatewayClient(
                        pushgatewayUrl, PushgatewayClient.DEFAULT_TIMEOUT, new ExpiryOpenMetrics(new SecretMasker()));
            } catch (IllegalArgumentException e) {
                throw new AbortException("pushgatewayUrl: " + e.getMessage());
            }
        }
        return pushgatewayUrl;
    }

    /** The drop-down of {@code failOn} and {@code unstableOn}. */
    static ListBoxModel levels() {
        ListBoxModel items = new ListBoxModel();
        LEVELS.forEach(level -> items.add(level, level));
        return items;
    }
}
