package io.jenkins.plugins.certrecovery.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.recovery.KubeletHostResult;
import io.jenkins.plugins.certrecovery.recovery.PreflightException;
import io.jenkins.plugins.certrecovery.recovery.RecoveryException;
import io.jenkins.plugins.certrecovery.recovery.RecoverySummary;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults a real cluster has, injected into the engine's whole procedure on the OpenSSH hosts. Each ends with a clear error naming
 * the host and the operation, nothing is lost, and a second run (fault gone) brings the cluster back.
 */
class EngineFaultsOnOpenSshTest {
    private static final String USER = E2eRequirements.CORE_USER;
    /** Host paths (relative to /) that the product itself replaces or moves; the operator's own rewrites are not its to back up. */
    static final java.util.function.Predicate<String> PRODUCT_CHANGES = p -> p.equals("etc/kubernetes/kubeconfig")
            || p.equals("etc/kubernetes/kubelet-ca.crt")
            || p.startsWith("var/lib/kubelet/pki/")
            || p.equals("var/lib/kubelet/kubeconfig");

    @BeforeAll
    static void requirements() {
        E2eRequirements.assumeMet();
    }

    private static String failureLine(RecoveryException failure) {
        return String.join(
                " / ",
                failure.getMessage()
                        .lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .toList());
    }

    private static void assertNames(RecoveryException failure, String host, String operation) {
        assertTrue(failure.getMessage().contains(host), () -> "the error names " + host + ": " + failure.getMessage());
        assertTrue(
                failure.getMessage().contains(operation) || operation.equals(failure.step()),
                () -> "the error names " + operation + ": " + failure.getMessage());
    }

    @Test
    void aMasterUnreachableAtPreflightChangesNothingAnywhere() throws Exception {
        try (E2eCluster cluster = E2eCluster.start("fault-preflight-unreachable", SandboxSpec.defaults())) {
            Map<String, TreeSnapshot> before = cluster.snapshots();
            NamespacedSshd master2 = cluster.hosts().host("master-2");
            master2.stop();
            RecoveryException failure =
                    EngineRun.recover(cluster, "recover-1", USER).requireFailure();
            assertTrue(failure instanceof PreflightException, () -> "refused by the preflight: " + failure);
            assertTrue(failure.getMessage().contains("master-2"), failure::getMessage);
            Map<String, TreeSnapshot> after = cluster.snapshots();
            before.forEach((host, snapshot) -> assertEquals(
                    List.of(),
                    snapshot.differencesTo(after.get(host)),
                    host + " changed although the preflight failed"));
            for (String host : cluster.sandbox().hostNames()) {
                assertEquals(List.of(), cluster.changingToolCalls(host), host + " ran a changing tool");
            }
            master2.start();
            EngineRun.recover(cluster, "recover-2", USER).requireFinished();
            String recovered = RecoveredCluster.assertRecovered(cluster);
            Outcomes.record(
                    "fault-preflight-unreachable",
                    "fault (engine)",
                    "master-2's sshd stopped before the run (connection refused)",
                    "preflight refused: \"" + failureLine(failure)
                            + "\"; no file changed on any of the 5 hosts, no changing tool call;"
                            + " second run after restarting sshd: " + recovered);
        }
    }

    @Test
    void aWorkerSshdKilledDuringKubeletRecoveryIsListedAndARetryOfItFinishes() throws Exception {
        AtomicReference<ToolPause> pause = new AtomicReference<>();
        try (E2eCluster cluster = E2eCluster.start(
                "fault-worker-sshd-killed",
                SandboxSpec.defaults(),
                preparation -> pause.set(
                        ToolPause.after(preparation.sandbox().toolsDir("worker-1"), "systemctl", "stop kubelet")))) {
            Map<String, TreeSnapshot> before = cluster.snapshots();
            NamespacedSshd worker1 = cluster.hosts().host("worker-1");
            EngineRun first;
            try (FaultTrigger kill =
                    FaultTrigger.when("kill-worker-1", pause.get()::paused, () -> worker1.signalAll("KILL"))) {
                first = EngineRun.recover(cluster, "recover-1", USER);
                kill.firedAt();
            } finally {
                // The restart runs detached from the killed session: let it go on, as it would on a real host.
                pause.get().resume();
            }
            KubeletHostResult failed = notRecovered(first, "worker-1");
            assertNothingLost(cluster, before, "worker-1");
            worker1.start();
            EngineRun second = EngineRun.recover(
                    cluster,
                    "recover-2",
                    USER,
                    EngineRun.options("e2e recover-2").toBuilder()
                            .onlyNodes(List.of("worker-1"))
                            .build(),
                    EngineRun.SSH);
            assertResumed(second);
            String recovered = RecoveredCluster.assertRecovered(cluster);
            assertNothingLost(cluster, before, "worker-1");
            Outcomes.record(
                    "fault-worker-sshd-killed",
                    "fault (engine)",
                    "every sshd process of worker-1 killed (SIGKILL) right after `systemctl stop kubelet` ran there",
                    "worker-1 FAILED, the others recovered: \"" + failed.detail()
                            + "\"; worker-1's kubelet pki and kubeconfig kept (in"
                            + " place or in its backup); retry of worker-1 alone after restarting sshd: " + recovered);
        }
    }

