package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * Operation 1b: removes the recovery API server (documented step 10). Idempotent: nothing there is success. The operator's
 * {@code destroy} fails when the manifest is missing, so a resource directory left without its manifest is moved into the backup
 * directory instead (it holds a system:masters client key: it must not stay where the next {@code create} trips over it).
 */
public final class RecoveryApiserverDestroy extends OperatorImageOperation<Boolean> {
    public static final String NAME = "recovery-apiserver-destroy";

    /** @param knownImage the operator image when already resolved and pulled in this run, or null to resolve it when needed */
    public RecoveryApiserverDestroy(RecoveryContext context, String knownImage) {
        super(context, knownImage, NAME);
    }

    public RecoveryApiserverDestroy(RecoveryContext context) {
        this(context, null);
    }

    @Override
    public OperationPlan plan() {
        requireRecoveryApiserver();
        ClusterNode node = context.firstMaster();
        HostLayout layout = context.layout(node);
        KubeApiserverOperator operator = new KubeApiserverOperator(context);
        String running = "the recovery API server's manifest exists";
        List<PlanStep> steps = new ArrayList<>();
        steps.add(PlanStep.run(node.name(), HostExecutor.existsCommand(layout.recoveryApiserverManifest())));
        operator.imagePlan(knownImage).forEach(s -> steps.add(s.onlyIf(running)));
        steps.add(PlanStep.run(
                        node.name(), destroyCommand(operator, KubeApiserverOperator.imageOrPlaceholder(knownImage)))
                .onlyIf(running));
        steps.add(PlanStep.run(node.name(), HostExecutor.existsCommand(layout.recoveryResourceDir())));
        steps.add(context.backups()
                .moveToBackupPlan(node, layout.recoveryResourceDir())
                .onlyIf(layout.recoveryResourceDir() + " is left without its manifest"));
        return new OperationPlan(NAME, steps);
    }

    /** The operator's {@code recovery-apiserver destroy}: what the plan shows and execute runs. */
    private static RemoteCommand destroyCommand(KubeApiserverOperator operator, String image) {
        return operator.run(image, "recovery-apiserver", "destroy");
    }

    /** @return true when there was something to remove */
    @Override
    public Boolean execute() throws RecoveryException, InterruptedException {
        requireRecoveryApiserver();
        ClusterNode node = context.firstMaster();
        HostLayout layout = context.layout(node);
        boolean removed = false;
        if (context.executor().exists(node, NAME, layout.recoveryApiserverManifest())) {
            KubeApiserverOperator operator = new KubeApiserverOperator(context);
            context.executor().require(node, NAME, destroyCommand(operator, operator.image(NAME, knownImage)));
            removed = true;
        }
        if (context.executor().exists(node, NAME, layout.recoveryResourceDir())) {
            context.backups().moveToBackup(node, NAME, layout.recoveryResourceDir());
            removed = true;
        }
        context.listener()
                .hostLine(
                        node.name(), removed ? "the recovery API server is gone" : "no recovery API server was there");
        return removed;
    }
}
