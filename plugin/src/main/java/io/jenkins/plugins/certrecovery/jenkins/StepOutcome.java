package io.jenkins.plugins.certrecovery.jenkins;

import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.List;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What a step's agent-side work hands back to the controller (across the channel as its {@link ChannelForm}).
 *
 * @param value    the step's return value in the pipeline (plain maps, lists, strings, numbers, booleans)
 * @param warnings reasons to mark the step and the build UNSTABLE; empty when all is well
 */
public record StepOutcome(Object value, List<String> warnings) {
    public StepOutcome {
        warnings = List.copyOf(warnings);
    }

    public static StepOutcome of(Object value) {
        return new StepOutcome(value, List.of());
    }

    /**
     * The step's value, after marking the step and the build UNSTABLE for the warnings, as junit and unstable do (the stage shows
     * yellow in Blue Ocean and pipeline-graph-view).
     */
    Object reportTo(StepContext context) throws IOException, InterruptedException {
        if (!warnings.isEmpty()) {
            String message = String.join("; ", warnings);
            context.get(TaskListener.class).getLogger().println("Marking the step and the build UNSTABLE: " + message);
            context.get(FlowNode.class).addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(message));
            context.get(Run.class).setResult(Result.UNSTABLE);
        }
        return value;
    }
}
