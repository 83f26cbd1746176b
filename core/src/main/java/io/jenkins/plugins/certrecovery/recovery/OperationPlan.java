package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one operation would do, host by host, in order. Built by {@code plan()}, which runs nothing.
 *
 * @param operation the operation's name (e.g. {@code recover-kubelets})
 * @param steps     every command and file write, in the order {@code execute()} would do them; each names its operation (a step
 *                  without one gets this plan's), so a joined plan ({@link #concat}) still tells its operations apart
 */
public record OperationPlan(String operation, List<PlanStep> steps) {
    public OperationPlan {
        steps = steps.stream()
                .map(s -> s.operation() == null ? s.in(operation) : s)
                .toList();
    }

    /**
     * The plan as text, every secret masked: the plan's name, a heading per operation it contains (for a joined plan), then each step
     * prefixed with its host; a batched command is followed by the steps it takes, indented.
     */
    public List<String> lines(SecretMasker masker) {
        List<String> lines = new ArrayList<>();
        lines.add("== " + operation);
        String current = operation;
        for (PlanStep step : steps) {
            if (!Objects.equals(step.operation(), current)) {
                current = step.operation();
                lines.add("-- " + current);
            }
            String host = "[" + step.host() + "] ";
            lines.add(host + masker.mask(step.display()));
            if (step.script() != null) {
                for (HostScript.Step inner : step.script().steps()) {
                    lines.add(host + "    " + masker.mask(inner.display()));
                }
            }
        }
        return lines;
    }

    /** Joins the plans of several operations into one (the whole procedure's); each step keeps its operation's name. */
    public static OperationPlan concat(String operation, List<OperationPlan> parts) {
        List<PlanStep> all = new ArrayList<>();
        // each step as part of the part it came in (a step a part took from another operation's plan counts as the
        // part's)
        parts.forEach(p -> p.steps().forEach(s -> all.add(s.in(p.operation()))));
        return new OperationPlan(operation, all);
    }
}
