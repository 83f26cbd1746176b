package io.jenkins.plugins.certrecovery.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.sandbox.CsrStatus;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster where one node cannot be recovered, through the shaded jar as an operator runs it: a kubelet that does not start on a
 * worker or on a master, and a worker whose sshd is down. The control plane and the other nodes are recovered, the node is listed
 * with the command that retries it, and the run exits 2; without {@code --skip-unreachable} an unreachable host stops the run at
 * preflight before anything changes.
 */
class DegradedClusterCliOnOpenSshTest {
    private static final String CORE = E2eRequirements.CORE_USER;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);
    private static final List<String> NODES = List.of("master-0", "master-1", "master-2", "worker-0", "worker-1");

    @BeforeAll
    static void requirements() {
        E2eRequirements.assumeMet();
    }

    private static CliProcess.Run recover(E2eCluster cluster, String name, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "recover",
                "-i",
                cluster.inventory(CORE).toString(),
                "--approve",
                "validated",
                "--audit-file",
                cluster.dir().resolve("audit-" + name + ".jsonl").toString()));
        args.addAll(List.of(extra));
        return cluster.cli(name, RUN_TIMEOUT, args.toArray(String[]::new));
    }

    /** The stdout line the CLI prints for a node that was not recovered ({@code FAILED worker-1: …}). */
    private static String notRecoveredLine(CliProcess.Run run, String action, String host) {
        return run.stdout()
                .lines()
                .filter(l -> l.contains(action + " " + host + ":"))
                .findFirst()
                .map(String::strip)
                .orElseThrow(() -> new AssertionError(host + " is listed " + action + ":\n" + run));
    }

    private static void assertOthersReady(E2eCluster cluster, String host, CliProcess.Run run) {
        for (String node : NODES) {
            if (!node.equals(host)) {
                assertTrue(cluster.sandbox().node(node).ready(), () -> node + " is Ready:\n" + run);
            }
        }
        assertFalse(cluster.sandbox().node(host).ready(), () -> host + " is not Ready:\n" + run);
        assertTrue(cluster.sandbox().recoveryApiserverAnswering().isEmpty(), "the recovery API server is destroyed");
        assertFalse(
                Files.exists(cluster.sandbox().hostPath("master-0", "/var/lib/ocp-cert-recovery/lock")),
                "the lock is released");
    }

    private static void assertNoCsrOfApproved(E2eCluster cluster, String host) {
        List<String> approved = cluster.sandbox().csrs().stream()
                .filter(c -> c.rogue() == null && c.commonName().equals("system:node:" + host) && c.approved())
                .map(CsrStatus::name)
                .toList();
        assertEquals(List.of(), approved, "CSRs of " + host + " approved");
    }

    /** The kubelet's pki/ and kubeconfig of a host are where they were, with their old content. */
    private static void assertKubeletCredentialsInPlace(
            E2eCluster cluster, Map<String, TreeSnapshot> before, String host) {
        TreeSnapshot now = TreeSnapshot.of(cluster.sandbox().hostRoot(host), TreeSnapshot.RUNTIME_NOISE);
        before.get(host).entries().forEach((path, content) -> {
            if (path.equals("var/lib/kubelet/kubeconfig") || path.startsWith("var/lib/kubelet/pki")) {
                assertEquals(content, now.entries().get(path), () -> host + ": /" + path + " is back in place");
            }
        });
    }

    @Test
    void aWorkerWhoseKubeletDoesNotStartIsRolledBackAndListedWhileTheOthersAreRecovered() {
        kubeletDoesNotStart("worker-1");
    }

    @Test
    void aMasterWhoseKubeletDoesNotStartIsRolledBackAndListedWhileTheOthersAreRecovered() {
        kubeletDoesNotStart("master-1");
    }

    private static void kubeletDoesNotStart(String host) {
        try (E2eCluster cluster =
                E2eCluster.start("kubelet-fails-" + host, SandboxSpec.defaults().withKubeletFailingOn(host))) {
            Map<String, TreeSnapshot> before = cluster.snapshots();

            CliProcess.Run run = recover(cluster, "recover");

            assertEquals(2, run.exitCode(), run::toString);
            String failed = notRecoveredLine(run, "FAILED", host);
            for (String expected : List.of("start kubelet", "rolled back", "kubelet-restart.log")) {
                assertTrue(failed.contains(expected), () -> "the FAILED line says " + expected + ":\n" + run);
            }
            assertTrue(
                    run.stdout().contains("--nodes " + host), () -> "the command that retries " + host + ":\n" + run);
            assertOthersReady(cluster, host, run);
            assertKubeletCredentialsInPlace(cluster, before, host);
            assertNoCsrOfApproved(cluster, host);
            Outcomes.record(
                    "degraded-kubelet-fails-" + host + "-cli",
                    "fault (CLI)",
                    "`recover` while `systemctl start kubelet` fails on " + host,
                    "exit 2 in " + run.duration().toSeconds() + " s, the 4 other nodes Ready, recovery API server"
                            + " destroyed, lock released, no CSR of " + host
                            + " approved, its kubelet pki/ and kubeconfig"
                            + " back in place: \"" + failed + "\"; retry printed with `--nodes " + host + "`");
        }
    }

    @Test
    void aWorkerWhoseSshdIsDownStopsThePreflightUnlessSkippedAndIsThenListedSkipped() {
        String host = "worker-1";
        try (E2eCluster cluster = E2eCluster.start("sshd-down-" + host, SandboxSpec.defaults())) {
            Map<String, TreeSnapshot> before = cluster.snapshots();
            cluster.hosts().host(host).stop();

            CliProcess.Run refused = recover(cluster, "recover-without-flag");

            assertEquals(1, refused.exitCode(), refused::toString);
            String refusal = refused.errorParagraph();
            for (String expected :
                    List.of("preflight: nothing was changed", host, "connection refused", "--skip-unreachable")) {
                assertTrue(refusal.contains(expected), () -> "the refusal says " + expected + ":\n" + refused);
            }
            assertEquals(List.of(), cluster.changesSince(before), "files changed although the preflight refused");
            for (String name : cluster.sandbox().hostNames()) {
                assertEquals(List.of(), cluster.changingToolCalls(name), name + " ran a changing tool");
            }

            CliProcess.Run skipped = recover(cluster, "recover-skip-unreachable", "--skip-unreachable");

            assertEquals(2, skipped.exitCode(), skipped::toString);
            String line = notRecoveredLine(skipped, "SKIPPED", host);
            assertTrue(
                    skipped.stdout().contains("--nodes " + host),
                    () -> "the command that retries " + host + ":\n" + skipped);
            assertOthersReady(cluster, host, skipped);
            assertNoCsrOfApproved(cluster, host);
            assertEquals(
                    List.of(),
                    cluster.changesSince(Map.of(host, before.get(host))),
                    host + " changed although it was skipped");
            Outcomes.record(
                    "degraded-sshd-down-" + host + "-cli",
                    "fault (CLI)",
                    "`recover` with " + host
                            + "'s sshd stopped (connection refused), then `recover --skip-unreachable`",
                    "without the flag exit 1 at preflight, nothing changed on any host, no changing tool call: \""
                            + refusal + "\"; with it exit 2 in "
                            + skipped.duration().toSeconds()
                            + " s, the 4 other nodes Ready, no CSR of " + host + " approved, its files untouched: \""
                            + line + "\"");
        }
    }
}
