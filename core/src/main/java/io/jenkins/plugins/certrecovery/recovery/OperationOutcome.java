package io.jenkins.plugins.certrecovery.recovery;

import java.time.Duration;

/**
 * One operation of a whole recovery in the summary.
 *
 * @param operation the operation's name
 * @param status    what happened to it
 * @param detail    one line: what it did or why it was skipped
 * @param took      its wall time
 */
public record OperationOutcome(String operation, Status status, String detail, Duration took) {
    public enum Status {
        /** Ran and succeeded. */
        DONE,
        /** Not needed in this cluster's state. */
        SKIPPED,
        /** Finished by the interrupted run this one resumed. */
        ALREADY_DONE
    }
}
