package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.recovery.RecoveryListener;
import java.time.Duration;

/**
 * Shows what the engine does on the terminal, and remembers the operation in progress so that a failure or Ctrl-C can say
 * where the run stopped.
 */
final class TerminalListener implements RecoveryListener {
    private final Terminal terminal;
    private volatile String currentOperation;

    TerminalListener(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The operation that started last and has not finished, or null. */
    String currentOperation() {
        return currentOperation;
    }

    @Override
    public void operationStarted(String operation, String description) {
        currentOperation = operation;
        terminal.heading(description == null || description.isBlank() ? operation : operation + ": " + description);
    }

    @Override
    public void operationFinished(String operation, boolean succeeded, String outcome, Duration took) {
        terminal.endProgress();
        terminal.result(
                operation + ": " + outcome + " (" + Terminal.clock(took) + ")",
                succeeded ? Terminal.Outcome.GOOD : Terminal.Outcome.BAD);
        if (succeeded) {
            currentOperation = null;
        }
    }

    @Override
    public void hostLine(String host, String line) {
        terminal.hostLine(host, line);
    }

    @Override
    public void progress(String waitingFor, Duration elapsed, Duration timeout, String lastState) {
        terminal.progress(waitingFor, elapsed, timeout, lastState);
    }

    @Override
    public void info(String line) {
        terminal.info(line);
    }

    @Override
    public void warning(String line) {
        terminal.warning("warning: " + line);
    }
}
