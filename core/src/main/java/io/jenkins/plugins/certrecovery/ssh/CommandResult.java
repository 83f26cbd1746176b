package io.jenkins.plugins.certrecovery.ssh;

import java.time.Duration;

/**
 * What a remote command did.
 *
 * @param host     the inventory name of the host it ran on
 * @param command  the command as given
 * @param exitCode its exit status
 * @param stdout   its standard output (UTF-8)
 * @param stderr   its standard error (UTF-8)
 * @param duration wall time from channel open to exit
 */
public record CommandResult(
        String host, RemoteCommand command, int exitCode, String stdout, String stderr, Duration duration) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
