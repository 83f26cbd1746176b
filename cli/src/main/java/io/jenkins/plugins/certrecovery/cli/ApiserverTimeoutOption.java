package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --apiserver-timeout}: how long to wait for the recovery API server to answer once it was started (its image pull included)
 * before the run fails. Longer for a slow registry; shorter to give up early on a server that will not come up.
 */
final class ApiserverTimeoutOption {
    @Option(
            names = "--apiserver-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "How long to wait for the recovery API server to answer 'oc get namespace kube-system' before the run "
                            + "fails (a number followed by s, m or h; default: 10m).")
    private Duration apiserverTimeout;

    /** The engine options with the wait given on the command line, if any. */
    RecoveryOptions.Builder applyTo(RecoveryOptions.Builder options) {
        return apiserverTimeout == null ? options : options.apiserverTimeout(apiserverTimeout);
    }
}
