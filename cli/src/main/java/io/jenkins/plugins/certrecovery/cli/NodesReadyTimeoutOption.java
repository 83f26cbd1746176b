package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --nodes-ready-timeout}: how long valid node CSRs are approved until every node is Ready before the run fails (a large
 * cluster whose workers boot slowly needs longer). Help text and default: the catalogue's ({@link CatalogueOptions}).
 */
final class NodesReadyTimeoutOption {
    @Option(names = "--nodes-ready-timeout", paramLabel = "DURATION", converter = DurationConverter.class)
    private Duration nodesReadyTimeout;

    /** The engine options with the wait of the command line. */
    RecoveryOptions.Builder applyTo(RecoveryOptions.Builder options) {
        return options.nodesReadyTimeout(nodesReadyTimeout);
    }
}
