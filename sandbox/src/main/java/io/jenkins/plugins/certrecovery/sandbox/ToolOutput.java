package io.jenkins.plugins.certrecovery.sandbox;

/** Where a simulated tool writes: standard output and standard error, streamed to the caller as they are written. */
interface ToolOutput {
    void out(String text);

    void err(String text);

    default void outLine(String line) {
        out(line + "\n");
    }

    default void errLine(String line) {
        err(line + "\n");
    }
}
