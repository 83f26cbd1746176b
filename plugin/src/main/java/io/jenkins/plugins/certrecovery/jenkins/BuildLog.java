package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.ssh.OutputSink;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.PrintStream;

/** The build log as the agent writes it: every line masked, flushed at once so that the log streams live. */
final class BuildLog {
    private final PrintStream out;
    private final SecretMasker masker;

    BuildLog(PrintStream out, SecretMasker masker) {
        this.out = out;
        this.masker = masker;
    }

    synchronized void line(String text) {
        out.println(masker.mask(text));
        out.flush();
    }

    /** Remote output, prefixed with the host it came from. */
    OutputSink remoteOutput() {
        return (host, stream, text) ->
                line("[" + host + "] " + (stream == OutputSink.Stream.STDERR ? "! " : "") + text);
    }

    SecretMasker masker() {
        return masker;
    }
}
