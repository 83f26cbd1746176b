package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;
import java.util.Collection;
import java.util.concurrent.Future;

/** A running body (upstream: also cancellable by cause). */
public abstract class BodyExecution implements Serializable, Future<Object> {
    private static final long serialVersionUID = 1L;

    public BodyExecution() {}

    public abstract Collection<StepExecution> getCurrentExecutions();
}
