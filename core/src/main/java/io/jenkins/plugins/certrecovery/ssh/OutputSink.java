package io.jenkins.plugins.certrecovery.ssh;

/** Receives remote output line by line, already masked, in the order each host produced it. */
@FunctionalInterface
public interface OutputSink {
    enum Stream {
        STDOUT,
        STDERR
    }

    void line(String host, Stream stream, String line);

    /** A warning of the transport itself about a host (e.g. an unverified host key); already masked. */
    default void warning(String host, String message) {
        line(host, Stream.STDERR, "WARNING: " + message);
    }

    OutputSink DISCARD = (host, stream, line) -> {};
}
