package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Map;
import java.util.Set;

public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    /** True for a block-scoped step ({@code withCredentials { … }}); declarative accepts such a step in {@code options}. */
    public boolean takesImplicitBlockArgument() {
        return false;
    }

    /** Upstream shows a step's main argument beside it in the flow graph; null shows nothing. */
    public String argumentsToString(Map<String, Object> namedArgs) {
        return null;
    }
}
