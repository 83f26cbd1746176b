package io.jenkins.plugins.certrecovery.ssh;

/** Receives remote output line by line, already masked, in the order each host produced it. */
@FunctionalInterface
public interface OutputSink {
    enum Stream { STDOUT, STDERR }

    void line(String host, Stream stream, String line);

    OutputSink DISCARD = (host, stream, line) -> { };
}
