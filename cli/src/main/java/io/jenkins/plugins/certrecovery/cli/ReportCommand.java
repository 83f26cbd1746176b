package io.jenkins.plugins.certrecovery.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code report}: works on reports already written; alone it prints its usage. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Works on expiry reports already written (no cluster is contacted).",
        subcommands = ReportMergeCommand.class,
        synopsisSubcommandLabel = "COMMAND")
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