    @Test
    void aFrozenMasterIsFailedAtTheCommandTimeoutWhileTheOthersAreRecoveredAndARetryFinishes() throws Exception {
        AtomicReference<ToolPause> pause = new AtomicReference<>();
        try (E2eCluster cluster = E2eCluster.start(
                "fault-master-sigstop",
                SandboxSpec.defaults(),
                preparation -> pause.set(
                        ToolPause.after(preparation.sandbox().toolsDir("master-1"), "systemctl", "stop kubelet")))) {
            Map<String, TreeSnapshot> before = cluster.snapshots();
            NamespacedSshd master1 = cluster.hosts().host("master-1");
            EngineRun first;
            try (FaultTrigger freeze =
                    FaultTrigger.when("freeze-master-1", pause.get()::paused, () -> master1.signalAll("STOP"))) {
                first = EngineRun.recover(cluster, "recover-1", USER);
                freeze.firedAt();
            } finally {
                master1.signalAll("CONT");
                pause.get().resume();
            }
            KubeletHostResult failed = notRecovered(first, "master-1");
            assertNothingLost(cluster, before, "master-1");
            EngineRun second = EngineRun.recover(
                    cluster,
                    "recover-2",
                    USER,
                    EngineRun.options("e2e recover-2").toBuilder()
                            .onlyNodes(List.of("master-1"))
                            .build(),
                    EngineRun.SSH);
            assertResumed(second);
            String recovered = RecoveredCluster.assertRecovered(cluster);
            assertNothingLost(cluster, before, "master-1");
            Outcomes.record(
                    "fault-master-sigstop",
                    "fault (engine)",
                    "every sshd process of master-1 stopped with SIGSTOP while `systemctl stop kubelet` was running (command timeout"
                            + " " + EngineRun.SSH.commandTimeout().toSeconds() + " s, keepalive "
                            + EngineRun.SSH.keepaliveInterval().toSeconds() + " s)",
                    "master-1 FAILED, the others recovered, in "
                            + first.duration().toSeconds() + " s: \"" + failed.detail()
                            + "\"; after SIGCONT the retry of master-1 alone: " + recovered);
        }
    }

