package io.jenkins.plugins.certrecovery.ssh;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One command for a remote host, as an argv: the transport quotes every element with {@link ShellQuoting}.
 *
 * @param argv        program and arguments
 * @param environment variables set for the command (passed as {@code env K=V …} so they survive {@code sudo})
 * @param stdin       bytes fed to the command's standard input, or null for none
 * @param readOnly    true when running it twice changes nothing: only such commands are retried after a dropped connection
 * @param timeout     how long the command may run before its channel is closed; null for the transport's default
 */
public record RemoteCommand(
        List<String> argv, Map<String, String> environment, byte[] stdin, boolean readOnly, Duration timeout) {
    public RemoteCommand {
        argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a remote command needs at least one argument");
        }
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        for (String name : environment.keySet()) {
            // env NAME=value splits at the first '=': a name must be a plain shell variable name to arrive intact.
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(
                        "environment variable name '" + name + "' is not a shell variable name");
            }
        }
    }

    /** A command that changes something on the host: never retried. */
    public static RemoteCommand of(String... argv) {
        return new RemoteCommand(List.of(argv), Map.of(), null, false, null);
    }

    /** A command that only reads: retried once after a dropped connection. */
    public static RemoteCommand readOnly(String... argv) {
        return new RemoteCommand(List.of(argv), Map.of(), null, true, null);
    }

    public RemoteCommand withStdin(byte[] input) {
        return new RemoteCommand(argv, environment, input, readOnly, timeout);
    }

    public RemoteCommand withTimeout(Duration limit) {
        return new RemoteCommand(argv, environment, stdin, readOnly, limit);
    }

    public RemoteCommand withEnvironment(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(name, value);
        return new RemoteCommand(argv, env, stdin, readOnly, timeout);
    }

    /** The argv as one line for plans, logs and audit (not masked: pass it through a {@link SecretMasker}). */
    public String display() {
        return environmentPrefix() + ShellQuoting.join(argv);
    }

    /**
     * The command for progress lines and error messages: an inline script ({@code sh -c SCRIPT NAME ARG…}, several steps sent as one
     * command) by its name and arguments, its text left out, so that a failure reads as one line rather than forty. Not masked.
     */
    public String summary() {
        if (argv.size() < 4
                || !argv.get(0).equals("sh")
                || !argv.get(1).equals("-c")
                || !argv.get(2).contains("\n")) {
            return display();
        }
        StringBuilder line = new StringBuilder(environmentPrefix())
                .append("sh -c <")
                .append(argv.get(3))
                .append(" script>");
        argv.subList(4, argv.size())
                .forEach(a -> line.append(' ').append(a.contains("\n") ? "<text>" : ShellQuoting.quote(a)));
        return line.toString();
    }

    private String environmentPrefix() {
        StringBuilder line = new StringBuilder();
        environment.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> line.append(e.getKey())
                        .append('=')
                        .append(ShellQuoting.quote(e.getValue()))
                        .append(' '));
        return line.toString();
    }
}
