package io.jenkins.plugins.certrecovery.e2e;

import java.nio.file.Path;

/** The suite's settings, from system properties that the e2e module's POM sets (defaults for runs from an IDE). */
final class E2eSettings {
    private E2eSettings() {}

    /** The SSH port every host listens on, at its own address. */
    static int sshPort() {
        return Integer.getInteger("e2e.sshPort", 22);
    }

    /** Where logs, reports, audit files and inventories of the runs are kept for inspection. */
    static Path workDir() {
        return Path.of(System.getProperty("e2e.workDir", "target/e2e"));
    }

    /** The rows of the outcome table that docs/reliability.md is written from, one file per scenario. */
    static Path resultsDir() {
        return Path.of(System.getProperty("e2e.resultsDir", "target/e2e-results"));
    }

    /** The shaded CLI jar that the cli module packages. */
    static Path cliJar() {
        return Path.of(System.getProperty("e2e.cliJar", "../cli/target/ocp-cert-recovery.jar"));
    }
}
