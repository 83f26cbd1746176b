package io.jenkins.plugins.certrecovery.jenkins;

import org.jenkinsci.plugins.workflow.graph.FlowNode;

/** The step's node in the flow graph; collects the actions the step adds (WarningAction). */
final class TestFlowNode extends FlowNode {
    TestFlowNode() {
        super(null, "12");
    }
}
