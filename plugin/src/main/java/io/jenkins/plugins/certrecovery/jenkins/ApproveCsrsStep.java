package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code approveCsrs}: without {@code names}, lists the pending certificate signing requests with a verdict each; with
 * {@code names}, approves those that are still pending and valid; with {@code wait: true}, approves valid ones wave by wave until
 * every node is Ready. Returns a list of maps {@code [name, node, kind, requestor, valid, reasons, approved]}. A refused CSR marks the
 * step and the build UNSTABLE.
 */
public class ApproveCsrsStep extends ClusterStep {
    private List<String> names;
    private Boolean wait;
    private Integer nodesReadyTimeoutMinutes;

    @DataBoundConstructor
    public ApproveCsrsStep() {}

    public List<String> getNames() {
        return names;
    }

    @DataBoundSetter
    public void setNames(List<String> names) {
        this.names = names;
    }

    public boolean isWait() {
        return Arguments.orCatalogueDefault(wait, OptionCatalogue.WAIT);
    }

    @DataBoundSetter
    public void setWait(Boolean wait) {
        this.wait = wait;
    }

    public int getNodesReadyTimeoutMinutes() {
        return Arguments.orCatalogueDefault(nodesReadyTimeoutMinutes, OptionCatalogue.NODES_READY_TIMEOUT);
    }

    /** How long {@code wait: true} waits for every node to be Ready. */
    @DataBoundSetter
    public void setNodesReadyTimeoutMinutes(Integer nodesReadyTimeoutMinutes) {
        this.nodesReadyTimeoutMinutes = nodesReadyTimeoutMinutes;
    }

    @Override
    protected ClusterTask task() throws AbortException {
        if (isWait() && names != null) {
            throw new AbortException(
                    "names / wait: give names (approve those) or wait: true (approve valid ones until the nodes are"
                            + " Ready), not both");
        }
        List<String> asked = null;
        if (names != null) {
            asked = new ArrayList<>();
            for (Object name : names) { // a pipeline may pass GStrings or nulls inside the list
                if (name == null || name.toString().isBlank()) {
                    throw new AbortException(
                            "names: contains an empty name; give the CSR names as 'oc get csr' lists them");
                }
                asked.add(name.toString().strip());
            }
        }
        return new ApproveCsrsTask(
                asked,
                isWait(),
                Arguments.positive("nodesReadyTimeoutMinutes", getNodesReadyTimeoutMinutes(), "minutes"));
    }

    @Override
    protected Set<String> nodeArguments() {
        return Set.of("nodes");
    }

    @Extension
    public static final class DescriptorImpl extends ClusterStepDescriptor {
        @Override
        public String getFunctionName() {
            return "approveCsrs";
        }

        @Override
        public String getDisplayName() {
            return "OpenShift: list or approve node certificate signing requests";
        }
    }
}
