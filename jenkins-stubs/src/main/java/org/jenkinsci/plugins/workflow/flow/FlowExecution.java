package org.jenkinsci.plugins.workflow.flow;

import org.jenkinsci.plugins.workflow.graph.FlowActionStorage;
import org.jenkinsci.plugins.workflow.graph.GraphLookupView;

public abstract class FlowExecution implements FlowActionStorage, GraphLookupView {}
