package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOperation;
import io.jenkins.plugins.certrecovery.recovery.RegenerateCertificates;
import io.jenkins.plugins.certrecovery.recovery.RegenerationResult;
import picocli.CommandLine.Command;

@Command(
        name = "regenerate-certificates",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Regenerates the control-plane certificates through the recovery API server.",
        description = {
            "Runs 'regenerate-certificates' on the first master and reports each control-plane certificate's expiry "
                    + "before and after; fails if one still expires within a day."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:the certificates were regenerated",
            " 1:it failed (the message names host and step)",
            "64:a bad command line or inventory"
        })
final class RegenerateCertificatesCommand extends OperationCommand<RegenerationResult> {
    @Override
    RecoveryOperation<RegenerationResult> operation(RecoveryContext context) {
        return new RegenerateCertificates(context);
    }
}
