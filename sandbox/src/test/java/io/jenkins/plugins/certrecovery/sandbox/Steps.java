package io.jenkins.plugins.certrecovery.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;

/** Steps of the documented procedure as root on master-0 without SSH, to bring a sandbox to the state a test starts from. */
final class Steps {
    static final String KUBECONFIG =
            "/etc/kubernetes/static-pod-resources/recovery-kube-apiserver-pod/admin.kubeconfig";
    static final String AS_ADMIN = "KUBECONFIG=" + KUBECONFIG + " ";

    private Steps() {}

    static SshSession.Result root(Sandbox sandbox, String command) throws IOException {
        return LocalShell.run(sandbox, "master-0", true, command);
    }

    static String operatorImage(Sandbox sandbox) throws IOException {
        SshSession.Result image = root(
                sandbox,
                "oc adm release info --registry-config=/var/lib/kubelet/config.json '"
                        + sandbox.spec().releaseImage() + "' --image-for=cluster-kube-apiserver-operator");
        assertEquals(0, image.exit(), image.all());
        return image.out().strip();
    }

    /** podman run … IMAGE with the operator entrypoint and /etc/kubernetes mounted, ready for the operator's arguments. */
    static String podmanRun(Sandbox sandbox) throws IOException {
        String image = operatorImage(sandbox);
        SshSession.Result pull = root(sandbox, "podman pull --authfile=/var/lib/kubelet/config.json " + image);
        assertEquals(0, pull.exit(), pull.all());
        return "podman run --network=host -v /etc/kubernetes/:/etc/kubernetes/:Z "
                + "--entrypoint=/usr/bin/cluster-kube-apiserver-operator " + image + " ";
    }

    static String createRecoveryApiserver(Sandbox sandbox) throws IOException {
        String podman = podmanRun(sandbox);
        SshSession.Result create = root(sandbox, podman + "recovery-apiserver create");
        assertEquals(0, create.exit(), create.all());
        return podman;
    }

    static void waitForApiserver(Sandbox sandbox) throws Exception {
        sandbox.await(
                "the recovery API server to answer oc on master-0",
                Duration.ofSeconds(20),
                () -> root(sandbox, AS_ADMIN + "oc get namespace kube-system").exit() == 0);
    }

    /** Recovery API server up and certificates regenerated; returns the podman prefix. */
    static String regenerated(Sandbox sandbox) throws Exception {
        String podman = createRecoveryApiserver(sandbox);
        waitForApiserver(sandbox);
        SshSession.Result regenerate = root(sandbox, podman + "regenerate-certificates");
        assertEquals(0, regenerate.exit(), regenerate.all());
        return podman;
    }
}
