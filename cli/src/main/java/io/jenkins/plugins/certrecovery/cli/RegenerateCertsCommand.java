package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;


@Command(name = "regenerate-certs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Regenerates the control-plane certificates through the recovery API server.",
        description = {"Runs 'regenerate-certificates' on the first master and reports each control-plane certificate's expiry before and after; fails if one still expires within a day."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:the certificates were regenerated", " 1:it failed (the message names host and step)", "64:a bad command line or inventory"})
final class RegenerateCertsCommand extends ClusterCommand {

    @Mixin
    private AuditOption audit;

    @Override
    int run(Terminal terminal, TerminalListener listener, Inventory inventory, CliEnvironment environment) {
        throw new UsageException("not wired yet");
    }
}
