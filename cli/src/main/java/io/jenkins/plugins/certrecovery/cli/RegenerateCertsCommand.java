package io.jenkins.plugins.certrecovery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "regenerate-certs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Regenerates the control-plane certificates through the recovery API server.",
        description = {"Runs 'regenerate-certificates' on the first master and reports each control-plane certificate's expiry before and after; fails if one still expires within a day."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:the certificates were regenerated", " 1:it failed (the message names host and step)", "64:a bad command line or inventory"})
final class RegenerateCertsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private InventoryOption inventory;

    @Mixin
    private AuditOption audit;

    @Override
    public Integer call() {
        throw new UsageException("not wired yet");
    }
}
