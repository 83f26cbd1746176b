package io.jenkins.plugins.certrecovery.cli;

import picocli.CommandLine.Option;

/** The {@code -i INVENTORY} option every cluster command takes. */
final class InventoryOption {
    @Option(
            names = {"-i", "--inventory"},
            required = true,
            paramLabel = "INVENTORY",
            description =
                    "The cluster's inventory: a YAML file with ocpVersion, releaseImage, ssh, masters and workers "
                            + "(see docs/cli.md). '~' is your home directory.")
    String file;
}
