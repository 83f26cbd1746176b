package org.jenkinsci.plugins.workflow.steps;

/** How a block-scoped step runs its body: context objects visible to the steps inside, a callback at its end. */
public abstract class BodyInvoker {
    public BodyInvoker() {}

    /** Overrides or adds a context object: the body's steps find it through {@link StepContext#get(Class)}. */
    public abstract BodyInvoker withContext(Object override);

    public abstract BodyInvoker withCallback(BodyExecutionCallback callback);

    /** Starts the body asynchronously. */
    public abstract BodyExecution start();
}
