package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.util.ArrayList;
import java.util.List;

/**
 * What one operation would do, host by host, in order. Built by {@code plan()}, which runs nothing.
 *
 * @param operation the operation's name (e.g. {@code recover-kubelets})
 * @param steps     every command and file write, in the order {@code execute()} would do them
 */
public record OperationPlan(String operation, List<PlanStep> steps) {
    public OperationPlan {
        steps = List.copyOf(steps);
    }

    /** The plan as text: the operation, then each step prefixed with its host, every secret masked. */
    public List<String> lines(SecretMasker masker) {
        List<String> lines = new ArrayList<>();
        lines.add("== " + operation);
        for (PlanStep step : steps) {
            lines.add("[" + step.host() + "] " + masker.mask(step.display()));
        }
        return lines;
    }

    /** Joins the plans of several operations into one (the whole procedure's). */
    public static OperationPlan concat(String operation, List<OperationPlan> parts) {
        List<PlanStep> all = new ArrayList<>();
        parts.forEach(p -> all.addAll(p.steps()));
        return new OperationPlan(operation, all);
    }
}
