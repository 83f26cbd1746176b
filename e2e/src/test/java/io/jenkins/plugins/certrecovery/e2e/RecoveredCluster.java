package io.jenkins.plugins.certrecovery.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.sandbox.CsrStatus;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SimulatedNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a finished recovery must leave, checked on the sandbox's state and the hosts' files: every node Ready, rogue CSRs still
 * pending, the recovery API server gone, the three operators told to redeploy with a well-formed reason, and on every master whose
 * kubelet was restarted its old pki/ and kubeconfig kept under /var/lib/ocp-cert-recovery/backups (real paths, no prefix).
 */
final class RecoveredCluster {
    /** {@code recovery-} and {@code date --rfc-3339=ns}: 2026-11-26 16:33:02.123456789+00:00. */
    static final Pattern REASON =
            Pattern.compile("recovery-\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{9}[+-]\\d{2}:\\d{2}");

    static final List<String> OPERATORS = List.of("kubeapiserver", "kubecontrollermanager", "kubescheduler");

    private RecoveredCluster() {}

    /** Asserts every invariant; returns a one-line account for the outcome table. */
    static String assertRecovered(E2eCluster cluster) {
        Sandbox sandbox = cluster.sandbox();
        for (SimulatedNode node : sandbox.nodes()) {
            assertTrue(node.ready(), () -> node.name() + " is not Ready: " + node);
        }
        List<CsrStatus> rogues =
                sandbox.csrs().stream().filter(c -> c.rogue() != null).toList();
        for (CsrStatus rogue : rogues) {
            assertTrue(
                    rogue.pending(),
                    () -> "rogue CSR " + rogue.name() + " (" + rogue.rogue() + ") was not left pending");
        }
        assertTrue(sandbox.recoveryApiserverAnswering().isEmpty(), "the recovery API server is still answering");
        for (String master : sandbox.masterNames()) {
            assertFalse(
                    Files.exists(
                            sandbox.hostPath(master, "/etc/kubernetes/manifests/recovery-kube-apiserver-pod.yaml")),
                    "recovery API server manifest left on " + master);
        }
        for (String operator : OPERATORS) {
            String reason = sandbox.forceRedeploymentReason(operator)
                    .orElseThrow(() -> new AssertionError(operator + " not patched"));
            assertTrue(REASON.matcher(reason).matches(), operator + " forceRedeploymentReason malformed: " + reason);
        }
        assertTrue(sandbox.certificatesRegenerated(), "certificates were not regenerated");
        for (String master : sandbox.masterNames()) {
            List<String> backups = backupsOf(sandbox, master);
            assertTrue(
                    backups.stream().anyMatch(p -> p.endsWith("/var/lib/kubelet/pki")),
                    () -> master + ": no backup of /var/lib/kubelet/pki: " + backups);
        }
        assertTrue(sandbox.healthy(), "the sandbox does not call the cluster healthy");
        long approved = sandbox.csrs().stream()
                .filter(c -> c.rogue() == null && c.approved())
                .count();
        return sandbox.nodes().size() + " nodes Ready, " + approved + " node CSRs approved, " + rogues.size()
                + " rogue CSRs left pending, recovery API server gone, 3 operators patched ("
                + sandbox.forceRedeploymentReason("kubeapiserver").orElseThrow()
                + "), kubelet pki and kubeconfig of every master in its backup directory";
    }

    /** Every path under a host's /var/lib/ocp-cert-recovery/backups, as host paths below the run directory. */
    static List<String> backupsOf(Sandbox sandbox, String host) {
        Path backups = sandbox.hostPath(host, "/var/lib/ocp-cert-recovery/backups");
        if (!Files.isDirectory(backups)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(backups)) {
            return paths.filter(p -> p.getNameCount() > backups.getNameCount() + 1)
                    .map(p -> "/" + p.subpath(backups.getNameCount() + 1, p.getNameCount()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of kubelet restarts the sandbox saw on a host. */
    static long kubeletStarts(E2eCluster cluster, String host) {
        return cluster.toolCalls(host).stream()
                .filter(c -> c.equals("systemctl start kubelet"))
                .count();
    }

    static void assertSameKubeletStarts(E2eCluster cluster, java.util.Map<String, Long> before) {
        before.forEach((host, starts) ->
                assertEquals(starts, kubeletStarts(cluster, host), host + ": kubelet restarted again"));
    }
}
