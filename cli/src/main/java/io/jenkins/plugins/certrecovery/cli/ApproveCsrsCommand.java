package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "approve-csrs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Lists pending CSRs with their verdicts and approves only valid node CSRs.",
        description = {"Each pending CSR is validated as the cluster-machine-approver would: requestor, groups, usages, and the "
                + "request itself (O=system:nodes, CN=system:node:<a node of the inventory>, SANs).",
                "With --list they are only listed, with their verdicts and reasons. With NAMEs exactly those are approved; an "
                + "invalid one is refused with its reasons. Without NAMEs you are asked y/N for each valid pending CSR. With --wait, "
                + "valid node CSRs are then approved wave after wave (client, then serving) until every inventory node is Ready."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:done (with --wait: every node Ready)", " 1:a CSR asked for was refused, or the run failed",
                "64:a bad command line or inventory"})
final class ApproveCsrsCommand extends ClusterCommand {

    @Mixin
    private AuditOption audit;

    @Option(names = "--list", description = "List the pending CSRs with their verdicts and reasons; approve nothing.")
    private boolean list;

    @Option(names = "--wait",
            description = "Approve valid node CSRs wave after wave (client, then serving) until every inventory node is Ready.")
    private boolean waitUntilReady;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Names of pending CSRs to approve (see --list).")
    private List<String> names = List.of();

    @Override
    int run(Terminal terminal, TerminalListener listener, Inventory inventory, CliEnvironment environment) {
        throw new UsageException("not wired yet");
    }
}
