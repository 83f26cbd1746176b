package io.jenkins.plugins.certrecovery.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.Serial;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The context a pipeline gives a step inside {@code node { … }}: the build, its log, the workspace, a launcher whose channel
 * serializes what crosses to the agent, the environment and the step's flow node. {@link #run(Step)} starts the step as CPS
 * does (start(), then wait for onSuccess/onFailure).
 */
final class TestStepContext extends StepContext {
    @Serial
    private static final long serialVersionUID = 1L;

    final transient TestRun run;
    final transient RecordingListener listener = new RecordingListener();
    final transient FilePath workspace;
    final transient RemotingChannel channel = new RemotingChannel(listener);
    final transient Launcher launcher = new TestLauncher(listener, channel);
    final transient EnvVars env = new EnvVars();
    final transient TestFlowNode flowNode = new TestFlowNode();
    private final transient CompletableFuture<Object> outcome = new CompletableFuture<>();

    TestStepContext(Path workspace) throws IOException {
        this(workspace, new TestRun());
    }

    /** A context of another step of the same build (its result accumulates over the steps). */
    TestStepContext(Path workspace, TestRun run) {
        this.run = run;
        this.workspace = new FilePath(workspace.toFile());
        env.put("WORKSPACE", workspace.toString());
    }

    @Override
    public <T> T get(Class<T> key) {
        Object value = key == Run.class ? run : key == TaskListener.class ? listener : key == FilePath.class ? workspace
                : key == Launcher.class ? launcher : key == EnvVars.class ? env : key == FlowNode.class ? flowNode : null;
        return key.cast(value);
    }

    @Override
    public void onSuccess(Object result) {
        outcome.complete(result);
    }

    @Override
    public void onFailure(Throwable t) {
        outcome.completeExceptionally(t);
    }

    /** Starts the step and returns its value; a failure is rethrown as the pipeline would see it. */
    Object run(Step step, Duration limit) throws Exception {
        StepExecution execution = step.start(this);
        if (execution.start()) {
            throw new AssertionError("a synchronous non-blocking step completes asynchronously");
        }
        try {
            return outcome.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception failure) {
                throw failure;
            }
            throw e;
        } catch (TimeoutException e) {
            execution.stop(e);
            throw new AssertionError("the step did not finish within " + limit + "; log so far:\n" + listener.text());
        }
    }

    Object run(Step step) throws Exception {
        return run(step, Duration.ofMinutes(2));
    }
}
