package io.jenkins.plugins.certrecovery.cli;

import java.io.Console;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * What the commands take from the process around them, passed in so that tests run the CLI in-process with their own values.
 *
 * @param variables      environment variables
 * @param stdin          standard input (answers to the y/N prompt; it may be a pipe)
 * @param terminal       true when stdin and stdout are a terminal: progress redraws in place and colours are allowed
 * @param passwordReader reads a secret without echo, or null when there is no terminal to ask on
 */
record CliEnvironment(Map<String, String> variables, InputStream stdin, boolean terminal, PasswordReader passwordReader) {
    /** Environment variable that supplies the identity file's passphrase when no terminal can ask for it. */
    static final String PASSPHRASE_VARIABLE = "OCP_CERT_RECOVERY_PASSPHRASE";

    /** Reads a line without echoing it. */
    @FunctionalInterface
    interface PasswordReader {
        char[] read(String prompt);
    }

    CliEnvironment {
        variables = Map.copyOf(variables);
    }

    static CliEnvironment ofProcess() {
        Console console = System.console();
        PasswordReader reader = console == null ? null : prompt -> console.readPassword("%s", prompt);
        return new CliEnvironment(System.getenv(), System.in, console != null, reader);
    }

    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isEmpty());
    }
}
