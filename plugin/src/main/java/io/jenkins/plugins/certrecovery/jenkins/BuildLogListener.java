package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.recovery.RecoveryListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine's progress in the build log, live, one line each, masked (the engine itself records operations, commands and warnings
 * in the audit trail). Warnings are also kept: they make the step UNSTABLE.
 */
final class BuildLogListener implements RecoveryListener {
    private final BuildLog log;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    BuildLogListener(BuildLog log) {
        this.log = log;
    }

    @Override
    public void operationStarted(String operation, String description) {
        log.line("== " + operation + (description.isEmpty() ? "" : ": " + description));
    }

    @Override
    public void operationFinished(String operation, boolean succeeded, String outcome, Duration took) {
        log.line("== " + operation + (succeeded ? " done" : " FAILED") + " in " + seconds(took) + ": " + outcome);
    }

    @Override
    public void hostLine(String host, String line) {
        log.line("[" + host + "] " + line);
    }

    @Override
    public void progress(String waitingFor, Duration elapsed, Duration timeout, String lastState) {
        log.line("… waiting for " + waitingFor + " (" + seconds(elapsed) + " of " + seconds(timeout) + "): "
                + lastState);
    }

    @Override
    public void info(String line) {
        log.line(line);
    }

    @Override
    public void warning(String line) {
        log.line("WARNING: " + line);
        warnings.add(line);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
