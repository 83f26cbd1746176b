package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --apiserver-timeout}: how long to wait for the API server to answer (on 4.1–4.3 the recovery API server, its image pull
 * included) before the run fails. Longer for a slow registry; shorter to give up early on a server that will not come up. Help
 * text and default: the catalogue's ({@link CatalogueOptions}).
 */
final class ApiserverTimeoutOption {
    @Option(names = "--apiserver-timeout", paramLabel = "DURATION", converter = DurationConverter.class)
    private Duration apiserverTimeout;

    /** The engine options with the wait of the command line. */
    RecoveryOptions.Builder applyTo(RecoveryOptions.Builder options) {
        return options.apiserverTimeout(apiserverTimeout);
    }
}
