package io.jenkins.plugins.certrecovery.ssh;

/** A failure to reach, authenticate to, or run something on a host. The message names the host and never holds a secret. */
public class SshException extends Exception {
    private final String host;

    public SshException(String host, String message) {
        super(message);
        this.host = host;
    }

    public SshException(String host, String message, Throwable cause) {
        super(message, cause);
        this.host = host;
    }

    public String host() {
        return host;
    }
}
