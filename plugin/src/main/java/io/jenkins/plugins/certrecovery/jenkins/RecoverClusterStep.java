package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
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
public class RecoverClusterStep extends KubeletRestartStep {
    static final List<String> APPROVE_MODES = List.of("validated", "none");

    private String approve;
    private Integer nodesReadyTimeoutMinutes;
    private Integer apiserverTimeoutMinutes;

    @DataBoundConstructor
    public RecoverClusterStep() {}

    public String getApprove() {
        return Arguments.orCatalogueDefault(approve, OptionCatalogue.APPROVE);
    }

    @DataBoundSetter
    public void setApprove(String approve) {
        this.approve = blankToNull(approve);
    }

    public int getNodesReadyTimeoutMinutes() {
        return Arguments.orCatalogueDefault(nodesReadyTimeoutMinutes, OptionCatalogue.NODES_READY_TIMEOUT);
    }

    /** How long {@code approve: 'validated'} waits for every node to be Ready. */
    @DataBoundSetter
    public void setNodesReadyTimeoutMinutes(Integer nodesReadyTimeoutMinutes) {
        this.nodesReadyTimeoutMinutes = nodesReadyTimeoutMinutes;
    }

    public int getApiserverTimeoutMinutes() {
        return Arguments.orCatalogueDefault(apiserverTimeoutMinutes, OptionCatalogue.APISERVER_TIMEOUT);
    }

    /** How long the API server (4.1–4.3: the recovery API server) may take to answer. */
    @DataBoundSetter
    public void setApiserverTimeoutMinutes(Integer apiserverTimeoutMinutes) {
        this.apiserverTimeoutMinutes = apiserverTimeoutMinutes;
    }

    @Override
    protected ClusterTask task() throws AbortException {
        boolean validated =
                Arguments.oneOf("approve", getApprove(), APPROVE_MODES).equals("validated");
        return new RecoverClusterTask(
                validated,
                Arguments.positive("nodesReadyTimeoutMinutes", getNodesReadyTimeoutMinutes(), "minutes"),
                Arguments.positive("apiserverTimeoutMinutes", getApiserverTimeoutMinutes(), "minutes"),
                masters(),
                workers());
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
            String mode =
                    "approve " + Arguments.orDefault(namedArgs.get("approve"), OptionCatalogue.APPROVE.defaultValue());
            return cluster == null ? mode : mode + " on " + cluster;
        }
    }
}
