package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.recovery.ClusterSession;
import io.jenkins.plugins.certrecovery.recovery.CsrApprovalPolicy;
import io.jenkins.plugins.certrecovery.recovery.OperationPlan;
import io.jenkins.plugins.certrecovery.recovery.RecoveryException;
import io.jenkins.plugins.certrecovery.recovery.RecoveryProcedure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Prints, per host, every command the recovery would run and every file it would change; runs nothing.",
        description = {
            "Nothing runs on any host, no key is read and no host is contacted: read it, then run 'recover' with the "
                    + "same inventory. Steps marked 'only if' run only in the state named; polls appear once."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:the plan was printed", "64:a bad command line or inventory"})
final class PlanCommand extends ClusterCommand {
    @Mixin
    private AdminKubeconfigOption adminKubeconfig;

    @Override
    int run(Terminal terminal, TerminalListener listener, Inventory inventory, CliEnvironment environment)
            throws RecoveryException {
        try (ClusterSession session = ClusterSession.planning(inventory, terminal.masker())
                .options(adminKubeconfig.applyTo(EngineOptions.forCli()).build())
                .listener(listener)
                .start()) {
            OperationPlan plan = session.plan(new RecoveryProcedure(session.context(), CsrApprovalPolicy.ALL_VALID));
            plan.lines(terminal.masker()).forEach(terminal::result);
            terminal.result(
                    plan.steps().size() + " steps on " + inventory.nodes().size() + " hosts; nothing was run");
        }
        return ExitCodes.OK;
    }
}
