package io.jenkins.plugins.certrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.SimulatedNode;
import io.jenkins.plugins.certrecovery.sandbox.ToolEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Faults, cancellation, the lock and resuming, against the sandbox over real SSH. */
class RecoveryFaultsSandboxTest {
    private static final String LOCK = "/var/lib/ocp-cert-recovery/lock";

    @Test
    void aPreflightProblemChangesNothingAndNamesTheHost() throws Exception {
        try (SandboxCluster cluster = new SandboxCluster(SandboxSpec.defaults().withNodes(2, 1))) {
            cluster.sandbox.setSshDown("worker-0", true);
            PreflightException e = assertThrows(
                    PreflightException.class,
                    () -> new RecoveryProcedure(cluster.context(), CsrApprovalPolicy.ALL_VALID).execute());
            assertEquals(
                    List.of("worker-0"),
                    e.report().problems().stream()
                            .map(PreflightFinding::host)
                            .distinct()
                            .toList(),
                    e.getMessage());
            assertTrue(e.getMessage().contains("worker-0") && e.getMessage().contains("reachable"), e.getMessage());
            assertTrue(e.getMessage().contains("--skip-unreachable"), "says how to go on: " + e.getMessage());
            assertEquals(List.of(), cluster.sandbox.toolEvents(), "no tool ran");
            assertFalse(Files.exists(cluster.sandbox.hostPath("master-0", LOCK)), "no lock taken");
        }
    }

    @Test
    void aFailureOrCancelAtEachOperationIsResumedWithoutRepeatingFinishedWork() throws Exception {
        // The cluster's time moves on with the engine's own tool calls: its progress does not depend on the machine's
        // speed.
        try (SandboxCluster cluster =
                new SandboxCluster(SandboxSpec.defaults().withNodes(3, 1).withClockSteppedByToolCalls())) {
            // 1. the recovery API server never answers: a bounded wait, the last oc error in the message, nothing left
            // behind
            cluster.sandbox.setApiserverNeverAnswers(true);
            RecoveryException timeout = assertThrows(
                    RecoveryException.class,
                    () -> new RecoveryProcedure(
                                    cluster.context(SandboxCluster.fastOptions().toBuilder()
                                            .apiserverTimeout(Duration.ofSeconds(2))
                                            .build()),
                                    CsrApprovalPolicy.ALL_VALID)
                            .execute());
            assertEquals("master-0", timeout.host());
            assertEquals(RecoveryApiserverCreate.NAME, timeout.step());
            assertTrue(
                    timeout.getMessage().contains("timed out after 2 s")
                            && timeout.getMessage().contains("localhost:7443"),
                    timeout.getMessage());
            assertTrue(cluster.sandbox.recoveryApiserverAnswering().isEmpty());
            assertFalse(
                    Files.exists(cluster.sandbox.hostPath(
                            "master-0", "/etc/kubernetes/manifests/recovery-kube-apiserver-pod.yaml")),
                    "destroyed after the failure");
            cluster.sandbox.setApiserverNeverAnswers(false);

            // 2. cancelled (Ctrl-C) as regenerate-certificates starts, then as force-redeploy starts
            for (String operation : List.of(RegenerateCertificates.NAME, ForceRedeploy.NAME)) {
                cluster.listener.cancelAt = operation;
                assertThrows(
                        InterruptedException.class,
                        () -> new RecoveryProcedure(cluster.context(), CsrApprovalPolicy.ALL_VALID).execute());
                assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
                assertFalse(
                        Files.exists(cluster.sandbox.hostPath("master-0", LOCK)),
                        "the lock is released after a cancel");
                assertTrue(
                        Files.exists(cluster.sandbox.hostPath(
                                "master-0", "/etc/kubernetes/manifests/recovery-kube-apiserver-pod.yaml")),
                        "the recovery API server is left as it is");
            }

            // 3. kubelet fails to start on master-1: master-1 is put back as it was, listed with host and step, the
            // others go on
            cluster.sandbox.setKubeletFailing("master-1", true);
            RecoverySummary partial = new RecoveryProcedure(cluster.context(), CsrApprovalPolicy.ALL_VALID).execute();
            KubeletHostResult kubelet = partial.notRecovered().get(0);
            assertEquals(
                    List.of("master-1"),
                    partial.notRecovered().stream().map(KubeletHostResult::host).toList());
            assertTrue(
                    kubelet.detail().contains("start kubelet")
                            && kubelet.detail().contains("rolled back: put back"),
                    kubelet.detail());
            assertTrue(
                    Files.isDirectory(cluster.sandbox.hostPath("master-1", "/var/lib/kubelet/pki")), "pki/ moved back");
            assertTrue(
                    Files.isRegularFile(cluster.sandbox.hostPath("master-1", "/var/lib/kubelet/kubeconfig")),
                    "kubeconfig moved back");
            cluster.sandbox.setKubeletFailing("master-1", false);

            // 4. cancelled as the CSR approval starts, then a last run finishes
            cluster.listener.cancelAt = ApproveCsrs.NAME;
            assertThrows(
                    InterruptedException.class,
                    () -> new RecoveryProcedure(cluster.context(), CsrApprovalPolicy.ALL_VALID).execute());
            assertTrue(Thread.interrupted());
            RecoverySummary done = new RecoveryProcedure(cluster.context(), CsrApprovalPolicy.ALL_VALID).execute();

            assertTrue(
                    done.allNodesReady() && cluster.sandbox.healthy(),
                    done.lines().toString());
            assertTrue(cluster.sandbox.nodes().stream().allMatch(SimulatedNode::ready));
            List<ToolEvent> events = cluster.sandbox.toolEvents();
            assertEquals(
                    1, cluster.count(events, "podman", "regenerate-certificates"), "certificates regenerated once");
            for (String operator : ForceRedeploy.OPERATORS) {
                assertEquals(1, cluster.count(events, "oc", "patch", operator), operator + " patched once");
            }
            assertEquals(
                    1,
                    events.stream()
                            .filter(e -> e.host().equals("master-0")
                                    && e.tool().equals("systemctl")
                                    && e.argv().contains("stop"))
                            .count(),
                    "master-0's kubelet, restarted before master-1 failed, is not restarted again");
            assertTrue(
                    done.operations().stream()
                            .anyMatch(o -> o.operation().equals(ForceRedeploy.NAME)
                                    && o.status() == OperationOutcome.Status.ALREADY_DONE),
                    done.lines().toString());
            assertFalse(Files.exists(cluster.sandbox.hostPath("master-0", LOCK)));
        }
    }

