package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.recovery.RecoveryApiserver;
import io.jenkins.plugins.certrecovery.recovery.RecoveryApiserverCreate;
import io.jenkins.plugins.certrecovery.recovery.RecoveryApiserverDestroy;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOperation;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "recovery-apiserver",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Creates or destroys the recovery API server on the first master (OCP 4.1-4.3).",
        synopsisSubcommandLabel = "(create | destroy)",
        subcommands = {RecoveryApiserverCommand.Create.class, RecoveryApiserverCommand.Destroy.class})
final class RecoveryApiserverCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            header = "Starts the recovery API server and waits until it answers.",
            description = {
                "Resolves the operator image from the cluster's release image, pulls it, runs 'recovery-apiserver create' "
                        + "and waits until 'oc get namespace kube-system' answers. A leftover recovery server is reused when it "
                        + "answers, or destroyed and created again when it does not."
            },
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                " 0:the recovery API server answers",
                " 1:it failed (the message names host and step)",
                "64:a bad command line or inventory"
            })
    static final class Create extends OperationCommand<RecoveryApiserver> {
        @Mixin
        private ApiserverTimeoutOption apiserverTimeout;

        @Override
        RecoveryOptions options(Inventory inventory) {
            return apiserverTimeout.applyTo(engineOptions()).build();
        }

        @Override
        RecoveryOperation<RecoveryApiserver> operation(RecoveryContext context) {
            return new RecoveryApiserverCreate(context);
        }
    }

    @Command(
            name = "destroy",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            header = "Removes the recovery API server; nothing there is success.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                " 0:no recovery API server is left",
                " 1:it failed (the message names host and step)",
                "64:a bad command line or inventory"
            })
    static final class Destroy extends OperationCommand<Boolean> {
        @Override
        RecoveryOperation<Boolean> operation(RecoveryContext context) {
            return new RecoveryApiserverDestroy(context);
        }
    }
}
