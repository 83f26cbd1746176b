package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.ScriptFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Several steps on one host as one remote command, so that they cost one SSH round trip instead of one each (at a loaded host a round
 * trip through {@code sudo} costs 0.15–0.25 s). The command is a constant POSIX sh script, a {@link ScriptFile}, run as
 * {@code sh -c SCRIPT NAME ARG…}:
 * values reach the script only as positional arguments, which the transport quotes with {@code ShellQuoting} like every argv, and
 * never become part of the script's text.
 *
 * @param name    what it does, for plans and logs (e.g. {@code restart kubelet})
 * @param command the command that runs
 * @param steps   the commands the script runs, in order, each with the condition it runs under: what a plan shows
 */
public record HostScript(String name, RemoteCommand command, List<Step> steps) {
    public HostScript {
        steps = List.copyOf(steps);
    }

    /**
     * One step of the script as a plan shows it.
     *
     * @param command   the command it runs, or null for a step that is no single command (e.g. the atomic write of a file)
     * @param what      the step in words when it is no single command, else null
     * @param condition when it runs only in some states, the condition in words; null when it always runs
     */
    public record Step(RemoteCommand command, String what, String condition) {
        public static Step run(RemoteCommand command) {
            return new Step(command, null, null);
        }

        public static Step describe(String what) {
            return new Step(null, what, null);
        }

        public Step onlyIf(String when) {
            return new Step(command, what, when);
        }

        /** One line (not masked: pass it through the run's masker). */
        public String display() {
            return (command != null ? command.display() : what)
                    + (condition == null ? "" : "   # only if " + condition);
        }
    }

    /**
     * @param readOnly true when running it twice changes nothing (the transport then retries it after a dropped connection)
     * @param args     the script's positional arguments {@code $1…}
     */
    static HostScript of(String name, ScriptFile<?> script, boolean readOnly, List<String> args, List<Step> steps) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", script.text(), name.replace(' ', '-')));
        argv.addAll(args);
        return new HostScript(name, new RemoteCommand(argv, Map.of(), null, readOnly, null), steps);
    }
}
