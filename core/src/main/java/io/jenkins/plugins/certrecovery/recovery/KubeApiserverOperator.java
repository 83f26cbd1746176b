package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster-kube-apiserver-operator image of the cluster's own release, run with podman on the first master as the documented
 * procedure does (steps 1–3, 5 and 10). Using the cluster's own release avoids BZ 1802161 (4.3.0's regenerate-certificates fails on
 * clusters with etcd encryption).
 */
final class KubeApiserverOperator {
    /** Stands for the resolved image in plans (the documented procedure's variable name). */
    static final String IMAGE_PLACEHOLDER = "${KAO_IMAGE}";
    /** Pulling a large image over a slow registry link takes minutes. */
    static final Duration PULL_TIMEOUT = Duration.ofMinutes(15);

    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    private final RecoveryContext context;
    private final ClusterNode node;
    private final HostLayout layout;

    KubeApiserverOperator(RecoveryContext context) {
        this.context = context;
        this.node = context.firstMaster();
        this.layout = context.layout(node);
    }

    ClusterNode node() {
        return node;
    }

    RemoteCommand releaseInfo() {
        return RemoteCommand.readOnly(
                "oc",
                "adm",
                "release",
                "info",
                "--registry-config=" + layout.kubeletPullSecret(),
                context.inventory().releaseImage(),
                "--image-for=cluster-kube-apiserver-operator");
    }

    RemoteCommand pull(String image) {
        return RemoteCommand.of("podman", "pull", "--authfile=" + layout.kubeletPullSecret(), image)
                .withTimeout(PULL_TIMEOUT);
    }

    /**
     * {@code podman run} of the operator. No {@code -it}: the documented command is written for a person at a terminal, and a
     * non-interactive SSH channel has no TTY, so {@code -t} is left out.
     */
    RemoteCommand run(String image, String... operatorArgs) {
        List<String> argv = new ArrayList<>(List.of(
                "podman",
                "run",
                "--network=host",
                "-v",
                layout.kubernetesDir() + "/:" + HostLayout.CONTAINER_KUBERNETES_DIR + "/:Z",
                "--entrypoint=/usr/bin/cluster-kube-apiserver-operator",
                image));
        argv.addAll(List.of(operatorArgs));
        return new RemoteCommand(argv, java.util.Map.of(), null, false, RUN_TIMEOUT);
    }

    /** Resolves the operator image from the release ({@code oc adm release info … --image-for=…}). */
    String resolveImage(String step) throws RecoveryException, InterruptedException {
        String image =
                context.executor().require(node, step, releaseInfo()).stdout().strip();
        if (image.isEmpty() || image.contains("\n") || image.contains(" ")) {
            throw new RecoveryException(
                    node.name(),
                    step,
                    "`oc adm release info` did not print one image reference for "
                            + "cluster-kube-apiserver-operator in "
                            + context.inventory().releaseImage() + " but: '" + image + "'");
        }
        context.listener().hostLine(node.name(), "cluster-kube-apiserver-operator image: " + image);
        return image;
    }

    /** Resolves and pulls the image; a given image (already resolved and pulled in this run) is used as it is. */
    String image(String step, String known) throws RecoveryException, InterruptedException {
        if (known != null) {
            return known;
        }
        String image = resolveImage(step);
        context.executor().require(node, step, pull(image));
        return image;
    }

    /** The plan of {@link #image}: resolve and pull, unless known. */
    List<PlanStep> imagePlan(String known) {
        if (known != null) {
            return List.of();
        }
        return List.of(PlanStep.run(node.name(), releaseInfo()), PlanStep.run(node.name(), pull(IMAGE_PLACEHOLDER)));
    }

    static String imageOrPlaceholder(String known) {
        return known == null ? IMAGE_PLACEHOLDER : known;
    }
}
