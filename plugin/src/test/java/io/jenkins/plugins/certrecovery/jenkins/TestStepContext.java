package io.jenkins.plugins.certrecovery.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The context a pipeline gives a step inside {@code node { … }}: the build, its log, the workspace, a launcher whose channel
 * serializes what crosses to the agent, the environment and the step's flow node. {@link #run(Step)} starts the step as CPS
 * does (start(), then wait for onSuccess/onFailure).
 * <p>
 * A block step's body is Java code given with {@link #withBody}: {@link #newBodyInvoker()} runs it on its own thread with a body
 * context that holds what the block added with {@code withContext} (nested steps started with {@link #nested()} see it through
 * {@link #get}), then calls the block's callback with that body context, whose {@code onSuccess}/{@code onFailure} end the block as
 * in CPS. As CPS saves the program with them, context objects must be serializable: the body sees a serialized copy.
 */
final class TestStepContext extends StepContext {
    @Serial
    private static final long serialVersionUID = 1L;

    final transient TestRun run;
    /** This step's part of the build log (a body's context writes to its block's). */
    final transient RecordingListener listener;

    final transient FilePath workspace;
    final transient RemotingChannel channel;
    final transient Launcher launcher;
    final transient EnvVars env = new EnvVars();
    final transient TestFlowNode flowNode = new TestFlowNode();
    /** What enclosing blocks added to the context, innermost last. */
    private final transient List<Object> blockContext;
    /** Where onSuccess/onFailure go: this step's outcome, or for a body's context the enclosing block's. */
    private final transient CompletableFuture<Object> outcome;

    private transient Body body;

    /** A block's body: what the steps inside the block do, given the body's context. */
    @FunctionalInterface
    interface Body {
        Object run(TestStepContext bodyContext) throws Exception;
    }

    TestStepContext(Path workspace) throws IOException {
        this(workspace, new TestRun());
    }

    /** A context of another step of the same build (its result accumulates over the steps). */
    TestStepContext(Path workspace, TestRun run) {
        this(workspace, run, List.of(), new CompletableFuture<>(), new RecordingListener());
    }

    private TestStepContext(
            Path workspace,
            TestRun run,
            List<Object> blockContext,
            CompletableFuture<Object> outcome,
            RecordingListener listener) {
        this.run = run;
        this.listener = listener;
        this.channel = new RemotingChannel(listener);
        this.launcher = new TestLauncher(listener, channel);
        this.workspace = new FilePath(workspace.toFile());
        this.blockContext = List.copyOf(blockContext);
        this.outcome = outcome;
        env.put("WORKSPACE", workspace.toString());
    }

    /** The context of a step inside the block whose body runs with this context. */
    TestStepContext nested() {
        return new TestStepContext(
                Path.of(workspace.getRemote()), run, blockContext, new CompletableFuture<>(), new RecordingListener());
    }

    /** Gives the block step started with this context its body. */
    TestStepContext withBody(Body body) {
        this.body = body;
        return this;
    }

    @Override
    public <T> T get(Class<T> key) {
        for (int i = blockContext.size() - 1; i >= 0; i--) {
            if (key.isInstance(blockContext.get(i))) {
                return key.cast(blockContext.get(i));
            }
        }
        Object value = key == Run.class
                ? run
                : key == TaskListener.class
                        ? listener
                        : key == FilePath.class
                                ? workspace
                                : key == Launcher.class
                                        ? launcher
                                        : key == EnvVars.class ? env : key == FlowNode.class ? flowNode : null;
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

    @Override
    public BodyInvoker newBodyInvoker() {
        if (body == null) {
            throw new IllegalStateException(
                    "newBodyInvoker() of a step that was given no body (TestStepContext.withBody)");
        }
        return new TestBodyInvoker();
    }

    /** Starts the step as CPS does; it must complete asynchronously, through this context. */
    StepExecution start(Step step) throws Exception {
        StepExecution execution = step.start(this);
        if (execution.start()) {
            throw new AssertionError("the plugin's steps complete asynchronously");
        }
        return execution;
    }

    /** Waits for the started step's end and returns its value; a failure is rethrown as the pipeline would see it. */
    Object await(StepExecution execution, Duration limit) throws Exception {
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

    /** Starts the step and returns its value; a failure is rethrown as the pipeline would see it. */
    Object run(Step step, Duration limit) throws Exception {
        return await(start(step), limit);
    }

    Object run(Step step) throws Exception {
        return run(step, Duration.ofMinutes(2));
    }

    private final class TestBodyInvoker extends BodyInvoker {
        private final List<Object> added = new ArrayList<>();
        private BodyExecutionCallback callback;

        @Override
        public BodyInvoker withContext(Object override) {
            added.add(savedAndRestored(override));
            return this;
        }

        @Override
        public BodyInvoker withCallback(BodyExecutionCallback callback) {
            saved(callback); // the running block keeps its own: no restart happens here
            this.callback = callback;
            return this;
        }

        @Override
        public BodyExecution start() {
            List<Object> context = new ArrayList<>(blockContext);
            context.addAll(added);
            TestStepContext bodyContext =
                    new TestStepContext(Path.of(workspace.getRemote()), run, context, outcome, listener);
            CompletableFuture<Object> ended = new CompletableFuture<>();
            Thread thread = new Thread(
                    () -> {
                        try {
                            Object result = body.run(bodyContext);
                            ended.complete(result);
                            callback.onSuccess(bodyContext, result);
                        } catch (Throwable t) {
                            ended.completeExceptionally(t);
                            callback.onFailure(bodyContext, t);
                        }
                    },
                    "body of a block step");
            thread.setDaemon(true);
            thread.start();
            return new TestBodyExecution(ended);
        }
    }

    /** What CPS does with a context object or callback when it saves the program: it must serialize; a copy comes back. */
    private static Object savedAndRestored(Object value) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(saved(value)))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes CPS would save for the value. */
    static byte[] saved(Object value) {
        if (!(value instanceof Serializable)) {
            throw new IllegalArgumentException(
                    value.getClass() + " is not serializable: CPS could not save the program");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(
                    e.getMessage() + " is not serializable: CPS could not save the program", e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static final class TestBodyExecution extends BodyExecution {
        @Serial
        private static final long serialVersionUID = 1L;

        private final transient CompletableFuture<Object> ended;

        TestBodyExecution(CompletableFuture<Object> ended) {
            this.ended = ended;
        }

        @Override
        public Collection<StepExecution> getCurrentExecutions() {
            return List.of();
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return ended.cancel(mayInterruptIfRunning);
        }

        @Override
        public boolean isCancelled() {
            return ended.isCancelled();
        }

        @Override
        public boolean isDone() {
            return ended.isDone();
        }

        @Override
        public Object get() throws InterruptedException, ExecutionException {
            return ended.get();
        }

        @Override
        public Object get(long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, TimeoutException {
            return ended.get(timeout, unit);
        }
    }
}
