package io.jenkins.plugins.certrecovery.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each switchable fault, and the real tools' refusals that a careful engine must handle. */
class FaultsTest {
    private static final String REFUSED =
            "The connection to the server localhost:7443 was refused - did you specify the right host " + "or port?\n";

    @Test
    void recoveryApiserverThatNeverAnswersRefusesOcAndRegeneration() throws Exception {
        try (Sandbox sandbox = Sandbox.start(
                SandboxSpec.defaults().withoutSsh().withManualClock().withApiserverNeverAnswering())) {
            String podman = Steps.createRecoveryApiserver(sandbox);
            sandbox.clock().advance(Duration.ofHours(1));
            SshSession.Result oc = Steps.root(sandbox, Steps.AS_ADMIN + "oc get namespace kube-system");
            assertEquals(1, oc.exit());
            assertEquals(REFUSED, oc.err());
            SshSession.Result regenerate = Steps.root(sandbox, podman + "regenerate-certificates");
            assertEquals(1, regenerate.exit(), regenerate.all());
            assertTrue(regenerate.err().contains("dial tcp [::1]:7443: connect: connection refused"), regenerate.err());
            assertFalse(sandbox.certificatesRegenerated());

            sandbox.setApiserverNeverAnswers(false);
            Steps.waitForApiserver(sandbox);
        }
    }

