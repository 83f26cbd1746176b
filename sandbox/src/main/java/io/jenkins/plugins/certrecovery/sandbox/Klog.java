package io.jenkins.plugins.certrecovery.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * klog's line header (k8s.io/klog, klog.go formatHeader): severity letter, {@code MMDD hh:mm:ss.uuuuuu}, the thread id right-aligned
 * in 7 columns, {@code file:line]}. Inside the operator's container the process is pid 1.
 */
final class Klog {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private Klog() {}

    static String line(char severity, Instant time, String source, String message) {
        return severity + STAMP.format(time) + String.format(" %7d ", 1) + source + "] " + message + "\n";
    }
}
