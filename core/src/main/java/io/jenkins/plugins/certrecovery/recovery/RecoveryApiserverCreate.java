package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Operation 1: starts the temporary recovery API server on the first master (4.1–4.3; documented steps 1–4) and waits until it
 * answers. A leftover one (the operator refuses a second {@code create}) is reused when it answers, else destroyed and recreated.
 */
public final class RecoveryApiserverCreate extends OperatorImageOperation<RecoveryApiserver> {
    public static final String NAME = "recovery-apiserver-create";
    /** The operator prints this through klog to stderr; code-ready/crc parses it with the same expression. */
    private static final Pattern EXPORT_KUBECONFIG = Pattern.compile("export KUBECONFIG=([\\w\\-/.]*)");

    /**
     * @param knownImage the operator image when already resolved and pulled in this run, or null to resolve and pull it
     */
    public RecoveryApiserverCreate(RecoveryContext context, String knownImage) {
        super(context, knownImage, NAME);
    }

    public RecoveryApiserverCreate(RecoveryContext context) {
        this(context, null);
    }

    @Override
    public OperationPlan plan() {
        requireRecoveryApiserver();
        ClusterNode node = context.firstMaster();
        HostLayout layout = context.layout(node);
        KubeApiserverOperator operator = new KubeApiserverOperator(context);
        Oc recovery = new Oc(context, Oc.recoveryKubeconfig(context));
        String leftover = "a recovery API server is left from an earlier run";
        List<PlanStep> steps = new ArrayList<>();
        steps.add(PlanStep.run(node.name(), HostExecutor.existsCommand(layout.recoveryApiserverManifest())));
        steps.add(PlanStep.run(node.name(), recovery.kubeSystemNamespace())
                .onlyIf(leftover + " (reused when this answers)"));
        steps.add(PlanStep.run(node.name(), HostExecutor.existsCommand(layout.recoveryResourceDir())));
        steps.addAll(operator.imagePlan(knownImage));
        new RecoveryApiserverDestroy(context, KubeApiserverOperator.imageOrPlaceholder(knownImage))
                .plan()
                .steps()
                .forEach(s -> steps.add(s.onlyIf(leftover + " and does not answer")));
        steps.add(PlanStep.run(
                node.name(), createCommand(operator, KubeApiserverOperator.imageOrPlaceholder(knownImage))));
        steps.add(PlanStep.poll(node.name(), recovery.kubeSystemNamespace()));
        return new OperationPlan(NAME, steps);
    }

    /** The operator's {@code recovery-apiserver create}: what the plan shows and execute runs. */
    private static RemoteCommand createCommand(KubeApiserverOperator operator, String image) {
        return operator.run(image, "recovery-apiserver", "create");
    }

    @Override
    public RecoveryApiserver execute() throws RecoveryException, InterruptedException {
        requireRecoveryApiserver();
        ClusterNode node = context.firstMaster();
        HostLayout layout = context.layout(node);
        String step = NAME;
        Oc recovery = new Oc(context, Oc.recoveryKubeconfig(context));
        boolean leftover = context.executor().exists(node, step, layout.recoveryApiserverManifest());
        if (leftover) {
            CommandResult probe = context.executor().run(node, step, recovery.kubeSystemNamespace());
            if (probe.succeeded()) {
                context.listener()
                        .hostLine(node.name(), "a recovery API server from an earlier run answers: reusing it");
                return new RecoveryApiserver(node.name(), recovery.kubeconfig(), knownImage, true);
            }
            context.listener()
                    .hostLine(
                            node.name(),
                            "a recovery API server from an earlier run does not answer ("
                                    + context.executor().errorText(probe) + "): destroying and recreating it");
        }
        boolean leftoverDir = context.executor().exists(node, step, layout.recoveryResourceDir());
        String image = new KubeApiserverOperator(context).image(step, knownImage);
        if (leftover || leftoverDir) {
            new RecoveryApiserverDestroy(context, image).execute();
        }
        CommandResult created =
                context.executor().require(node, step, createCommand(new KubeApiserverOperator(context), image));
        String containerPath = kubeconfigPrinted(created.stderr() + "\n" + created.stdout())
                .orElseThrow(() -> new RecoveryException(
                        node.name(),
                        step,
                        "`recovery-apiserver create` succeeded but printed no `export KUBECONFIG=…` line; look for "
                                + "admin.kubeconfig under " + layout.recoveryResourceDir()));
        String kubeconfig = layout.hostPathOfContainerPath(containerPath);
        Oc oc = new Oc(context, kubeconfig);
        context.polling()
                .await(
                        node,
                        step,
                        "the recovery API server to answer `oc get namespace kube-system`",
                        context.options().apiserverTimeout(),
                        () -> {
                            CommandResult probe = context.executor().run(node, step, oc.kubeSystemNamespace());
                            return probe.succeeded() ? null : context.executor().errorText(probe);
                        });
        context.listener().hostLine(node.name(), "the recovery API server answers; KUBECONFIG=" + kubeconfig);
        return new RecoveryApiserver(node.name(), kubeconfig, image, false);
    }

    /** The kubeconfig path in the operator's {@code export KUBECONFIG=…} line (in-container path). */
    static Optional<String> kubeconfigPrinted(String output) {
        Matcher m = EXPORT_KUBECONFIG.matcher(output);
        return m.find() && !m.group(1).isEmpty() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
