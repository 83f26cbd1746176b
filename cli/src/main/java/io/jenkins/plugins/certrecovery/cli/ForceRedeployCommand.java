package io.jenkins.plugins.certrecovery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "force-redeploy", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Makes kube-apiserver, kube-controller-manager and kube-scheduler roll out again.",
        description = {"Patches forceRedeploymentReason (recovery-<RFC 3339 time>) on the three operators as a merge patch and reads it back."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:the three operators were patched", " 1:it failed (the message names host and step)", "64:a bad command line or inventory"})
final class ForceRedeployCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private InventoryOption inventory;

    @Mixin
    private AuditOption audit;

    @Override
    public Integer call() {
        throw new UsageException("not wired yet");
    }
}