    @Test
    void aConnectionDroppedRightAfterKubeletStoppedDoesNotLeaveItStoppedAndTheRunGoesOn() throws Exception {
        try (SandboxCluster cluster =
                new SandboxCluster(SandboxSpec.defaults().withNodes(1, 2).withClockSteppedByToolCalls())) {
            // systemctl on worker-1 says when it has stopped kubelet and holds on a moment: the SSH server goes down
            // right then
            Path tools = cluster.sandbox.toolsDir("worker-1");
            Files.move(tools.resolve("systemctl"), tools.resolve("systemctl.sandbox"));
            Files.writeString(tools.resolve("systemctl"), """
                    #!/bin/bash
                    here=$(dirname "$0")
                    "$here/systemctl.sandbox" "$@"
                    code=$?
                    if [ "$*" = "stop kubelet" ]; then touch "$here/kubelet-stopped"; sleep 1; fi
                    exit "$code"
                    """);
            Files.setPosixFilePermissions(tools.resolve("systemctl"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Thread dropper = new Thread(() -> {
                try {
                    cluster.sandbox.await(
                            "systemctl on worker-1 to say it stopped kubelet",
                            Duration.ofSeconds(60),
                            () -> Files.exists(tools.resolve("kubelet-stopped")));
                    cluster.sandbox.setSshDown("worker-1", true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            dropper.start();
            RecoveryContext context = cluster.context();
            RecoverySummary summary = new RecoveryProcedure(context, CsrApprovalPolicy.ALL_VALID).execute();
            dropper.join();
            KubeletHostResult dropped = summary.notRecovered().get(0);
            assertEquals(
                    List.of("worker-1"),
                    summary.notRecovered().stream().map(KubeletHostResult::host).toList());
            assertEquals(KubeletHostResult.Action.FAILED, dropped.action());
            assertTrue(
                    dropped.detail().contains("restart kubelet")
                            && dropped.detail().contains("kubelet-restart.log"),
                    dropped.detail());
            assertTrue(
                    cluster.sandbox.node("master-0").ready()
                            && cluster.sandbox.node("worker-0").ready(),
                    summary.lines().toString());
            assertTrue(cluster.sandbox.recoveryApiserverAnswering().isEmpty(), "the recovery API server is destroyed");
            // the restart goes on by itself on the host: kubelet runs again, its old credentials are in the backup
            String backup = "/var/lib/ocp-cert-recovery/backups/" + context.runId();
            Path log = cluster.sandbox.hostPath("worker-1", backup + "/kubelet-restart.log");
            cluster.sandbox.await(
                    "the detached kubelet restart to write its result into " + log,
                    Duration.ofSeconds(30),
                    () -> Files.exists(log) && Files.readString(log).contains("result "));
            assertTrue(Files.readString(log).contains("result restarted"), Files.readString(log));
            assertEquals("active", cluster.sandbox.node("worker-1").kubeletState());
            assertTrue(Files.isDirectory(cluster.sandbox.hostPath("worker-1", backup + "/var/lib/kubelet/pki")));
            assertTrue(
                    Files.isRegularFile(cluster.sandbox.hostPath("worker-1", backup + "/var/lib/kubelet/kubeconfig")));
        }
    }

    @Test
    void aSecondRunIsRefusedNamingTheOwnerUntilForceUnlock() throws Exception {
        try (SandboxCluster cluster = new SandboxCluster(SandboxSpec.defaults().withNodes(1, 0))) {
            RecoveryContext first = cluster.context(SandboxCluster.fastOptions().toBuilder()
                    .owner("alice@laptop")
                    .build());
            try (ClusterLock held = ClusterLock.acquire(first)) {
                RecoveryException refused =
                        assertThrows(RecoveryException.class, () -> ClusterLock.acquire(cluster.context()));
                assertTrue(
                        refused.getMessage().contains("locked by alice@laptop")
                                && refused.getMessage().contains("force-unlock"),
                        refused.getMessage());
                assertEquals(
                        "alice@laptop",
                        ClusterLock.holder(cluster.context()).orElseThrow().owner());
                RecoveryContext forced = cluster.context(SandboxCluster.fastOptions().toBuilder()
                        .forceUnlock(true)
                        .build());
                try (ClusterLock taken = ClusterLock.acquire(forced)) {
                    assertEquals(
                            "test@sandbox",
                            ClusterLock.holder(forced).orElseThrow().owner());
                    held.close();
                    assertEquals(
                            "test@sandbox",
                            ClusterLock.holder(forced).orElseThrow().owner(),
                            "the run whose lock was taken over leaves the new owner's lock alone when it ends");
                }
                assertTrue(ClusterLock.holder(cluster.context()).isEmpty(), "the new owner released its lock");
            }
        }
    }
}
