package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;


@Command(name = "recover", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Runs the whole recovery: recovery API server, new certificates, redeploy, kubelets, CSRs, clean-up.",
        description = {"Preflight first (nothing changes when a host is not ready); a lock on the first master keeps two runs apart; "
                + "every replaced file is backed up; the recovery API server is destroyed at the end and on failure unless "
                + "--keep-recovery-apiserver. Running it again after a failure continues where it stopped.",
                "",
                "Ctrl-C stops the current remote command, releases the lock and leaves the recovery API server as it is."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:every inventory node is Ready at the end", " 1:the run failed (the message names host and operation)",
                "64:a bad command line or inventory", "130:interrupted (Ctrl-C)"})
final class RecoverCommand extends ClusterCommand {

    @Mixin
    private AuditOption audit;

    @Option(names = "--approve", paramLabel = "MODE", defaultValue = "prompt", converter = ApprovalChoice.Converter.class,
            description = "prompt (default): list each pending CSR with its verdict and ask y/N for each valid one; "
                    + "validated: approve exactly the valid ones without asking. Invalid CSRs are never approved.")
    private ApprovalChoice approve;

    @Option(names = "--keep-recovery-apiserver",
            description = "Leave the recovery API server running at the end (for a look around); destroy it later with "
                    + "'recovery-apiserver destroy'.")
    private boolean keepRecoveryApiServer;

    @Option(names = "--force-unlock",
            description = "Remove a cluster lock left by a run that died. Only when no other recovery of this cluster is running.")
    private boolean forceUnlock;

    @Override
    int run(Terminal terminal, TerminalListener listener, Inventory inventory, CliEnvironment environment) {
        throw new UsageException("not wired yet");
    }
}
