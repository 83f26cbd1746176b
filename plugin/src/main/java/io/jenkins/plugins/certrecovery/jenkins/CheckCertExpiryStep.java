package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
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
    private final ExpiryResultArguments results = new ExpiryResultArguments(OptionCatalogue.REPORT_DIR);
    private Integer warningDays;
    private Integer criticalDays;
    private List<String> extraPaths;
    private Boolean checkEndpoints;
    private String inventories;
    private Integer hostParallelism;
    private Integer clusterParallelism;

    @DataBoundConstructor
    public CheckCertExpiryStep() {}

    public int getWarningDays() {
        return Arguments.orCatalogueDefault(warningDays, OptionCatalogue.WARNING_DAYS);
    }

    @DataBoundSetter
    public void setWarningDays(Integer warningDays) {
        this.warningDays = warningDays;
    }

    public int getCriticalDays() {
        return Arguments.orCatalogueDefault(criticalDays, OptionCatalogue.CRITICAL_DAYS);
    }

    @DataBoundSetter
    public void setCriticalDays(Integer criticalDays) {
        this.criticalDays = criticalDays;
    }

    public String getReportDir() {
        return results.getReportDir();
    }

    @DataBoundSetter
    public void setReportDir(String reportDir) {
        results.setReportDir(reportDir);
    }

    public String getFailOn() {
        return results.getFailOn();
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        results.setFailOn(failOn);
    }

    public String getUnstableOn() {
        return results.getUnstableOn();
    }

    @DataBoundSetter
    public void setUnstableOn(String unstableOn) {
        results.setUnstableOn(unstableOn);
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
        return Arguments.orCatalogueDefault(checkEndpoints, OptionCatalogue.CHECK_ENDPOINTS);
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

    public int getHostParallelism() {
        return Arguments.orCatalogueDefault(hostParallelism, OptionCatalogue.HOST_PARALLELISM);
    }

    /** How many hosts and TLS endpoints of a cluster are read at once. */
    @DataBoundSetter
    public void setHostParallelism(Integer hostParallelism) {
        this.hostParallelism = hostParallelism;
    }

    public int getClusterParallelism() {
        return Arguments.orCatalogueDefault(clusterParallelism, OptionCatalogue.CLUSTER_PARALLELISM);
    }

    /** With {@code inventories}: how many clusters are checked at a time. */
    @DataBoundSetter
    public void setClusterParallelism(Integer clusterParallelism) {
        this.clusterParallelism = clusterParallelism;
    }

    public String getPrometheusFile() {
        return results.getPrometheusFile();
    }

    /** Write the metrics in OpenMetrics text to this file on the agent (absolute, or relative to the workspace). */
    @DataBoundSetter
    public void setPrometheusFile(String prometheusFile) {
        results.setPrometheusFile(prometheusFile);
    }

    public String getPushgatewayUrl() {
        return results.getPushgatewayUrl();
    }

    /** Push the metrics to this Prometheus Pushgateway, one group per cluster. */
    @DataBoundSetter
    public void setPushgatewayUrl(String pushgatewayUrl) {
        results.setPushgatewayUrl(pushgatewayUrl);
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
        int hosts = Arguments.positive("hostParallelism", getHostParallelism(), "hosts");
        int warning = Arguments.positive("warningDays", getWarningDays(), "days");
        int critical = Arguments.positive("criticalDays", getCriticalDays(), "days");
        if (critical > warning) {
            throw new AbortException("criticalDays: " + critical + " is more than warningDays " + warning
                    + "; the critical window lies inside the warning window");
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
                results.reportDir(),
                results.failOn(),
                results.unstableOn(),
                paths,
                isCheckEndpoints(),
                inventories,
                hosts,
                parallelism,
                results.getPrometheusFile(),
                results.pushgatewayUrl());
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
            return ExpiryResultArguments.levels();
        }

        public ListBoxModel doFillUnstableOnItems() {
            return ExpiryResultArguments.levels();
        }
    }
}
