package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;


@Command(name = "force-redeploy", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Makes kube-apiserver, kube-controller-manager and kube-scheduler roll out again.",
        description = {"Patches forceRedeploymentReason (recovery-<RFC 3339 time>) on the three operators as a merge patch and reads it back."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:the three operators were patched", " 1:it failed (the message names host and step)", "64:a bad command line or inventory"})
final class ForceRedeployCommand extends ClusterCommand {

    @Mixin
    private AuditOption audit;

    @Override
    int run(Terminal terminal, TerminalListener listener, Inventory inventory, CliEnvironment environment) {
        throw new UsageException("not wired yet");
    }
}
