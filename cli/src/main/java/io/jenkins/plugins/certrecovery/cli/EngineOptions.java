package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import java.time.Duration;

/** The engine's options as the CLI starts from them. */
final class EngineOptions {
    /** Progress every second: the terminal redraws its line in place; off a terminal, {@link Terminal} thins it out. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private EngineOptions() {}

    static RecoveryOptions.Builder forCli() {
        RecoveryOptions defaults = RecoveryOptions.defaults();
        return defaults.toBuilder()
                .owner(defaults.owner() + " (ocp-cert-recovery cli)")
                .progressInterval(PROGRESS_INTERVAL);
    }
}
