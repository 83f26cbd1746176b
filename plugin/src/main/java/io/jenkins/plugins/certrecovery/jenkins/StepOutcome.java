package io.jenkins.plugins.certrecovery.jenkins;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * What a step's agent-side work hands back to the controller.
 *
 * @param value    the step's return value in the pipeline (plain maps, lists, strings, numbers, booleans)
 * @param warnings reasons to mark the step and the build UNSTABLE; empty when all is well
 */
public record StepOutcome(Serializable value, List<String> warnings) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    public StepOutcome {
        warnings = List.copyOf(warnings);
    }

    public static StepOutcome of(Serializable value) {
        return new StepOutcome(value, List.of());
    }
}
