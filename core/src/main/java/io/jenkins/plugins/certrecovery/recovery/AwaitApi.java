package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import java.util.List;

/**
 * 4.6+: waits until kube-apiserver answers {@code oc get namespace kube-system} through the admin kubeconfig on the first master
 * (its {@code localhost-recovery.kubeconfig} or the one the user named). After a long shutdown kube-apiserver regenerates its own
 * expired certificates when it starts (facts 3.7), which takes a while; {@link RecoveryOptions#apiserverTimeout()} bounds the wait.
 * An {@code Unauthorized} answer ends it at once: waiting cannot make an expired credential valid. Reads only.
 */
public final class AwaitApi implements RecoveryOperation<String> {
    public static final String NAME = "await-api";

    private final RecoveryContext context;

    public AwaitApi(RecoveryContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** It only asks the API. */
    @Override
    public boolean changesCluster() {
        return false;
    }

    @Override
    public OperationPlan plan() throws RecoveryException {
        Oc oc = Oc.admin(context);
        return new OperationPlan(NAME, List.of(PlanStep.poll(oc.node().name(), oc.kubeSystemNamespace())));
    }

    /** @return the kubeconfig the API answered through */
    @Override
    public String execute() throws RecoveryException, InterruptedException {
        Oc oc = Oc.admin(context);
        context.polling()
                .await(
                        oc.node(),
                        NAME,
                        "the API to answer `oc get namespace kube-system` with " + oc.kubeconfig(),
                        context.options().apiserverTimeout(),
                        () -> {
                            CommandResult probe = context.executor().run(oc.node(), NAME, oc.kubeSystemNamespace());
                            String error = context.executor().errorText(probe);
                            if (!probe.succeeded() && error.contains("Unauthorized")) {
                                throw new RecoveryException(
                                        oc.node().name(),
                                        NAME,
                                        "the API refuses " + oc.kubeconfig() + " (" + error + "); "
                                                + AdminCredential.whatToDo(context));
                            }
                            return probe.succeeded() ? null : error;
                        });
        context.listener().hostLine(oc.node().name(), "the API answers through " + oc.kubeconfig());
        return "the API answers through " + oc.kubeconfig();
    }
}
