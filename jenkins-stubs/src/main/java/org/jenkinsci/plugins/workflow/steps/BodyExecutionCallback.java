package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/** Told when a body ends; the context given is the body's, whose {@code onSuccess}/{@code onFailure} complete the enclosing step. */
public abstract class BodyExecutionCallback implements Serializable {
    private static final long serialVersionUID = 1L;

    public BodyExecutionCallback() {}

    public abstract void onSuccess(StepContext context, Object result);

    public abstract void onFailure(StepContext context, Throwable t);
}
