package io.jenkins.plugins.certrecovery.expiry;

import java.util.Locale;

/**
 * The class of one report row, and the overall result of a check (the worst row). Declared from best to worst: an {@link #ERROR}
 * outranks everything because a check that could not read something cannot vouch for what it did not see.
 * The CLI maps the overall result to its exit code (0 ok, 1 warning, 2 critical or expired, 3 error), Jenkins to the build result.
 */
public enum ExpiryStatus {
    /** Valid for longer than the warning window. */
    OK,
    /** Expires within {@link ExpiryThresholds#warningDays()}. */
    WARNING,
    /** Expires within {@link ExpiryThresholds#criticalDays()}. */
    CRITICAL,
    /** notAfter has passed. */
    EXPIRED,
    /** Something expected could not be checked: an unreachable host or endpoint, a denied or unparseable file, a missing path. */
    ERROR;

    /** The lower-case name used in JSON, HTML and JUnit ({@code ok}, {@code warning} …). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public ExpiryStatus worse(ExpiryStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** True for the classes a scheduled check must fail on: critical, expired and error. */
    public boolean needsAction() {
        return this == CRITICAL || this == EXPIRED || this == ERROR;
    }
}
