package io.jenkins.plugins.certrecovery.ssh;

import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import java.time.Duration;
import java.util.Objects;

/**
 * Transport timings.
 *
 * @param connectTimeout    how long to wait for TCP connect plus SSH handshake and authentication
 * @param keepaliveInterval interval of SSH keepalive messages; the connection counts as dropped after three unanswered ones
 * @param commandTimeout    how long a command may run when it does not set its own timeout
 */
public record SshOptions(Duration connectTimeout, Duration keepaliveInterval, Duration commandTimeout) {
    public SshOptions {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(keepaliveInterval, "keepaliveInterval");
        requirePositive(commandTimeout, "commandTimeout");
    }

    public static SshOptions defaults() {
        return new SshOptions(
                Duration.ofSeconds(20), Duration.ofSeconds(15), OptionCatalogue.COMMAND_TIMEOUT.defaultDuration());
    }

    public SshOptions withConnectTimeout(Duration timeout) {
        return new SshOptions(timeout, keepaliveInterval, commandTimeout);
    }

    public SshOptions withCommandTimeout(Duration timeout) {
        return new SshOptions(connectTimeout, keepaliveInterval, timeout);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("SSH option " + name + " must be a positive duration, got " + value);
        }
    }
}
