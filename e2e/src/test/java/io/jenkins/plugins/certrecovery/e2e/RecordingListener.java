package io.jenkins.plugins.certrecovery.e2e;

import io.jenkins.plugins.certrecovery.recovery.RecoveryListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every line the engine reports, in order, for assertions and the secret scan; echoes warnings to the build log. */
final class RecordingListener implements RecoveryListener {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    List<String> lines() {
        return List.copyOf(lines);
    }

    String text() {
        return String.join("\n", lines);
    }

    @Override
    public void operationStarted(String operation, String description) {
        lines.add("start " + operation + ": " + description);
    }

    @Override
    public void operationFinished(String operation, boolean succeeded, String outcome, Duration took) {
        lines.add((succeeded ? "done " : "FAILED ") + operation + ": " + outcome);
    }

    @Override
    public void hostLine(String host, String line) {
        lines.add("[" + host + "] " + line);
    }

    @Override
    public void progress(String waitingFor, Duration elapsed, Duration timeout, String lastState) {
        lines.add("waiting " + waitingFor + " " + elapsed.toSeconds() + "/" + timeout.toSeconds() + " s: " + lastState);
    }

    @Override
    public void info(String line) {
        lines.add(line);
    }

    @Override
    public void warning(String line) {
        lines.add("WARNING " + line);
        System.out.println("[e2e] engine warning: " + line);
    }
}
