package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import java.time.Duration;
import java.time.Instant;

/**
 * When a certificate is reported as warning or critical. The defaults follow openshift-ansible's certificate expiry role (30 days)
 * and leave a week for the critical window.
 *
 * @param warningDays  a certificate expiring within this many days is a warning
 * @param criticalDays a certificate expiring within this many days is critical; at most {@code warningDays}
 */
public record ExpiryThresholds(int warningDays, int criticalDays) {
    public static final int DEFAULT_WARNING_DAYS = OptionCatalogue.WARNING_DAYS.defaultInt();
    public static final int DEFAULT_CRITICAL_DAYS = OptionCatalogue.CRITICAL_DAYS.defaultInt();
    public static final ExpiryThresholds DEFAULT = new ExpiryThresholds(DEFAULT_WARNING_DAYS, DEFAULT_CRITICAL_DAYS);

    public ExpiryThresholds {
        if (criticalDays < 0 || warningDays < 0) {
            throw new IllegalArgumentException(
                    "warningDays (" + warningDays + ") and criticalDays (" + criticalDays + ") must not be negative");
        }
        if (criticalDays > warningDays) {
            throw new IllegalArgumentException("criticalDays (" + criticalDays + ") must not exceed warningDays ("
                    + warningDays + "): raise warningDays or lower criticalDays");
        }
    }

    /** The class of a certificate that expires at {@code notAfter}, seen at {@code now}. */
    public ExpiryStatus classify(Instant notAfter, Instant now) {
        if (!notAfter.isAfter(now)) {
            return ExpiryStatus.EXPIRED;
        }
        Duration left = Duration.between(now, notAfter);
        if (left.compareTo(Duration.ofDays(criticalDays)) <= 0) {
            return ExpiryStatus.CRITICAL;
        }
        if (left.compareTo(Duration.ofDays(warningDays)) <= 0) {
            return ExpiryStatus.WARNING;
        }
        return ExpiryStatus.OK;
    }

    /** Whole days from {@code now} to {@code notAfter}, rounded down; negative once expired (-1 on the first day after). */
    public static long daysLeft(Instant notAfter, Instant now) {
        return Math.floorDiv(
                Duration.between(now, notAfter).getSeconds(), Duration.ofDays(1).getSeconds());
    }
}
