package io.jenkins.plugins.certrecovery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Prints, per host, every command the recovery would run and every file it would change; runs nothing.",
        description = {"Nothing runs on any host: read it, then run 'recover' with the same inventory."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:the plan was printed", "64:a bad command line or inventory"})
final class PlanCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private InventoryOption inventory;

    @Override
    public Integer call() {
        throw new UsageException("plan: not wired yet");
    }
}
