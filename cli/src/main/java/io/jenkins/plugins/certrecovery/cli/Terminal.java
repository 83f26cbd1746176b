package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Everything the CLI prints goes through here: live per-host lines, headings, results, errors, and the progress line of a wait.
 * On a terminal the progress line redraws in place and colours are used (unless {@code --no-color}); otherwise progress is printed
 * as plain lines at most every {@link #PLAIN_PROGRESS_PERIOD}, so that logs and CI consoles stay readable.
 * Every text passes the run's {@link SecretMasker}. Methods are synchronized: host lines arrive from parallel connections.
 */
final class Terminal {
    /** How much is printed: {@code -q} keeps results and errors only, {@code -v} adds details and stack traces. */
    enum Verbosity {
        QUIET,
        NORMAL,
        VERBOSE
    }

    static final Duration PLAIN_PROGRESS_PERIOD = Duration.ofSeconds(10);

    private enum Style {
        BOLD("1"),
        RED("31"),
        GREEN("32"),
        YELLOW("33"),
        CYAN("36"),
        DIM("2");

        private final String code;

        Style(String code) {
            this.code = code;
        }
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean redrawProgress;
    private final boolean colour;
    private final Verbosity verbosity;
    private final SecretMasker masker;
    private final LongSupplier nanoTime;

    private int shownProgressLength;
    private long lastPlainProgressNanos;
    private String lastPlainProgressSubject;

    Terminal(
            PrintWriter out,
            PrintWriter err,
            boolean terminal,
            boolean colour,
            Verbosity verbosity,
            SecretMasker masker,
            LongSupplier nanoTime) {
        this.out = out;
        this.err = err;
        this.redrawProgress = terminal;
        this.colour = terminal && colour;
        this.verbosity = verbosity;
        this.masker = masker;
        this.nanoTime = nanoTime;
    }

    boolean verbose() {
        return verbosity == Verbosity.VERBOSE;
    }

    SecretMasker masker() {
        return masker;
    }

    /** One line of remote output, prefixed by its host. */
    synchronized void hostLine(String host, String line) {
        if (verbosity != Verbosity.QUIET) {
            println(out, style("[" + host + "]", Style.CYAN) + " " + masker.mask(line));
        }
    }

    /** Raw remote output as it streams in: shown with {@code -v} only (the engine's own host lines say what matters). */
    synchronized void hostDetail(String host, String line) {
        if (verbosity == Verbosity.VERBOSE) {
            println(out, style("[" + host + "]", Style.CYAN) + " " + style(masker.mask(line), Style.DIM));
        }
    }

    /** The start of a step: an operation, a phase of the demo. */
    synchronized void heading(String text) {
        if (verbosity != Verbosity.QUIET) {
            println(out, style("==> " + masker.mask(text), Style.BOLD));
        }
    }

    synchronized void info(String text) {
        if (verbosity != Verbosity.QUIET) {
            println(out, masker.mask(text));
        }
    }

    /** Shown with {@code -v} only. */
    synchronized void detail(String text) {
        if (verbosity == Verbosity.VERBOSE) {
            println(out, style(masker.mask(text), Style.DIM));
        }
    }

    synchronized void success(String text) {
        if (verbosity != Verbosity.QUIET) {
            println(out, style(masker.mask(text), Style.GREEN));
        }
    }

    synchronized void warning(String text) {
        println(out, style(masker.mask(text), Style.YELLOW));
    }

    /** A result: printed even with {@code -q}. */
    synchronized void result(String text) {
        println(out, masker.mask(text));
    }

    /** A result line in the colour of its outcome. */
    synchronized void result(String text, Outcome outcome) {
        println(
                out,
                style(
                        masker.mask(text),
                        switch (outcome) {
                            case GOOD -> Style.GREEN;
                            case WARNING -> Style.YELLOW;
                            case BAD -> Style.RED;
                        }));
    }

    enum Outcome {
        GOOD,
        WARNING,
        BAD
    }

    /** An error paragraph on stderr, printed even with {@code -q}. */
    synchronized void error(String paragraph) {
        clearProgress();
        out.flush();
        err.println(style(masker.mask(paragraph), Style.RED));
        err.flush();
    }

    /** Verbose diagnostics on stderr (stack traces). */
    synchronized void errorDetail(String text) {
        if (verbose()) {
            err.println(masker.mask(text));
            err.flush();
        }
    }

    /** A question on stdout without a line end; the answer is typed after it. */
    synchronized void prompt(String question) {
        clearProgress();
        out.print(masker.mask(question));
        out.flush();
    }

    /**
     * The state of a wait: what it waits for, how long it has waited, its limit, and the last state seen (or null). Redraws in
     * place on a terminal; otherwise a plain line when the subject changes or {@link #PLAIN_PROGRESS_PERIOD} has passed since the
     * last one.
     */
    synchronized void progress(String subject, Duration elapsed, Duration timeout, String state) {
        if (verbosity == Verbosity.QUIET) {
            return;
        }
        String text = "  waiting: " + masker.mask(subject) + "  " + clock(elapsed) + " / " + clock(timeout)
                + (state == null || state.isBlank() ? "" : "  (" + masker.mask(state.strip()) + ")");
        if (redrawProgress) {
            String padding = " ".repeat(Math.max(0, shownProgressLength - text.length()));
            out.print("\r" + text + padding);
            out.flush();
            shownProgressLength = text.length();
            return;
        }
        long now = nanoTime.getAsLong();
        boolean due = lastPlainProgressSubject == null
                || !lastPlainProgressSubject.equals(subject)
                || now - lastPlainProgressNanos >= PLAIN_PROGRESS_PERIOD.toNanos();
        if (due) {
            out.println(text);
            out.flush();
            lastPlainProgressNanos = now;
            lastPlainProgressSubject = subject;
        }
    }

    /** Ends a wait: the progress line is removed so that the next line starts clean. */
    synchronized void endProgress() {
        clearProgress();
        lastPlainProgressSubject = null;
    }

    private void println(PrintWriter target, String line) {
        clearProgress();
        target.println(line);
        target.flush();
    }

    private void clearProgress() {
        if (shownProgressLength > 0) {
            out.print("\r" + " ".repeat(shownProgressLength) + "\r");
            shownProgressLength = 0;
        }
    }

    private String style(String text, Style style) {
        return colour ? "\u001b[" + style.code + "m" + text + "\u001b[0m" : text;
    }

    static String clock(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds >= 3600
                ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