    @Test
    void recoveryApiserverAnswersOnlyOnItsOwnMasterAfterItsDelay() throws Exception {
        Duration delay = Duration.ofSeconds(2);
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults()
                .withoutSsh()
                .withManualClock()
                .withDelays(delay, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100)))) {
            Steps.createRecoveryApiserver(sandbox);
            SshSession.Result early = Steps.root(sandbox, Steps.AS_ADMIN + "oc get namespace kube-system");
            assertEquals(1, early.exit());
            assertEquals(REFUSED, early.err());
            sandbox.clock().advance(delay.minusMillis(1));
            assertEquals(
                    REFUSED,
                    Steps.root(sandbox, Steps.AS_ADMIN + "oc get namespace kube-system")
                            .err(),
                    "1 ms before its delay");
            assertEquals(Optional.empty(), sandbox.recoveryApiserverAnswering());
            sandbox.clock().advance(Duration.ofMillis(1));
            SshSession.Result answered = Steps.root(sandbox, Steps.AS_ADMIN + "oc get namespace kube-system");
            assertEquals(0, answered.exit(), answered.all());
            assertEquals(Optional.of("master-0"), sandbox.recoveryApiserverAnswering());
            // master-1 runs no recovery API server: with a copy of the admin kubeconfig its localhost:7443 still
            // refuses
            java.nio.file.Files.copy(
                    sandbox.hostPath("master-0", Steps.KUBECONFIG),
                    sandbox.hostPath("master-1", "/root/admin.kubeconfig"));
            SshSession.Result other = LocalShell.run(
                    sandbox, "master-1", true, "oc --kubeconfig=/root/admin.kubeconfig get namespace kube-system");
            assertEquals(REFUSED, other.err());
        }
    }

    @Test
    void secondCreateIsRefusedAndDestroyNeedsTheManifest() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withoutSsh())) {
            String podman = Steps.createRecoveryApiserver(sandbox);
            SshSession.Result again = Steps.root(sandbox, podman + "recovery-apiserver create");
            assertEquals(1, again.exit());
            assertTrue(
                    again.err()
                            .matches(
                                    "(?s)E\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{6}       1 apiserver\\.go:\\d+\\] Recovery dir "
                                            + "\"/etc/kubernetes/static-pod-resources/recovery-kube-apiserver-pod\" already exist\\. Please use "
                                            + "`recovery-apiserver destroy` command or remove the dir manually\\.\n"
                                            + "failed to create recovery apiserver: failed to create recovery dir .*: file exists\n"),
                    again.err());

            SshSession.Result destroy = Steps.root(sandbox, podman + "recovery-apiserver destroy");
            assertEquals(0, destroy.exit(), destroy.all());
            assertTrue(
                    destroy.err()
                            .contains("Deleting recovery pod manifest \"/etc/kubernetes/manifests/"
                                    + "recovery-kube-apiserver-pod.yaml\""),
                    destroy.err());
            SshSession.Result destroyAgain = Steps.root(sandbox, podman + "recovery-apiserver destroy");
            assertEquals(1, destroyAgain.exit());
            assertTrue(
                    destroyAgain
                            .err()
                            .endsWith(
                                    "failed to destroy recovery apiserver: failed to decode file "
                                            + "\"/etc/kubernetes/manifests/recovery-kube-apiserver-pod.yaml\": failed to open file "
                                            + "\"/etc/kubernetes/manifests/recovery-kube-apiserver-pod.yaml\": open "
                                            + "/etc/kubernetes/manifests/recovery-kube-apiserver-pod.yaml: no such file or directory\n"),
                    destroyAgain.err());
            // once destroyed, create works again
            assertEquals(
                    0, Steps.root(sandbox, podman + "recovery-apiserver create").exit());
        }
    }

    @Test
    void sshServerDownRefusesConnectionsUntilItIsBack() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withSshDown("worker-1"))) {
            int port = sandbox.sshPort("worker-1");
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
            try (SshSession up = new SshSession(sandbox, "worker-0")) {
                assertEquals("ok\n", up.run("echo ok").out());
            }
            sandbox.setSshDown("worker-1", false);
            assertEquals(port, sandbox.sshPort("worker-1"));
            try (SshSession back = new SshSession(sandbox, "worker-1")) {
                assertEquals("ok\n", back.run("echo ok").out());
            }
        }
    }

    @Test
    void kubeletThatFailsToStartSaysSoLikeSystemd() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withoutSsh().withKubeletFailingOn("master-1"))) {
            assertEquals(
                    0,
                    LocalShell.run(sandbox, "master-1", true, "systemctl stop kubelet")
                            .exit());
            SshSession.Result start = LocalShell.run(sandbox, "master-1", true, "systemctl start kubelet");
            assertEquals(1, start.exit());
            assertEquals(
                    "Job for kubelet.service failed because the control process exited with error code.\n"
                            + "See \"systemctl status kubelet.service\" and \"journalctl -xe\" for details.\n",
                    start.err());
            SshSession.Result active = LocalShell.run(sandbox, "master-1", true, "systemctl is-active kubelet");
            assertEquals(new SshSession.Result("failed\n", "", 3), active);
            assertEquals("failed", sandbox.node("master-1").kubeletState());

            sandbox.setKubeletFailing("master-1", false);
            assertEquals(
                    0,
                    LocalShell.run(sandbox, "master-1", true, "systemctl start kubelet")
                            .exit());
            assertEquals(
                    new SshSession.Result("active\n", "", 0),
                    LocalShell.run(sandbox, "master-1", true, "systemctl is-active kubelet"));
        }
    }

    @Test
    void slowCsrsAppearOnlyAfterTheirDelay() throws Exception {
        Duration slow = Duration.ofMillis(1500);
        try (Sandbox sandbox = Sandbox.start(
                SandboxSpec.defaults().withoutSsh().withManualClock().withSlowCsrs(slow))) {
            Steps.regenerated(sandbox);
            SshSession.Result ca = Steps.root(
                    sandbox,
                    Steps.AS_ADMIN + "oc get configmap kube-apiserver-to-kubelet-client-ca "
                            + "-n openshift-kube-apiserver-operator --template='{{ index .data \"ca-bundle.crt\" }}'");
            // worker-1 holds a good bootstrap kubeconfig already: with the new kubelet CA it bootstraps by itself
            Instant written = sandbox.clock().instant();
            java.nio.file.Files.writeString(sandbox.hostPath("worker-1", "/etc/kubernetes/kubelet-ca.crt"), ca.out());
            sandbox.clock().advance(slow.minusMillis(1));
            assertEquals(List.of(), sandbox.csrs(), "1 ms before the CSR delay");
            sandbox.clock().advance(Duration.ofMillis(1));
            CsrStatus csr = sandbox.csrs().get(0);
            assertEquals(written.plus(slow), csr.created(), "posted when its delay after the kubelet CA is over");
            assertEquals("system:node:worker-1", csr.commonName());
        }
    }

    @Test
    void csrApprovedBeforeRegenerationIsNeverIssued() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults()
                .withoutSsh()
                .withManualClock()
                .withRogueCsrs(RogueCsr.BOOTSTRAPPER_FOR_UNKNOWN_NODE))) {
            Steps.createRecoveryApiserver(sandbox);
            Steps.waitForApiserver(sandbox);
            String name = sandbox.csrs().get(0).name();
            assertEquals(
                    0,
                    Steps.root(sandbox, Steps.AS_ADMIN + "oc adm certificate approve " + name)
                            .exit());
            sandbox.clock().advance(Duration.ofHours(1));
            SshSession.Result table = Steps.root(sandbox, Steps.AS_ADMIN + "oc get csr");
            assertTrue(table.out().lines().skip(1).findFirst().orElseThrow().endsWith("   Approved"), table.out());
            assertFalse(sandbox.csrs().get(0).issued());
        }
    }

    @Test
    void patchRejectsInvalidJsonAndNonStringReasonsLikeTheApiServer() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withoutSsh().withManualClock())) {
            Steps.createRecoveryApiserver(sandbox);
            Steps.waitForApiserver(sandbox);
            SshSession.Result broken = Steps.root(
                    sandbox,
                    Steps.AS_ADMIN
                            + "oc patch kubeapiserver cluster -p='{\"spec\": {\"forceRedeploymentReason\": \"recovery-x\"' --type=merge");
            assertEquals(1, broken.exit());
            assertTrue(
                    broken.err().startsWith("error: unable to parse \"{\\\"spec\\\"")
                            || broken.err().startsWith("error: unable to parse \"{\"spec\""),
                    broken.err());
            SshSession.Result number = Steps.root(
                    sandbox,
                    Steps.AS_ADMIN
                            + "oc patch kubescheduler cluster -p='{\"spec\": {\"forceRedeploymentReason\": 42}}' --type=merge");
            assertEquals(1, number.exit());
            assertEquals(
                    "The KubeScheduler \"cluster\" is invalid: spec.forceRedeploymentReason: Invalid value: \"integer\": "
                            + "spec.forceRedeploymentReason in body must be of type string: \"integer\"\n",
                    number.err());
            SshSession.Result strategic = Steps.root(
                    sandbox,
                    Steps.AS_ADMIN
                            + "oc patch kubescheduler cluster -p='{\"spec\": {\"forceRedeploymentReason\": \"a\"}}'");
            assertEquals(1, strategic.exit(), "custom resources take no strategic merge patch");
            assertEquals(Optional.empty(), sandbox.forceRedeploymentReason("kubeapiserver"));
            assertEquals(Optional.empty(), sandbox.forceRedeploymentReason("kubescheduler"));
            SshSession.Result good = Steps.root(
                    sandbox,
                    Steps.AS_ADMIN
                            + "oc patch kubescheduler cluster -p='{\"spec\": {\"forceRedeploymentReason\": \"recovery-1\"}}' --type=merge");
            assertEquals("kubescheduler.operator.openshift.io/cluster patched\n", good.out());
            assertEquals(Optional.of("recovery-1"), sandbox.forceRedeploymentReason("kubescheduler"));
        }
    }

    @Test
    void withoutRootOrKubeconfigTheToolsRefuseAsOnRhcos() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withoutSsh().withManualClock())) {
            Steps.createRecoveryApiserver(sandbox);
            Steps.waitForApiserver(sandbox);
            SshSession.Result noConfig = Steps.root(sandbox, "oc get nodes");
            assertEquals(1, noConfig.exit());
            assertTrue(noConfig.err().startsWith("error: Missing or incomplete configuration info."), noConfig.err());
            SshSession.Result core = LocalShell.run(sandbox, "master-0", false, Steps.AS_ADMIN + "oc get nodes");
            assertEquals(
                    "error: Error loading config file \"" + Steps.KUBECONFIG + "\": open " + Steps.KUBECONFIG
                            + ": permission denied\n",
                    core.err());
            SshSession.Result stop = LocalShell.run(sandbox, "master-0", false, "systemctl stop kubelet");
            assertEquals(1, stop.exit());
            assertTrue(
                    stop.err().startsWith("Failed to stop kubelet.service: Interactive authentication required."),
                    stop.err());
            assertEquals("active", sandbox.node("master-0").kubeletState());
            SshSession.Result pull = LocalShell.run(
                    sandbox,
                    "master-0",
                    false,
                    "podman pull --authfile=/var/lib/kubelet/config.json " + Steps.operatorImage(sandbox));
            assertEquals(125, pull.exit());
            // the cluster's API answers with expired certificates until they are regenerated
            SshSession.Result expired = Steps.root(sandbox, "oc --kubeconfig=/var/lib/kubelet/kubeconfig get nodes");
            assertEquals(
                    "Unable to connect to the server: x509: certificate has expired or is not yet valid\n",
                    expired.err());
        }
    }

    @Test
    void bootstrapperMayNotApproveCsrs() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults()
                .withoutSsh()
                .withManualClock()
                .withRogueCsrs(RogueCsr.WRONG_REQUESTOR_FOR_MASTER))) {
            Steps.regenerated(sandbox);
            SshSession.Result recover =
                    Steps.root(sandbox, Steps.AS_ADMIN + "recover-kubeconfig.sh > bootstrap.kubeconfig");
            assertEquals(0, recover.exit(), recover.all());
            String name = sandbox.csrs().get(0).name();
            SshSession.Result approve =
                    Steps.root(sandbox, "oc --kubeconfig=bootstrap.kubeconfig adm certificate approve " + name);
            assertEquals(1, approve.exit());
            assertEquals(
                    "Error from server (Forbidden): certificatesigningrequests.certificates.k8s.io \"" + name
                            + "\" is forbidden: User \"system:serviceaccount:openshift-machine-config-operator:node-bootstrapper\" cannot "
                            + "update resource \"certificatesigningrequests/approval\" in API group \"certificates.k8s.io\" at the "
                            + "cluster scope\n",
                    approve.err());
            assertTrue(sandbox.csrs().get(0).pending());
        }
    }
}
