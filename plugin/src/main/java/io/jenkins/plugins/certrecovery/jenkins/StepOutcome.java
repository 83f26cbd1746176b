package io.jenkins.plugins.certrecovery.jenkins;

import java.util.List;

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
}
