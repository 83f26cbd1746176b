package io.jenkins.plugins.certrecovery.recovery;

import java.time.Duration;

/** Durations as people write them in messages: {@code 1 day}, {@code 10 min}, {@code 90 s}, {@code 50 ms}. */
final class Durations {
    private Durations() {}

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s >= 86400 && s % 86400 == 0) {
            return s / 86400 + (s == 86400 ? " day" : " days");
        }
        if (s >= 3600 && s % 3600 == 0) {
            return s / 3600 + " h";
        }
        return s >= 60 && s % 60 == 0 ? s / 60 + " min" : s > 0 ? s + " s" : d.toMillis() + " ms";
    }
}
