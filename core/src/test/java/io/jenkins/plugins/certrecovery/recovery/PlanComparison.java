package io.jenkins.plugins.certrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.sandbox.ExecEvent;
import io.jenkins.plugins.certrecovery.sandbox.ToolEvent;
import io.jenkins.plugins.certrecovery.ssh.ShellQuoting;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compares a plan with what the sandbox saw: every simulated tool call (oc, podman, systemctl, recover-kubeconfig.sh) that ran was in
 * the plan, in the plan's order (a batched command's calls are its inner steps, e.g. the kubelet restart's two systemctl calls), and every step the plan says always runs did run (its exact command line was executed over SSH).
 * Polls may repeat and conditional steps may be left out; nothing else may differ.
 */
final class PlanComparison {
    private static final Set<String> TOOLS = Set.of("oc", "podman", "systemctl", "recover-kubeconfig.sh");

    private PlanComparison() {}

    /** The tool call a plan step makes, as the sandbox logs it ({@code tool arg…}), or null for other commands. */
    static String toolCall(List<String> argv, String image) {
        List<String> call = argv;
        if (call.size() > 5 && call.get(0).equals("sh") && call.get(1).equals("-c")) {
            call = call.subList(5, call.size()); // SecretOutput's redirect wrapper
        }
        String tool = call.get(0).substring(call.get(0).lastIndexOf('/') + 1);
        if (!TOOLS.contains(tool)) {
            return null;
        }
        List<String> words = new ArrayList<>(List.of(tool));
        for (String arg : call.subList(1, call.size())) {
            words.add(arg.replace(KubeApiserverOperator.IMAGE_PLACEHOLDER, image));
            if (tool.equals("oc") && arg.equals("approve")) {
                break; // the names approved are decided at run time
            }
        }
        return String.join(" ", words);
    }

    static void assertExecutedAsPlanned(
            OperationPlan plan, List<ToolEvent> tools, List<ExecEvent> execs, String image) {
        for (String host : plan.steps().stream().map(PlanStep::host).distinct().toList()) {
            List<PlanStep> steps =
                    plan.steps().stream().filter(s -> s.host().equals(host)).toList();
            // a batched command contributes each command it runs, in its order
            List<String> planned = new ArrayList<>();
            List<Boolean> polls = new ArrayList<>();
            for (PlanStep step : steps) {
                for (var command : step.commands()) {
                    planned.add(toolCall(command.argv(), image));
                    polls.add(step.repeated());
                }
            }
            int position = 0;
            for (ToolEvent event :
                    tools.stream().filter(e -> e.host().equals(host)).toList()) {
                String call = toolCall(prepend(event.tool(), event.argv()), image);
                int at = planned.subList(position, planned.size()).indexOf(call);
                if (at < 0) {
                    // a poll started earlier may repeat: look back for a repeated step
                    int back = planned.lastIndexOf(call);
                    assertTrue(
                            back >= 0 && polls.get(back) && back <= position,
                            plan.operation() + " on " + host + ": ran `" + call + "`, which the plan "
                                    + (back < 0 ? "does not have" : "has earlier, not as a poll") + "; plan: "
                                    + planned);
                } else {
                    position += at;
                }
            }
            List<String> ran = execs.stream()
                    .filter(e -> e.host().equals(host))
                    .map(ExecEvent::command)
                    .toList();
            for (PlanStep step : steps) {
                if (step.condition() == null) {
                    String line = ShellQuoting.join(step.command().argv())
                            .replace(KubeApiserverOperator.IMAGE_PLACEHOLDER, image);
                    assertTrue(
                            ran.stream().anyMatch(r -> r.endsWith(line)),
                            plan.operation() + " on " + host + ": planned `" + line + "` did not run");
                }
            }
        }
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
