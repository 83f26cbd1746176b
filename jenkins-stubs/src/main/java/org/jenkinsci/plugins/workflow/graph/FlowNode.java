package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Actionable;
import hudson.model.Saveable;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;

/** Stand-in: a node of the flow graph (a step or a stage); its actions are kept in memory. */
public abstract class FlowNode extends Actionable implements Saveable {
    private final String id;

    protected FlowNode(FlowExecution exec, String id, FlowNode... parents) {
        this.id = id;
    }

    public String getId() {
        return id;
    }
}
