package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;

/**
 * One thing an operation would do on one host: run a command, or write a file (atomically, after backing up what was there).
 *
 * @param host        inventory name of the host
 * @param command     the exact command, or null for a file write
 * @param writtenFile the file written by this step, or null for a command
 * @param mode        the mode of the written file (octal digits as an int, e.g. 0600), 0 for commands
 * @param condition   when the step runs only in some states, the condition in words; null when it always runs
 * @param repeated    true for a poll that runs until it succeeds (it appears once in the plan)
 */
public record PlanStep(String host, RemoteCommand command, String writtenFile, int mode, String condition, boolean repeated) {
    public static PlanStep run(String host, RemoteCommand command) {
        return new PlanStep(host, command, null, 0, null, false);
    }

    public static PlanStep poll(String host, RemoteCommand command) {
        return new PlanStep(host, command, null, 0, null, true);
    }

    public static PlanStep write(String host, String path, int mode) {
        return new PlanStep(host, null, path, mode, null, false);
    }

    public PlanStep onlyIf(String when) {
        return new PlanStep(host, command, writtenFile, mode, condition == null ? when : when + ", and " + condition, repeated);
    }

    /** One line: the command as it would be typed (not masked: pass it through the run's masker), or the file written. */
    public String display() {
        String what = command != null
                ? command.display()
                : "write " + writtenFile + " (mode " + String.format("%04o", mode) + ", atomically, previous content backed up)";
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
