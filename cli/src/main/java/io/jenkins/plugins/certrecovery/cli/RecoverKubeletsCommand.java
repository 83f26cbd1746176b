package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;


@Command(name = "recover-kubelets", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Gives every kubelet a bootstrap kubeconfig and restarts it with its old certificates moved aside.",
        description = {"Writes /etc/kubernetes/kubeconfig to every master and kubelet-ca.crt to every node (backups first), "
                + "then per master: stop kubelet, move pki/ and kubeconfig into a timestamped backup directory, start kubelet. "
                + "Workers: only those missing or NotReady. The kubelets then ask for CSRs: approve them with 'approve-csrs'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:every kubelet was restarted", " 1:it failed (the message names host and step)",
                "64:a bad command line or inventory"})
final class RecoverKubeletsCommand extends ClusterCommand {

    @Mixin
    private AuditOption audit;

    @Override
    int run(Terminal terminal, TerminalListener listener, Inventory inventory, CliEnvironment environment) {
        throw new UsageException("not wired yet");
    }
}
