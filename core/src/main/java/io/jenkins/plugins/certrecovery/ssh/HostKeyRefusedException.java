package io.jenkins.plugins.certrecovery.ssh;

/**
 * The host offered a key that known_hosts or the pinned fingerprint does not accept: maybe not the host the inventory means. Unlike
 * an unreachable host, this never lets a run go on without the host: it stops the run.
 */
public class HostKeyRefusedException extends SshException {
    public HostKeyRefusedException(String host, String message, Throwable cause) {
        super(host, message, cause);
    }
}
