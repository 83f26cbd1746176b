package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.util.ListBoxModel;
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

    @DataBoundConstructor
    public CheckCertExpiryStep() {
    }

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

    @Override
    protected ClusterTask task() throws AbortException {
        int warning = Arguments.positive("warningDays", getWarningDays(), "days");
        int critical = Arguments.positive("criticalDays", getCriticalDays(), "days");
        if (critical > warning) {
            throw new AbortException("criticalDays: " + critical + " is more than warningDays " + warning
                    + "; the critical window lies inside the warning window");
        }
        String dir = ClusterStep.blankToNull(getReportDir());
        if (dir == null || dir.startsWith("/") || dir.contains("..")) {
            throw new AbortException("reportDir: '" + reportDir + "' must be a directory inside the workspace, without '..'");
        }
        List<String> paths = new ArrayList<>();
        if (extraPaths != null) {
            for (Object path : extraPaths) {
                if (path == null || !path.toString().startsWith("/")) {
                    throw new AbortException("extraPaths: '" + path + "' must be an absolute path or glob on the hosts");
                }
                paths.add(path.toString());
            }
        }
        return new CheckCertExpiryTask(warning, critical, dir, Arguments.oneOf("failOn", getFailOn(), LEVELS),
                Arguments.oneOf("unstableOn", getUnstableOn(), LEVELS), paths, isCheckEndpoints());
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

        private static ListBoxModel levels() {
            ListBoxModel items = new ListBoxModel();
            LEVELS.forEach(level -> items.add(level, level));
            return items;
        }
    }
}
