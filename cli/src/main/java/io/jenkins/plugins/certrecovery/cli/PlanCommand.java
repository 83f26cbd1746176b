package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import picocli.CommandLine.Command;


@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Prints, per host, every command the recovery would run and every file it would change; runs nothing.",
        description = {"Nothing runs on any host: read it, then run 'recover' with the same inventory."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:the plan was printed", "64:a bad command line or inventory"})
final class PlanCommand extends ClusterCommand {

    @Override
    int run(Terminal terminal, TerminalListener listener, Inventory inventory, CliEnvironment environment) {
        throw new UsageException("not wired yet");
    }
}
