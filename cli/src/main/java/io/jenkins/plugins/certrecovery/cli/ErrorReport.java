package io.jenkins.plugins.certrecovery.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a failure into what the user reads: one paragraph made of the messages along the cause chain (each said once), and the
 * stack trace only with {@code --verbose}. Both pass the terminal's masker.
 */
final class ErrorReport {
    private ErrorReport() {}

    /** The messages of a failure and its causes, each only when it adds something, joined into one paragraph. */
    static String paragraph(Throwable failure) {
        List<String> parts = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank()) {
                continue;
            }
            String text = message.strip();
            if (parts.stream().noneMatch(p -> p.contains(text))) {
                parts.add(text);
            }
        }
        if (parts.isEmpty()) {
            return failure.getClass().getSimpleName() + " (run with --verbose for the stack trace)";
        }
        return String.join(": ", parts);
    }

    /** Prints the paragraph, and the stack trace when the terminal is verbose. */
    static void print(Terminal terminal, String context, Throwable failure) {
        String paragraph = paragraph(failure);
        terminal.error("error: " + (context == null ? paragraph : context + ": " + paragraph));
        if (terminal.verbose()) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            terminal.errorDetail(trace.toString());
        }
    }
}
