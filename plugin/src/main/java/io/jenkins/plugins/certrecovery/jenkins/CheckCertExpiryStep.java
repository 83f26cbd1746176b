package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.certrecovery.expiry.FleetExpiryCheck;
import io.jenkins.plugins.certrecovery.report.ExpiryOpenMetrics;
import io.jenkins.plugins.certrecovery.report.PushgatewayClient;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code checkCertExpiry}: reads every control-plane and kubelet certificate (and the TLS endpoints), writes JSON, HTML and JUnit
 * reports into the workspace ({@code cert-expiry/} by default), fails the build at {@code failOn} and marks it UNSTABLE at
 * {@code unstableOn}. Returns the summary as a map.
 */
public class CheckCertExpiryStep extends ClusterStep {
    /** Thresholds from best to worst; {@code never} turns the decision off. */
    static final List<String> LEVELS = List.of("warning", "critical", "expired", "never");

    private Integer warningDays;
    private Integer criticalDays;
    private String reportDir;
    private String failOn;
    private String unstableOn;
    private List<String> extraPaths;
    private Boolean checkEndpoints;
    private String inventories;
    private Integer clusterParallelism;
    private String prometheusFile;
    private String pushgatewayUrl;

    @DataBoundConstructor
    public CheckCertExpiryStep() {}

    public int getWarningDays() {
        return Arguments.orDefault(warningDays, 30);
    }

    @DataBoundSetter
    public void setWarningDays(Integer warningDays) {
        this.warningDays = warningDays;
    }

    public int getCriticalDays() {
        return Arguments.orDefault(criticalDays, 7);
    }

    @DataBoundSetter
    public void setCriticalDays(Integer criticalDays) {
        this.criticalDays = criticalDays;
    }

    public String getReportDir() {
        return Arguments.orDefault(reportDir, "cert-expiry");
    }

    @DataBoundSetter
    public void setReportDir(String reportDir) {
        this.reportDir = reportDir;
    }

    public String getFailOn() {
        return Arguments.orDefault(failOn, "expired");
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        this.failOn = failOn;
    }

    public String getUnstableOn() {
        return Arguments.orDefault(unstableOn, "warning");
    }

    @DataBoundSetter
    public void setUnstableOn(String unstableOn) {
        this.unstableOn = unstableOn;
    }

    public List<String> getExtraPaths() {
        return extraPaths;
    }

    /** More certificate files or globs to read on every host. */
    @DataBoundSetter
    public void setExtraPaths(List<String> extraPaths) {
        this.extraPaths = extraPaths;
    }

    public boolean isCheckEndpoints() {
        return Arguments.orDefault(checkEndpoints, true);
    }

    /** Also read the certificates the API (6443) and each kubelet (10250) present, by a TLS handshake from the agent. */
    @DataBoundSetter
    public void setCheckEndpoints(Boolean checkEndpoints) {
        this.checkEndpoints = checkEndpoints;
    }

    public String getInventories() {
        return inventories;
    }

    /** Several clusters: a glob of YAML inventory files in the workspace ({@code 'clusters/*.yaml'}), expanded on the agent. */
    @DataBoundSetter
    public void setInventories(String inventories) {
        this.inventories = ClusterStep.blankToNull(inventories);
    }

    public int getClusterParallelism() {
        return Arguments.orDefault(clusterParallelism, FleetExpiryCheck.DEFAULT_CLUSTER_PARALLELISM);
    }

    /** With {@code inventories}: how many clusters are checked at a time. */
    @DataBoundSetter
    public void setClusterParallelism(Integer clusterParallelism) {
        this.clusterParallelism = clusterParallelism;
    }

    public String getPrometheusFile() {
        return prometheusFile;
    }

    /** Write the metrics in OpenMetrics text to this file on the agent (absolute, or relative to the workspace). */
    @DataBoundSetter
    public void setPrometheusFile(String prometheusFile) {
        this.prometheusFile = ClusterStep.blankToNull(prometheusFile);
    }

    public String getPushgatewayUrl() {
        return pushgatewayUrl;
    }

    /** Push the metrics to this Prometheus Pushgateway, one group per cluster. */
    @DataBoundSetter
    public void setPushgatewayUrl(String pushgatewayUrl) {
        this.pushgatewayUrl = ClusterStep.blankToNull(pushgatewayUrl);
    }

    @Override
    protected boolean clustersGivenOtherwise() {
        return inventories != null;
    }

    @Override
    protected ClusterTask task() throws AbortException {
        if (inventories != null && (getCluster() != null || getInventory() != null)) {
            throw new AbortException(
                    "inventories / cluster / inventory: give the clusters once: inventories: 'clusters/*.yaml' for "
                            + "several, or cluster or inventory for one");
        }
        if (inventories != null && (inventories.startsWith("/") || inventories.contains(".."))) {
            throw new AbortException(
                    "inventories: '" + inventories + "' must be a glob inside the workspace, without '..'");
        }
        int parallelism = Arguments.positive("clusterParallelism", getClusterParallelism(), "clusters");
        int warning = Arguments.positive("warningDays", getWarningDays(), "days");
        int critical = Arguments.positive("criticalDays", getCriticalDays(), "days");
        if (critical > warning) {
            throw new AbortException("criticalDays: " + critical + " is more than warningDays " + warning
                    + "; the critical window lies inside the warning window");
        }
        String dir = ClusterStep.blankToNull(getReportDir());
        if (dir == null || dir.startsWith("/") || dir.contains("..")) {
            throw new AbortException(
                    "reportDir: '" + reportDir + "' must be a directory inside the workspace, without '..'");
        }
        List<String> paths = new ArrayList<>();
        if (extraPaths != null) {
            for (Object path : extraPaths) {
                if (path == null || !path.toString().startsWith("/")) {
                    throw new AbortException(
                            "extraPaths: '" + path + "' must be an absolute path or glob on the hosts");
                }
                paths.add(path.toString());
            }
        }
        return new CheckCertExpiryTask(
                warning,
                critical,
                dir,
                Arguments.oneOf("failOn", getFailOn(), LEVELS),
                Arguments.oneOf("unstableOn", getUnstableOn(), LEVELS),
                paths,
                isCheckEndpoints(),
                inventories,
                parallelism,
                prometheusFile,
                validPushgatewayUrl(pushgatewayUrl));
    }

    /** The drop-down of {@code failOn} and {@code unstableOn}, here and in mergeCertExpiryReports. */
    static ListBoxModel levels() {
        ListBoxModel items = new ListBoxModel();
        LEVELS.forEach(level -> items.add(level, level));
        return items;
    }

    /** The Pushgateway URL, checked on the controller so that a typo fails before any cluster is checked. */
    static String validPushgatewayUrl(String url) throws AbortException {
        if (url != null) {
            try {
                new PushgatewayClient(
                        url, PushgatewayClient.DEFAULT_TIMEOUT, new ExpiryOpenMetrics(new SecretMasker()));
            } catch (IllegalArgumentException e) {
                throw new AbortException("pushgatewayUrl: " + e.getMessage());
            }
        }
        return url;
    }

    @Extension
    public static final class DescriptorImpl extends ClusterStepDescriptor {
        @Override
        public String getFunctionName() {
            return "checkCertExpiry";
        }

        @Override
        public String getDisplayName() {
            return "OpenShift: check certificate expiry";
        }

        public ListBoxModel doFillFailOnItems() {
            return levels();
        }

        public ListBoxModel doFillUnstableOnItems() {
            return levels();
        }
    }
}
