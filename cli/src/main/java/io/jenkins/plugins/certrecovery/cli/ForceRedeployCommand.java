package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.recovery.ForceRedeploy;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOperation;
import io.jenkins.plugins.certrecovery.recovery.RedeployResult;
import picocli.CommandLine.Command;

@Command(
        name = "force-redeploy",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Makes kube-apiserver, kube-controller-manager and kube-scheduler roll out again.",
        description = {
            "Patches forceRedeploymentReason (recovery-<RFC 3339 time>) on the three operators as a merge patch and reads "
                    + "it back."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:the three operators were patched",
            " 1:it failed (the message names host and step)",
            "64:a bad command line or inventory"
        })
final class ForceRedeployCommand extends OperationCommand<RedeployResult> {
    @Override
    RecoveryOperation<RedeployResult> operation(RecoveryContext context) {
        return new ForceRedeploy(context);
    }
}
