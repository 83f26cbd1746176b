package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.ssh.SshOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --command-timeout}: how long one remote command may run before its channel is closed and the run fails naming host and
 * command. Every command that logs in to the hosts takes it; a host that hangs (frozen, or a command that never returns) is given up
 * on after this long. Help text and default: the catalogue's ({@link CatalogueOptions}).
 */
final class CommandTimeoutOption {
    @Option(names = "--command-timeout", paramLabel = "DURATION", converter = DurationConverter.class)
    private Duration commandTimeout;

    /** The SSH options of the run: the transport's defaults, with the command timeout of the command line. */
    SshOptions sshOptions() {
        return SshOptions.defaults().withCommandTimeout(commandTimeout);
    }
}
