package io.jenkins.plugins.certrecovery.cli;

/** The exit codes the commands promise in their help and docs/cli.md; scripts and cron jobs branch on them. */
final class ExitCodes {
    /** check: every certificate ok; recover and the operations: finished, every node Ready. */
    static final int OK = 0;
    /** check: at least one certificate within the warning window. */
    static final int CHECK_WARNING = 1;
    /** check: at least one certificate within the critical window or expired. */
    static final int CHECK_CRITICAL = 2;
    /** check: a host or a file could not be checked. */
    static final int CHECK_UNCHECKED = 3;
    /** recover and the operations: the run failed; the message names the host and the operation. */
    static final int FAILED = 1;
    /**
     * recover, recover-kubelets: the control plane and every other node were recovered, but some nodes failed or were skipped (listed,
     * with the command that retries only them).
     */
    static final int NODES_NOT_RECOVERED = 2;
    /** Ctrl-C: the shell's convention, 128 + SIGINT. */
    static final int INTERRUPTED = 130;
    /** A bad command line or a bad inventory (EX_USAGE of sysexits.h). */
    static final int USAGE = 64;

    private ExitCodes() {}
}
