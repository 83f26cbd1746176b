package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.recovery.KubeletRecoveryResult;
import io.jenkins.plugins.certrecovery.recovery.RecoverKubelets;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOperation;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "recover-kubelets",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Gives every kubelet a bootstrap kubeconfig and restarts it with its old certificates moved aside.",
        description = {
            "Writes /etc/kubernetes/kubeconfig to every master and kubelet-ca.crt to every node (backups first), "
                    + "then per master: stop kubelet, move pki/ and kubeconfig into a timestamped backup directory, start kubelet. "
                    + "Workers: only those missing or NotReady, unless --all-workers. The kubelets then ask for CSRs: approve them "
                    + "with 'approve-csrs'."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:every kubelet that needed it was restarted",
            " 1:it failed (the message names host and step)",
            " 2:the nodes listed failed (rolled back); every other kubelet was restarted: fix them, then run the command "
                    + "printed (--nodes those nodes)",
            "64:a bad command line or inventory"
        })
final class RecoverKubeletsCommand extends OperationCommand<KubeletRecoveryResult> {
    @Option(names = "--all-workers") // help: the catalogue's (CatalogueOptions)
    private boolean allWorkers;

    @Mixin
    private ParallelismOptions parallelism;

    @Mixin
    private NodesOption nodes;

    @Override
    RecoveryOptions options(Inventory inventory) {
        return nodes.applyTo(parallelism.applyTo(engineOptions()), inventory)
                .allWorkers(allWorkers)
                .build();
    }

    @Override
    int exitCode(KubeletRecoveryResult result, Terminal terminal) {
        if (result.notRecovered().isEmpty()) {
            return ExitCodes.OK;
        }
        result.notRecovered()
                .forEach(h -> terminal.result(h.action() + " " + h.host() + ": " + h.detail(), Terminal.Outcome.BAD));
        terminal.result(
                "recover-kubelets: the other kubelets are recovered. Fix those, then: "
                        + NodesOption.retryCommand("recover-kubelets", inventoryOption.file, result.retryOption()),
                Terminal.Outcome.WARNING);
        return ExitCodes.NODES_NOT_RECOVERED;
    }

    @Override
    RecoveryOperation<KubeletRecoveryResult> operation(RecoveryContext context) {
        return new RecoverKubelets(context);
    }
}
