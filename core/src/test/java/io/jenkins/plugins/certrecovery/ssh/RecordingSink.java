package io.jenkins.plugins.certrecovery.ssh;

import java.util.Collections;
import java.util.List;

/** Keeps every line and warning a transport emitted, for assertions. */
public final class RecordingSink implements OutputSink {
    public record Line(String host, Stream stream, String text) {}

    private final List<Line> lines = Collections.synchronizedList(new java.util.ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new java.util.ArrayList<>());

    @Override
    public void line(String host, Stream stream, String line) {
        lines.add(new Line(host, stream, line));
    }

    @Override
    public void warning(String host, String message) {
        warnings.add("[" + host + "] " + message);
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public List<String> texts(String host, Stream stream) {
        return lines().stream()
                .filter(l -> l.host().equals(host) && l.stream() == stream)
                .map(Line::text)
                .toList();
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
