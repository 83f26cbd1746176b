package io.jenkins.plugins.certrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.sandbox.CsrStatus;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.ToolEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a degraded cluster must not go on without: a failure of a cluster-wide step (regenerate-certificates, force-redeploy) stops
 * the run at once with the host and the step named, before any kubelet is touched or any CSR approved, unlike a node whose kubelet
 * fails ({@link DegradedClusterSandboxTest}). The failing call is the sandbox's own tool failing as the real one does: a wrapper
 * in front of it on the first master answers the one matching call with the real tool's kind of error and a non-zero exit.
 */
class ClusterWideStepFailureSandboxTest {
    private static final String LOCK = "/var/lib/ocp-cert-recovery/lock";

    /**
     * Makes {@code tool} on {@code host} fail (stderr {@code error}, exit {@code exitCode}) when its arguments contain
     * {@code argument}; every other call goes to the sandbox's tool.
     */
    private static void failTool(
            SandboxCluster cluster, String host, String tool, String argument, String error, int exitCode)
            throws IOException {
        Path tools = cluster.sandbox.toolsDir(host);
        Files.move(tools.resolve(tool), tools.resolve(tool + ".sandbox"));
        Files.writeString(tools.resolve(tool), """
                #!/bin/bash
                case " $* " in
                  *' %s '*) printf '%%s\\n' '%s' >&2; exit %d ;;
                esac
                exec "$(dirname "$0")/%s.sandbox" "$@"
                """.formatted(argument, error, exitCode, tool));
        Files.setPosixFilePermissions(tools.resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static RecoveryException runFails(SandboxCluster cluster) {
        return assertThrows(
                RecoveryException.class,
                () -> new RecoveryProcedure(cluster.context(), CsrApprovalPolicy.ALL_VALID).execute());
    }

    /** No kubelet stopped or started, no CSR approved, the recovery API server destroyed and the lock released. */
    private static void assertStoppedBeforeAnyNode(SandboxCluster cluster) {
        List<ToolEvent> events = cluster.sandbox.toolEvents();
        assertEquals(
                List.of(),
                events.stream()
                        .filter(e -> e.tool().equals("systemctl") || e.argv().contains("approve"))
                        .map(e -> e.host() + ": " + e.tool() + " " + String.join(" ", e.argv()))
                        .toList(),
                "no kubelet touched, no CSR approved");
        assertEquals(
                List.of(),
                cluster.sandbox.csrs().stream()
                        .filter(CsrStatus::approved)
                        .map(CsrStatus::name)
                        .toList(),
                "approved CSRs");
        assertTrue(cluster.sandbox.recoveryApiserverAnswering().isEmpty(), "the recovery API server is destroyed");
        assertFalse(Files.exists(cluster.sandbox.hostPath("master-0", LOCK)), "the lock is released");
    }

    @Test
    void aFailedRegenerateCertificatesStopsTheRunBeforeAnyKubeletOrCsrNamingHostAndStep() throws Exception {
        try (SandboxCluster cluster = new SandboxCluster(SandboxSpec.defaults().withClockSteppedByToolCalls())) {
            failTool(
                    cluster,
                    "master-0",
                    "podman",
                    "regenerate-certificates",
                    "F1203 10:00:00.000000 1 cmd.go:125] failed to regenerate certificates: connection refused",
                    1);

            RecoveryException failure = runFails(cluster);

            assertEquals("master-0", failure.host());
            assertEquals(RegenerateCertificates.NAME, failure.step());
            assertTrue(
                    failure.getMessage().startsWith("master-0: " + RegenerateCertificates.NAME + ": ")
                            && failure.getMessage().contains("exited with 1")
                            && failure.getMessage().contains("failed to regenerate certificates"),
                    failure.getMessage());
            assertFalse(cluster.sandbox.certificatesRegenerated(), "certificates not regenerated");
            assertStoppedBeforeAnyNode(cluster);
        }
    }

    @Test
    void aFailedForceRedeployStopsTheRunBeforeAnyKubeletOrCsrNamingHostAndStep() throws Exception {
        try (SandboxCluster cluster = new SandboxCluster(SandboxSpec.defaults().withClockSteppedByToolCalls())) {
            failTool(
                    cluster,
                    "master-0",
                    "oc",
                    "patch",
                    "Error from server (InternalError): Internal error occurred: etcdserver: request timed out",
                    1);

            RecoveryException failure = runFails(cluster);

            assertEquals("master-0", failure.host());
            assertEquals(ForceRedeploy.NAME, failure.step());
            assertTrue(
                    failure.getMessage().startsWith("master-0: " + ForceRedeploy.NAME + ": ")
                            && failure.getMessage().contains("exited with 1")
                            && failure.getMessage().contains("etcdserver: request timed out"),
                    failure.getMessage());
            assertTrue(cluster.sandbox.certificatesRegenerated(), "the step before it ran");
            assertStoppedBeforeAnyNode(cluster);
        }
    }
}
