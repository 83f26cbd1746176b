package io.jenkins.plugins.certrecovery.jenkins;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code regenerateCerts}: runs the operator's {@code regenerate-certificates} on the first master and prints the control-plane
 * certificates' expiry before and after. Returns a map of certificate path to {@code [before: …, after: …]}.
 */
public class RegenerateCertsStep extends ClusterStep {
    @DataBoundConstructor
    public RegenerateCertsStep() {}

    @Override
    protected ClusterTask task() {
        return new RegenerateCertsTask();
    }

    @Extension
    public static final class DescriptorImpl extends ClusterStepDescriptor {
        @Override
        public String getFunctionName() {
            return "regenerateCerts";
        }

        @Override
        public String getDisplayName() {
            return "OpenShift: regenerate control-plane certificates";
        }
    }
}
