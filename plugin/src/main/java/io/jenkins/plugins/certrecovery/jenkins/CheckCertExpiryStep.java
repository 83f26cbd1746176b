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

    private int warningDays = 30;
    private int criticalDays = 7;
    private String reportDir = "cert-expiry";
    private String failOn = "expired";
    private String unstableOn = "warning";
    private List<String> extraPaths;
    private boolean checkEndpoints = true;

    @DataBoundConstructor
    public CheckCertExpiryStep() {
    }

    public int getWarningDays() {
        return warningDays;
    }

    @DataBoundSetter
    public void setWarningDays(int warningDays) {
        this.warningDays = warningDays;
    }

    public int getCriticalDays() {
        return criticalDays;
    }

    @DataBoundSetter
    public void setCriticalDays(int criticalDays) {
        this.criticalDays = criticalDays;
    }

    public String getReportDir() {
        return reportDir;
    }

    @DataBoundSetter
    public void setReportDir(String reportDir) {
        this.reportDir = reportDir;
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        this.failOn = failOn;
    }

    public String getUnstableOn() {
        return unstableOn;
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
        return checkEndpoints;
    }

    /** Also read the certificates the API (6443) and each kubelet (10250) present, by a TLS handshake from the agent. */
    @DataBoundSetter
    public void setCheckEndpoints(boolean checkEndpoints) {
        this.checkEndpoints = checkEndpoints;
    }

    @Override
    protected ClusterTask task() throws AbortException {
        Arguments.positive("warningDays", warningDays, "days");
        Arguments.positive("criticalDays", criticalDays, "days");
        if (criticalDays > warningDays) {
            throw new AbortException("criticalDays: " + criticalDays + " is more than warningDays " + warningDays
                    + "; the critical window lies inside the warning window");
        }
        String dir = ClusterStep.blankToNull(reportDir);
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
        return new CheckCertExpiryTask(warningDays, criticalDays, dir, Arguments.oneOf("failOn", failOn, LEVELS),
                Arguments.oneOf("unstableOn", unstableOn, LEVELS), paths, checkEndpoints);
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
