package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.recovery.ClusterSession;
import io.jenkins.plugins.certrecovery.recovery.CsrApprovalPolicy;
import io.jenkins.plugins.certrecovery.recovery.KubeletHostResult;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import io.jenkins.plugins.certrecovery.recovery.RecoveryProcedure;
import io.jenkins.plugins.certrecovery.recovery.RecoverySummary;
import io.jenkins.plugins.certrecovery.recovery.VersionOperations;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "recover",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Runs the whole recovery of the inventory's OpenShift version (docs/versions.md).",
        description = {
            "4.1-4.3: recovery API server, new certificates, redeploy, kubelets, CSRs, clean-up. 4.4-4.5: kubelets and CSRs "
                    + "with --admin-kubeconfig. 4.6+: waits for the API and approves the valid node CSRs until every node is Ready; "
                    + "it changes no file on any host.",
            "",
            "Preflight first (nothing changes when a host is not ready, or when the kubeconfig that approves CSRs cannot); up to "
                    + "4.5 a lock on the first master keeps two runs apart, every replaced file is backed up, and the recovery API server "
                    + "is destroyed at the end and on failure unless --keep-recovery-apiserver. Running it again after a failure "
                    + "continues where it stopped.",
            "",
            "Ctrl-C stops the current remote command, releases the lock and leaves the recovery API server as it is."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:every node is recovered and Ready at the end",
            " 1:the run failed (the message names host and operation)",
            " 2:the control plane and the other nodes are recovered, but the nodes listed failed or were skipped: fix them, "
                    + "then run the command printed (--nodes those nodes)",
            "64:a bad command line or inventory",
            "130:interrupted (Ctrl-C)"
        })
final class RecoverCommand extends ClusterCommand {
    @Mixin
    private AuditOption audit;

    @Mixin
    private CommandTimeoutOption commandTimeout;

    @Mixin
    private ApiserverTimeoutOption apiserverTimeout;

    @Mixin
    private AdminKubeconfigOption adminKubeconfig;

    @Mixin
    private NodesReadyTimeoutOption nodesReadyTimeout;

    @Mixin
    private ParallelismOptions parallelism;

    // help texts and defaults of these: the catalogue's (CatalogueOptions)
    @Option(names = "--approve", paramLabel = "MODE", converter = ApprovalChoice.Converter.class)
    private ApprovalChoice approve;

    @Option(names = "--keep-recovery-apiserver")
    private boolean keepRecoveryApiserver;

    @Option(names = "--force-unlock")
    private boolean forceUnlock;

    @Mixin
    private NodesOption nodes;

    @Option(names = "--skip-unreachable")
    private boolean skipUnreachable;

    private boolean viaRecoveryApiserver;
    private boolean byApprovingCsrs;

    @Override
    int run(Terminal terminal, TerminalListener listener, Inventory inventory, CliEnvironment environment)
            throws Exception {
        viaRecoveryApiserver = inventory.ocpVersion().hasRecoveryApiserver();
        byApprovingCsrs = VersionOperations.recoversByApprovingCsrs(inventory.ocpVersion());
        RecoveryOptions options = nodes.applyTo(
                        parallelism.applyTo(nodesReadyTimeout.applyTo(
                                apiserverTimeout.applyTo(adminKubeconfig.applyTo(EngineOptions.forCli())))),
                        inventory)
                .keepRecoveryApiserver(keepRecoveryApiserver)
                .forceUnlock(forceUnlock)
                .skipUnreachable(skipUnreachable)
                .build();
        CsrApprovalPolicy approvals = approve == ApprovalChoice.VALIDATED
                ? CsrApprovalPolicy.ALL_VALID
                : new PromptApprovalPolicy(new YesNoPrompt(environment.answers(), terminal));
        try (ClusterSession session = openSession(
                inventory, environment, terminal, listener, options, commandTimeout.sshOptions(), audit.file)) {
            RecoverySummary summary = session.run(new RecoveryProcedure(session.context(), approvals))
                    .orElseThrow(); // the whole recovery exists for every version
            terminal.info("audit trail: " + audit.file.toAbsolutePath());
            if (!summary.notRecovered().isEmpty()) {
                List<String> names = summary.notRecovered().stream()
                        .map(KubeletHostResult::host)
                        .toList();
                session.finished(false, "not recovered: " + String.join(", ", names));
                summary.notRecovered()
                        .forEach(h ->
                                terminal.result(h.action() + " " + h.host() + ": " + h.detail(), Terminal.Outcome.BAD));
                terminal.result(
                        "recover: the control plane and the other nodes are recovered; NOT " + String.join(", ", names)
                                + ". Fix them, then: "
                                + NodesOption.retryCommand("recover", inventoryOption.file, summary.retryOption()),
                        Terminal.Outcome.WARNING);
                return ExitCodes.NODES_NOT_RECOVERED;
            }
            boolean ready = summary.allNodesReady();
            session.finished(
                    ready,
                    ready
                            ? "every inventory node is Ready"
                            : "not Ready: " + String.join(", ", summary.csrs().notReady()));
            terminal.result(
                    ready ? "recover: every inventory node is Ready" : "recover: not every node is Ready",
                    ready ? Terminal.Outcome.GOOD : Terminal.Outcome.BAD);
            return ready ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    @Override
    String whatInterruptLeaves() {
        if (byApprovingCsrs) {
            return "The remote command was stopped; no file was changed on any host (CSRs approved so far stay approved); the audit "
                    + "trail " + audit.file.toAbsolutePath()
                    + " is complete up to here. Run 'recover' again to continue.";
        }
        String server = viaRecoveryApiserver
                ? " The recovery API server, if it was created, is left as it is on the first master: run 'recover' again to "
                        + "continue, or 'recovery-apiserver destroy -i " + inventoryOption.file + "' to remove it."
                : " Run 'recover' again to continue where it stopped.";
        return "The remote command was stopped and the cluster lock released; the audit trail "
                + audit.file.toAbsolutePath() + " is complete up to here." + server;
    }
}
