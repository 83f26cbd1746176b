package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import java.io.IOException;
import jenkins.console.WithConsoleUrl;
import jenkins.model.HistoricalBuild;
import jenkins.util.io.OnMaster;
import org.kohsuke.stapler.StaplerProxy;

/** Stand-in: a build; keeps its result in memory. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint,
                Comparable<RunT>,
                AccessControlled,
                PersistenceRoot,
                DescriptorByNameOwner,
                OnMaster,
                StaplerProxy,
                HistoricalBuild,
                WithConsoleUrl {
    private volatile Result result;

    protected Run(JobT job) throws IOException {}

    public Result getResult() {
        return result;
    }

    /** As upstream: the result can only get worse while the build runs. */
    public void setResult(Result r) {
        if (result == null || r.isWorseThan(result)) {
            result = r;
        }
    }

    /** Upstream: {@code job full name + "#" + number}. */
    public String getExternalizableId() {
        return getClass().getSimpleName() + "#" + getNumber();
    }

    public int getNumber() {
        return 1;
    }

    @Override
    public int compareTo(RunT that) {
        return Integer.compare(getNumber(), that.getNumber());
    }
}
