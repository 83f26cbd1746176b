package io.jenkins.plugins.certrecovery.recovery;

import java.time.Duration;

/**
 * Where the engine reports what it does while it does it. The CLI prints these lines (redrawing progress on a terminal), the Jenkins
 * steps write them to the build log. Every text arriving here is already masked. Called from several threads when hosts are worked on
 * in parallel: implementations must be thread-safe.
 */
public interface RecoveryListener {
    /** An operation begins (e.g. {@code regenerate-certificates}), with one line saying what it will do. */
    default void operationStarted(String operation, String description) {}

    /** An operation ended; {@code outcome} is one line (what it did, or why it failed). */
    default void operationFinished(String operation, boolean succeeded, String outcome, Duration took) {}

    /** A line about one host: a command about to run ({@code $ …}), what it changed, or its error output. */
    default void hostLine(String host, String line) {}

    /** While waiting: called at least every {@link RecoveryOptions#progressInterval()}. */
    default void progress(String waitingFor, Duration elapsed, Duration timeout, String lastState) {}

    /** A line not tied to a host (decisions, summaries). */
    default void info(String line) {}

    /** Something the user should look at, which did not stop the run. */
    default void warning(String line) {}

    /** A listener that drops everything. */
    RecoveryListener SILENT = new RecoveryListener() {};
}
