package io.jenkins.plugins.certrecovery.ssh;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one quoting function for every value placed in a remote command.
 * POSIX single quotes make every byte literal except the single quote itself, which is closed, escaped and reopened.
 */
public final class ShellQuoting {
    private ShellQuoting() {}

    /** Quotes one argument so that a POSIX shell passes it through unchanged as a single word. */
    public static String quote(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a command argument is null");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a command argument contains a NUL byte, which no shell can pass on");
        }
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }

    /** Joins an argv into one command line, every element quoted. */
    public static String join(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a remote command needs at least one argument");
        }
        return argv.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
    }
}
