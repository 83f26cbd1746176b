package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import java.util.List;

/**
 * One command an operation would run on one host (a file write is a {@link HostScript} too: compare, back up, write atomically).
 *
 * @param host      inventory name of the host
 * @param command   the exact command
 * @param condition when the step runs only in some states, the condition in words; null when it always runs
 * @param repeated  true for a poll that runs until it succeeds (it appears once in the plan)
 * @param operation the operation the step belongs to (set by {@link OperationPlan}, kept when plans are joined)
 * @param script    when the command is a {@link HostScript} (several steps in one round trip): it, for its name and inner steps
 */
public record PlanStep(
        String host, RemoteCommand command, String condition, boolean repeated, String operation, HostScript script) {
    public static PlanStep run(String host, RemoteCommand command) {
        return new PlanStep(host, command, null, false, null, null);
    }

    /** A batched command: shown in plans as its name and the steps it takes. */
    public static PlanStep run(String host, HostScript script) {
        return new PlanStep(host, script.command(), null, false, null, script);
    }

    public static PlanStep poll(String host, RemoteCommand command) {
        return new PlanStep(host, command, null, true, null, null);
    }

    public PlanStep onlyIf(String when) {
        return new PlanStep(
                host, command, condition == null ? when : when + ", and " + condition, repeated, operation, script);
    }

    /** This step as part of an operation. */
    PlanStep in(String name) {
        return new PlanStep(host, command, condition, repeated, name, script);
    }

    /** The commands this step runs, in order: the inner steps of a batched command, else the command itself. */
    public List<RemoteCommand> commands() {
        if (script != null) {
            return script.steps().stream()
                    .map(HostScript.Step::command)
                    .filter(java.util.Objects::nonNull)
                    .toList();
        }
        return List.of(command);
    }

    /** One line: the command as it would be typed, or a batched command's name (not masked: pass it through the run's masker). */
    public String display() {
        String what = script != null
                ? script.name() + " (one remote command: " + script.steps().size() + " steps)"
                : command.display();
        StringBuilder line = new StringBuilder(what);
        if (repeated) {
            line.append("   # repeated until it succeeds");
        }
        if (condition != null) {
            line.append("   # only if ").append(condition);
        }
        return line.toString();
    }
}
