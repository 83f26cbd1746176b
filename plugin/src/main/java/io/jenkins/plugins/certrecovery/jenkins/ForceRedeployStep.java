package io.jenkins.plugins.certrecovery.jenkins;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code forceRedeploy}: sets {@code forceRedeploymentReason} on the kube-apiserver, kube-controller-manager and kube-scheduler
 * operators so that they roll out the regenerated certificates. Returns the reason string it set.
 */
public class ForceRedeployStep extends ClusterStep {
    @DataBoundConstructor
    public ForceRedeployStep() {}

    @Override
    protected ClusterTask task() {
        return new ForceRedeployTask();
    }

    @Extension
    public static final class DescriptorImpl extends ClusterStepDescriptor {
        @Override
        public String getFunctionName() {
            return "forceRedeploy";
        }

        @Override
        public String getDisplayName() {
            return "OpenShift: force redeployment of the control-plane operators";
        }
    }
}
