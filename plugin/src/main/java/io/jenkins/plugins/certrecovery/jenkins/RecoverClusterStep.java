package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code recoverCluster}: the whole recovery in one step, as the CLI's {@code recover} runs it. {@code approve: 'validated'} approves
 * exactly the valid CSRs until every node is Ready; {@code approve: 'none'} stops before approving and returns the pending CSRs, for
 * the pipeline to ask with {@code input} and approve with {@code approveCsrs(names: …)}, then call {@code recoverCluster} again to
 * finish. Returns the summary as a map.
 */
public class RecoverClusterStep extends ClusterStep {
    static final List<String> APPROVE_MODES = List.of("validated", "none");

    private String approve;
    private Integer timeoutMinutes;
    private Integer waitTimeoutMinutes;

    @DataBoundConstructor
    public RecoverClusterStep() {}

    public String getApprove() {
        return Arguments.orDefault(approve, "validated");
    }

    @DataBoundSetter
    public void setApprove(String approve) {
        this.approve = blankToNull(approve);
    }

    public int getTimeoutMinutes() {
        return Arguments.orDefault(timeoutMinutes, 30);
    }

    /** How long {@code approve: 'validated'} waits for every node to be Ready. */
    @DataBoundSetter
    public void setTimeoutMinutes(Integer timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public int getWaitTimeoutMinutes() {
        return Arguments.orDefault(waitTimeoutMinutes, 10);
    }

    /** How long the recovery API server (4.1–4.3) may take to answer. */
    @DataBoundSetter
    public void setWaitTimeoutMinutes(Integer waitTimeoutMinutes) {
        this.waitTimeoutMinutes = waitTimeoutMinutes;
    }

    @Override
    protected ClusterTask task() throws AbortException {
        boolean validated =
                Arguments.oneOf("approve", getApprove(), APPROVE_MODES).equals("validated");
        return new RecoverClusterTask(
                validated,
                Arguments.positive("timeoutMinutes", getTimeoutMinutes(), "minutes"),
                Arguments.positive("waitTimeoutMinutes", getWaitTimeoutMinutes(), "minutes"));
    }

    @Override
    protected Set<String> nodeArguments() {
        return Set.of("nodes", "skipUnreachable");
    }

    @Extension
    public static final class DescriptorImpl extends ClusterStepDescriptor {
        @Override
        public String getFunctionName() {
            return "recoverCluster";
        }

        @Override
        public String getDisplayName() {
            return "OpenShift: recover the whole cluster";
        }

        public ListBoxModel doFillApproveItems() {
            ListBoxModel items = new ListBoxModel();
            APPROVE_MODES.forEach(mode -> items.add(mode, mode));
            return items;
        }

        /** The approval mode first: {@code approve none}, with the cluster when the step names one. */
        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            String cluster = super.argumentsToString(namedArgs);
            String mode = "approve " + Arguments.orDefault(namedArgs.get("approve"), "validated");
            return cluster == null ? mode : mode + " on " + cluster;
        }
    }
}
