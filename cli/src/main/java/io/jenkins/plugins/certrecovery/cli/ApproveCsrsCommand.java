package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.csr.ApprovalSelection;
import io.jenkins.plugins.certrecovery.csr.CsrVerdict;
import io.jenkins.plugins.certrecovery.recovery.ApproveCsrs;
import io.jenkins.plugins.certrecovery.recovery.ClusterSession;
import io.jenkins.plugins.certrecovery.recovery.CsrApprovalPolicy;
import io.jenkins.plugins.certrecovery.recovery.CsrApprovalResult;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "approve-csrs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Lists pending CSRs with their verdicts and approves only valid node CSRs.",
        description = {
            "Each pending CSR is validated as the cluster-machine-approver would: requestor, groups, usages, and the "
                    + "request itself (O=system:nodes, CN=system:node:<a node of the inventory>, SANs).",
            "With --list they are only listed, with their verdicts and reasons. With NAMEs exactly those are approved; an "
                    + "invalid one is refused with its reasons. Without NAMEs you are asked y/N for each valid pending CSR. With --wait, "
                    + "every valid node CSR is then approved wave after wave (client, then serving) until every inventory node is Ready; with "
                    + "--nodes, only the CSRs of those nodes, until they are Ready."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:done (with --wait: every node Ready)",
            " 1:a CSR asked for was refused, or the run failed",
            "64:a bad command line or inventory"
        })
final class ApproveCsrsCommand extends ClusterCommand {
    @Mixin
    private AuditOption audit;

    @Mixin
    private CommandTimeoutOption commandTimeout;

    @Mixin
    private AdminKubeconfigOption adminKubeconfig;

    @Option(names = "--list", description = "List the pending CSRs with their verdicts and reasons; approve nothing.")
    private boolean list;

    @Option(names = "--wait") // help: the catalogue's (CatalogueOptions)
    private boolean waitUntilReady;

    @Mixin
    private NodesReadyTimeoutOption nodesReadyTimeout;

    @Mixin
    private NodesOption nodes;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Names of pending CSRs to approve (see --list).")
    private List<String> names = List.of();

    @Override
    int run(Terminal terminal, TerminalListener listener, Inventory inventory, CliEnvironment environment)
            throws Exception {
        if (list && (waitUntilReady || !names.isEmpty())) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--list approves nothing: give it without NAMEs and --wait");
        }
        try (ClusterSession session = openSession(
                inventory,
                environment,
                terminal,
                listener,
                nodes.applyTo(nodesReadyTimeout.applyTo(adminKubeconfig.applyTo(EngineOptions.forCli())), inventory)
                        .build(),
                commandTimeout.sshOptions(),
                list ? null : audit.file)) {
            RecoveryContext context = session.context();
            if (list) {
                show(terminal, session.run(ApproveCsrs.list(context)).orElseThrow());
                return ExitCodes.OK;
            }
            List<String> asked = names;
            if (asked.isEmpty() && !waitUntilReady) {
                List<CsrVerdict> valid = session.run(ApproveCsrs.list(context)).orElseThrow().verdicts().stream()
                        .filter(CsrVerdict::valid)
                        .toList();
                asked = new PromptApprovalPolicy(new YesNoPrompt(environment.answers(), terminal)).choose(valid);
                if (asked.isEmpty()) {
                    session.finished(true, "nothing approved");
                    terminal.result("approve-csrs: nothing approved");
                    return ExitCodes.OK;
                }
            }
            boolean refused = false;
            if (!asked.isEmpty()) {
                CsrApprovalResult result =
                        session.run(ApproveCsrs.approve(context, asked)).orElseThrow();
                show(terminal, result);
                refused = !result.refused().isEmpty();
            }
            if (waitUntilReady) {
                show(
                        terminal,
                        session.run(ApproveCsrs.untilNodesReady(context, CsrApprovalPolicy.ALL_VALID))
                                .orElseThrow());
            }
            session.finished(!refused, refused ? "a CSR asked for was refused" : "done");
            return refused ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    /** The outcome: what was approved, what was refused and why, and the invalid CSRs left pending. */
    static void show(Terminal terminal, CsrApprovalResult result) {
        for (ApprovalSelection.Refusal refusal : result.refused()) {
            terminal.result(
                    "refused " + refusal.name() + ": " + String.join("; ", refusal.reasons()), Terminal.Outcome.BAD);
        }
        for (CsrVerdict invalid : result.invalid()) {
            terminal.result(
                    "left pending (invalid) " + invalid.name() + " requested by " + invalid.requestor() + ": "
                            + String.join("; ", invalid.reasons()),
                    Terminal.Outcome.WARNING);
        }
        if (!result.approved().isEmpty()) {
            terminal.result("approved " + String.join(", ", result.approved()), Terminal.Outcome.GOOD);
        }
        if (!result.notReady().isEmpty()) {
            terminal.result("not Ready: " + String.join(", ", result.notReady()), Terminal.Outcome.BAD);
        }
    }
}
