package io.jenkins.plugins.certrecovery.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Asks a y/N question and reads the answer as a line of standard input, so that answers can be piped in by a script.
 * Anything but {@code y} or {@code yes} is no; the end of input is no and is said.
 */
final class YesNoPrompt {
    private final BufferedReader answers;
    private final Terminal terminal;

    YesNoPrompt(BufferedReader answers, Terminal terminal) {
        this.answers = answers;
        this.terminal = terminal;
    }

    boolean ask(String question) {
        terminal.prompt(question + " [y/N] ");
        String answer;
        try {
            answer = answers.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the answer from standard input", e);
        }
        if (answer == null) {
            terminal.result("");
            terminal.info("(no answer: standard input has ended; taken as no)");
            return false;
        }
        String normalized = answer.strip().toLowerCase(Locale.ROOT);
        return normalized.equals("y") || normalized.equals("yes");
    }
}
