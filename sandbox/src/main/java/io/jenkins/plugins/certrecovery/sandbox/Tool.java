package io.jenkins.plugins.certrecovery.sandbox;

/** A simulated command-line tool. */
interface Tool {
    /** Runs one call and returns its exit code. */
    int run(ToolCall call, ToolOutput output);
}
