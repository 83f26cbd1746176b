package io.jenkins.plugins.certrecovery.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.ToolEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's simulated tools behind real sshd and real sudo: found first on PATH, run as root, addressing the real paths that
 * the bind mounts map into the sandbox host's directory, and all sharing the one cluster state.
 */
class SandboxToolsOverOpenSshTest {
    @BeforeAll
    static void requirements() {
        E2eRequirements.assumeMet();
    }

    @Test
    void toolsRunAsRootThroughRealSudoOnEveryHostAgainstOneClusterState() throws Exception {
        try (E2eCluster cluster = E2eCluster.start("sandbox-tools", SandboxSpec.defaults())) {
            String image = cluster.sandbox().spec().releaseImage();
            LocalCommand.Result release = cluster.hosts()
                    .ssh(
                            E2eRequirements.CORE_USER,
                            "master-0",
                            "sudo -n oc adm release info --registry-config=/var/lib/kubelet/config.json " + image
                                    + " --image-for=cluster-kube-apiserver-operator")
                    .requireSuccess();
            assertTrue(release.stdout().strip().contains("@sha256:"), release::stdout);

            for (String host : cluster.sandbox().hostNames()) {
                LocalCommand.Result kubelet = cluster.hosts()
                        .ssh(
                                E2eRequirements.CORE_USER,
                                host,
                                "sudo -n systemctl is-active kubelet; sudo -n touch /run/machine-config-daemon-force");
                assertEquals(
                        cluster.sandbox().node(host).kubeletState(),
                        kubelet.stdout().strip(),
                        host);
                Path force = cluster.sandbox().hostPath(host, "/run/machine-config-daemon-force");
                assertTrue(
                        Files.exists(force),
                        "the real path /run/machine-config-daemon-force is the sandbox's on " + host);
            }
            LocalCommand.Result asRoot = cluster.hosts()
                    .ssh("root", "master-2", "command -v recover-kubeconfig.sh")
                    .requireSuccess();
            assertEquals("/usr/local/bin/recover-kubeconfig.sh", asRoot.stdout().strip());

            for (ToolEvent event : cluster.sandbox().toolEvents()) {
                assertTrue(event.privileged(), () -> "ran as root through real sudo: " + event.commandLine());
            }
            assertTrue(
                    cluster.called("worker-1", "systemctl", "is-active", "kubelet"),
                    () -> cluster.toolCalls("worker-1").toString());
        }
        Outcomes.record(
                "harness-sandbox-tools",
                "harness",
                "the sandbox's oc, podman, systemctl and recover-kubeconfig.sh behind real sshd and real sudo on 5 hosts",
                "first on PATH, run as root through sudo -n, real paths land in each host's sandbox directory, one cluster state");
    }
}
