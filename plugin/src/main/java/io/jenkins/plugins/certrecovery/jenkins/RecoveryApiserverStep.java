package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code recoveryApiserver}: starts the temporary recovery API server on the first master (OpenShift 4.1–4.3), or destroys it.
 * Returns the recovery kubeconfig path on the master ({@code create}) or null ({@code destroy}).
 */
public class RecoveryApiserverStep extends ClusterStep {
    static final List<String> ACTIONS = List.of("create", "destroy");

    private String action;
    private Integer apiserverTimeoutMinutes;

    @DataBoundConstructor
    public RecoveryApiserverStep() {}

    public String getAction() {
        return Arguments.orDefault(action, "create");
    }

    @DataBoundSetter
    public void setAction(String action) {
        this.action = action;
    }

    public int getApiserverTimeoutMinutes() {
        return Arguments.orCatalogueDefault(apiserverTimeoutMinutes, OptionCatalogue.APISERVER_TIMEOUT);
    }

    /** How long {@code create} waits for the server to answer. */
    @DataBoundSetter
    public void setApiserverTimeoutMinutes(Integer apiserverTimeoutMinutes) {
        this.apiserverTimeoutMinutes = apiserverTimeoutMinutes;
    }

    @Override
    protected ClusterTask task() throws AbortException {
        String verb = Arguments.oneOf("action", getAction(), ACTIONS);
        int apiserverTimeoutMinutes =
                Arguments.positive("apiserverTimeoutMinutes", getApiserverTimeoutMinutes(), "minutes");
        return new RecoveryApiserverTask(verb.equals("create"), apiserverTimeoutMinutes);
    }

    @Extension
    public static final class DescriptorImpl extends ClusterStepDescriptor {
        @Override
        public String getFunctionName() {
            return "recoveryApiserver";
        }

        @Override
        public String getDisplayName() {
            return "OpenShift: create or destroy the recovery API server";
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            String cluster = super.argumentsToString(namedArgs);
            Object verb = Arguments.orDefault(namedArgs.get("action"), "create");
            return cluster == null ? String.valueOf(verb) : verb + " on " + cluster;
        }

        public ListBoxModel doFillActionItems() {
            ListBoxModel items = new ListBoxModel();
            ACTIONS.forEach(a -> items.add(a, a));
            return items;
        }
    }
}
