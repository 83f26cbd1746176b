package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import java.io.Serial;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code mergeCertExpiryReports}: the {@code expiry-report.json} files of separate checks (one per cluster, e.g. from several
 * agents, unstashed into this workspace) as one fleet report in {@code reportDir}, with the optional metrics; fails the build at
 * {@code failOn}, marks it UNSTABLE at {@code unstableOn}, as {@code checkCertExpiry} does. Reads files only, so it needs no
 * cluster and no credential; it runs on the agent of its {@code node} block. Returns the fleet summary as a map.
 */
public class MergeCertExpiryReportsStep extends Step {
    private final String reports;
    private final ExpiryResultArguments results = new ExpiryResultArguments(OptionCatalogue.FLEET_REPORT_DIR);

    /** @param reports a glob of JSON reports in the workspace, e.g. {@code 'cert-expiry/**}{@code /expiry-report.json'} */
    @DataBoundConstructor
    public MergeCertExpiryReportsStep(String reports) {
        this.reports = reports;
    }

    public String getReports() {
        return reports;
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

    public String getPrometheusFile() {
        return results.getPrometheusFile();
    }

    @DataBoundSetter
    public void setPrometheusFile(String prometheusFile) {
        results.setPrometheusFile(prometheusFile);
    }

    public String getPushgatewayUrl() {
        return results.getPushgatewayUrl();
    }

    @DataBoundSetter
    public void setPushgatewayUrl(String pushgatewayUrl) {
        results.setPushgatewayUrl(pushgatewayUrl);
    }

    /** The arguments checked, naming the one that is wrong; the merge's work for the agent. */
    MergeCertExpiryReportsTask task(FilePath workspace, EnvVars env, TaskListener listener) throws AbortException {
        String glob = ClusterStep.blankToNull(reports);
        if (glob == null || glob.startsWith("/") || glob.contains("..")) {
            throw new AbortException(
                    "reports: '" + reports + "' must be a glob of expiry-report.json files inside the workspace, "
                            + "without '..', e.g. 'cert-expiry/**/expiry-report.json'");
        }
        return new MergeCertExpiryReportsTask(
                workspace.getRemote(),
                env.expand(glob),
                env.expand(results.reportDir()),
                results.failOn(),
                results.unstableOn(),
                results.getPrometheusFile() == null ? null : env.expand(results.getPrometheusFile()),
                results.pushgatewayUrl(),
                listener);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /** Arguments on the controller, the merge on the agent through its channel, warnings turned into an UNSTABLE step. */
    private static final class Execution extends SynchronousNonBlockingStepExecution<Object> {
        @Serial
        private static final long serialVersionUID = 1L;

        private final transient MergeCertExpiryReportsStep step;

        Execution(StepContext context, MergeCertExpiryReportsStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Object run() throws Exception {
            StepContext context = getContext();
            TaskListener listener = context.get(TaskListener.class);
            MergeCertExpiryReportsTask task =
                    step.task(context.get(FilePath.class), context.get(EnvVars.class), listener);
            VirtualChannel agent = context.get(Launcher.class).getChannel();
            if (agent == null) {
                throw new AbortException(
                        "the agent of this node block is offline; run the step again when it is connected");
            }
            return AgentCall.outcome(agent.call(task)).reportTo(context);
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class, FlowNode.class);
        }

        @Override
        public String getFunctionName() {
            return "mergeCertExpiryReports";
        }

        @Override
        public String getDisplayName() {
            return "OpenShift: merge certificate expiry reports of several clusters";
        }

        public ListBoxModel doFillFailOnItems() {
            return ExpiryResultArguments.levels();
        }

        public ListBoxModel doFillUnstableOnItems() {
            return ExpiryResultArguments.levels();
        }
    }
}