    @Test
    void aFullDiskOnAMasterWhenTheKubeconfigIsWrittenLeavesTheOldFileAndNoPartialFile() throws Exception {
        AtomicReference<ToolPause> pause = new AtomicReference<>();
        AtomicReference<FullDisk> disk = new AtomicReference<>();
        try (E2eCluster cluster = E2eCluster.start("fault-full-disk", SandboxSpec.defaults(), preparation -> {
            disk.set(preparation.keep(
                    FullDisk.over(preparation.sandbox().hostRoot("master-2").resolve("etc/kubernetes"), 64)));
            pause.set(ToolPause.after(preparation.sandbox().toolsDir("master-0"), "recover-kubeconfig.sh", ""));
        })) {
            Path kubeconfig = cluster.sandbox().hostPath("master-2", "/etc/kubernetes/kubeconfig");
            byte[] old = Files.readAllBytes(kubeconfig);
            Map<String, TreeSnapshot> before = cluster.snapshots();
            EngineRun first;
            try (FaultTrigger fill = FaultTrigger.when("fill-master-2", pause.get()::paused, () -> {
                disk.get().fill();
                pause.get().resume();
            })) {
                first = EngineRun.recover(cluster, "recover-1", USER);
                fill.firedAt();
            }
            RecoverySummary partial = first.requireFinished();
            assertEquals(
                    List.of("master-2"),
                    partial.notRecovered().stream().map(KubeletHostResult::host).toList(),
                    () -> "only master-2 is not recovered; see " + first.log());
            String failure = partial.notRecovered().get(0).detail();
            assertTrue(failure.contains("/etc/kubernetes/kubeconfig"), failure);
            assertArrayEquals(old, Files.readAllBytes(kubeconfig), "master-2's old kubeconfig is intact");
            TreeSnapshot etcAfter = TreeSnapshot.of(kubeconfig.getParent(), p -> p.equals(FullDisk.FILLER));
            TreeSnapshot etcBefore = new TreeSnapshot(before.get("master-2").entries().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("etc/kubernetes/"))
                    .collect(java.util.stream.Collectors.toMap(
                            e -> e.getKey().substring("etc/kubernetes/".length()), Map.Entry::getValue)));
            assertEquals(
                    List.of(),
                    etcBefore.differencesTo(etcAfter),
                    "no partial or temporary file in master-2's /etc/kubernetes");
            assertEquals(0, RecoveredCluster.kubeletStarts(cluster, "master-2"), "master-2's kubelet not restarted");
            disk.get().free();
            EngineRun second = EngineRun.recover(
                    cluster,
                    "recover-2",
                    USER,
                    EngineRun.options("e2e recover-2").toBuilder()
                            .onlyNodes(List.of("master-2"))
                            .build(),
                    EngineRun.SSH);
            assertResumed(second);
            String recovered = RecoveredCluster.assertRecovered(cluster);
            Outcomes.record(
                    "fault-full-disk",
                    "fault (engine)",
                    "master-2's /etc/kubernetes a tmpfs, filled to the last byte just before the bootstrap kubeconfig is written",
                    "master-2 FAILED, the others recovered: \"" + failure
                            + "\"; old kubeconfig byte-identical, no temporary file,"
                            + " master-2's kubelet not restarted; retry of master-2 alone after freeing space: "
                            + recovered);
        }
    }

    @Test
    void ocPrintingMalformedJsonFailsClearlyAndTheSecondRunFinishes() throws Exception {
        AtomicReference<OcFaults> oc = new AtomicReference<>();
        try (E2eCluster cluster = E2eCluster.start(
                "fault-oc-malformed-json",
                SandboxSpec.defaults(),
                preparation -> oc.set(OcFaults.install(preparation.sandbox().toolsDir("master-0"), "worker-1")))) {
            Map<String, TreeSnapshot> before = cluster.snapshots();
            EngineRun first;
            try (FaultTrigger corrupt = FaultTrigger.when(
                    "malformed-json",
                    () -> cluster.called("master-0", "oc", "patch", "kubescheduler"),
                    () -> oc.get().malformedJson(true))) {
                first = EngineRun.recover(cluster, "recover-1", USER);
                corrupt.firedAt();
            }
            RecoveryException failure = first.requireFailure();
            assertNames(failure, "master-0", "");
            assertNothingLost(cluster, before, "master-0");
            oc.get().malformedJson(false);
            EngineRun second = EngineRun.recover(cluster, "recover-2", USER);
            assertResumed(second);
            String recovered = RecoveredCluster.assertRecovered(cluster);
            Outcomes.record(
                    "fault-oc-malformed-json",
                    "fault (engine)",
                    "from the force-redeploy step on, every `oc … -o json` on master-0 prints a truncated document and exits 0",
                    "\"" + failureLine(failure) + "\" (operation " + failure.step() + "); second run with a sane oc: "
                            + recovered);
        }
    }

    @Test
    void aRecoveryApiserverThatNeverAnswersEndsAtItsTimeoutAndTheSecondRunFinishes() throws Exception {
        try (E2eCluster cluster = E2eCluster.start(
                "fault-apiserver-never-answers", SandboxSpec.defaults().withApiserverNeverAnswering())) {
            Map<String, TreeSnapshot> before = cluster.snapshots();
            EngineRun first = EngineRun.recover(
                    cluster,
                    "recover-1",
                    USER,
                    EngineRun.options("e2e apiserver").toBuilder()
                            .apiserverTimeout(Duration.ofSeconds(15))
                            .build(),
                    EngineRun.SSH);
            RecoveryException failure = first.requireFailure();
            assertNames(failure, "master-0", "recovery-apiserver");
            assertTrue(cluster.sandbox().recoveryApiserverAnswering().isEmpty());
            assertNothingLost(cluster, before, "master-0");
            cluster.sandbox().setApiserverNeverAnswers(false);
            EngineRun second = EngineRun.recover(cluster, "recover-2", USER);
            assertResumed(second);
            String recovered = RecoveredCluster.assertRecovered(cluster);
            Outcomes.record(
                    "fault-apiserver-never-answers",
                    "fault (engine)",
                    "the recovery API server never answers (`oc` gets connection refused), wait bounded to 15 s",
                    "failed after " + first.duration().toSeconds() + " s: \"" + failureLine(failure)
                            + "\"; second run once it" + " answers: " + recovered);
        }
    }

    /** The second run finished and continued from the failed run's checkpoint instead of starting over. */
    /** The run finished with just this node not recovered, FAILED with the step and the restart's log named. */
    private static KubeletHostResult notRecovered(EngineRun run, String host) {
        RecoverySummary summary = run.requireFinished();
        assertEquals(
                List.of(host),
                summary.notRecovered().stream().map(KubeletHostResult::host).toList(),
                () -> "only " + host + " is not recovered; see " + run.log());
        KubeletHostResult failed = summary.notRecovered().get(0);
        assertEquals(KubeletHostResult.Action.FAILED, failed.action());
        assertTrue(
                failed.detail().contains("recover-kubelets") && failed.detail().contains("kubelet-restart.log"),
                failed::detail);
        return failed;
    }

    private static void assertResumed(EngineRun second) {
        second.requireFinished();
        assertTrue(
                second.lines().stream().anyMatch(l -> l.startsWith("resuming recovery")),
                () -> "the second run resumes from the checkpoint; see " + second.log());
    }

    /**
     * Nothing lost on a host: every file the product replaces or moves (bootstrap kubeconfig, kubelet CA, the kubelet's pki/ and
     * kubeconfig) still exists with its old content, either where it was or in the run's backup directory.
     */
    static void assertNothingLost(E2eCluster cluster, Map<String, TreeSnapshot> before, String host) {
        awaitDetachedKubeletRestarts(cluster, host);
        TreeSnapshot now = TreeSnapshot.of(cluster.sandbox().hostRoot(host), TreeSnapshot.RUNTIME_NOISE);
        before.get(host).entries().forEach((path, content) -> {
            if (!PRODUCT_CHANGES.test(path) || content.equals("dir")) {
                return;
            }
            boolean kept = content.equals(now.entries().get(path))
                    || now.entries().entrySet().stream()
                            .anyMatch(e -> e.getKey().startsWith("var/lib/ocp-cert-recovery/backups/")
                                    && e.getKey().endsWith("/" + path)
                                    && e.getValue().equals(content));
            assertTrue(kept, () -> host + ": /" + path + " lost (neither in place nor in a backup)");
        });
    }

    /**
     * A kubelet restart runs detached from the SSH session and goes on after the run that started it failed (a frozen sshd); unless
     * the fault killed it with the host's sshd processes, as a crash would. Wait until each restart log on the host ends with its
     * {@code exit N} line or has not changed for 10 s, so the snapshot sees the host at rest.
     */
    private static void awaitDetachedKubeletRestarts(E2eCluster cluster, String host) {
        Path backups = cluster.sandbox().hostPath(host, "/var/lib/ocp-cert-recovery/backups");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Map<Path, String> lastSeen = new java.util.HashMap<>();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Map<Path, String> running = new java.util.HashMap<>();
            try (Stream<Path> logs = Files.exists(backups) ? Files.walk(backups, 2) : Stream.empty()) {
                for (Path log : logs.filter(p -> p.getFileName().toString().equals("kubelet-restart.log"))
                        .toList()) {
                    String text = Files.readString(log);
                    if (text.lines().noneMatch(l -> l.startsWith("exit "))) {
                        running.put(log, text);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the restart logs under " + backups, e);
            }
            if (running.isEmpty()) {
                return;
            }
            if (!running.equals(lastSeen)) {
                lastSeen = running;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofSeconds(10).toNanos()) {
                System.out.println("[e2e] " + host
                        + ": kubelet restart ended without its exit line (killed with the host's sshd): "
                        + running.keySet());
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + running.keySet(), e);
            }
        }
        throw new AssertionError(
                host + ": the detached kubelet restart was still writing its log after 2 min: " + lastSeen.keySet());
    }
}
