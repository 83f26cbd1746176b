package io.jenkins.plugins.certrecovery.recovery;

/**
 * A recovery step that failed. The message names the host and the step, says what happened and, where possible, what to do; it never
 * holds a secret (every text passes the run's masker first).
 */
public class RecoveryException extends Exception {
    private final String host;
    private final String step;
    private final String detail;

    public RecoveryException(String host, String step, String message) {
        super(format(host, step, message));
        this.host = host;
        this.step = step;
        this.detail = message;
    }

    public RecoveryException(String host, String step, String message, Throwable cause) {
        super(format(host, step, message), cause);
        this.host = host;
        this.step = step;
        this.detail = message;
    }

    private static String format(String host, String step, String message) {
        return (host == null ? "" : host + ": ") + step + ": " + message;
    }

    /** The inventory name of the host it failed on, or null when it was not one host. */
    public String host() {
        return host;
    }

    /** What went wrong, without the host and step. */
    public String detail() {
        return detail;
    }

    /** True when a host's key was refused (see {@link io.jenkins.plugins.certrecovery.ssh.HostKeyRefusedException}): stops a run. */
    public boolean hostKeyRefused() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof io.jenkins.plugins.certrecovery.ssh.HostKeyRefusedException) {
                return true;
            }
        }
        return false;
    }

    /** The step that failed (e.g. {@code recover-kubelets: stop kubelet}). */
    public String step() {
        return step;
    }
}
