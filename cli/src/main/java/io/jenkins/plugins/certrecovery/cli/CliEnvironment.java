package io.jenkins.plugins.certrecovery.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Optional;

/**
 * What the commands take from the process around them, passed in so that tests run the CLI in-process with their own values.
 *
 * @param variables      environment variables
 * @param answers        standard input as lines: the answers to y/N prompts (it may be a pipe)
 * @param terminal       true when stdin and stdout are a terminal: progress redraws in place and colours are allowed
 * @param passwordReader reads a secret without echo, or null when there is no terminal to ask on
 */
record CliEnvironment(
        Map<String, String> variables, BufferedReader answers, boolean terminal, PasswordReader passwordReader) {
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
        return new CliEnvironment(
                System.getenv(),
                new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())),
                console != null,
                reader);
    }

    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isEmpty());
    }
}
