package io.jenkins.plugins.certrecovery.e2e;

import io.jenkins.plugins.certrecovery.audit.AuditTrail;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.recovery.CsrApprovalPolicy;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryException;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import io.jenkins.plugins.certrecovery.recovery.RecoveryProcedure;
import io.jenkins.plugins.certrecovery.recovery.RecoverySummary;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.SshOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One run of the engine's whole procedure, in-process, against the OpenSSH hosts, as the CLI's {@code recover --approve validated}
 * runs it: its summary or its failure, everything it reported, and its duration. The lines are also written to
 * {@code <scenario>/<name>.log} for inspection and the secret scan.
 *
 * @param summary  the summary, or null when the run failed
 * @param failure  the failure, or null when it finished
 * @param lines    the listener's lines and the SSH layer's output lines
 * @param log      where the lines were written
 * @param audit    the run's audit trail (JSON lines)
 * @param duration wall time
 */
record EngineRun(
        RecoverySummary summary,
        RecoveryException failure,
        List<String> lines,
        Path log,
        Path audit,
        Duration duration) {
    /** Fast enough for a test: timeouts in seconds, not the documented minutes. */
    static final SshOptions SSH = new SshOptions(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(20));

    static RecoveryOptions options(String owner) {
        return RecoveryOptions.defaults().toBuilder()
                .owner(owner)
                .apiserverTimeout(Duration.ofSeconds(90))
                .nodesReadyTimeout(Duration.ofMinutes(3))
                .progressInterval(Duration.ofSeconds(10))
                .build();
    }

    /** Runs the procedure as {@code user} with default test options. */
    static EngineRun recover(E2eCluster cluster, String name, String user) throws InterruptedException {
        return recover(cluster, name, user, options("e2e " + name), SSH);
    }

    static EngineRun recover(E2eCluster cluster, String name, String user, RecoveryOptions options, SshOptions ssh)
            throws InterruptedException {
        Inventory inventory = ProductSsh.inventory(cluster.inventoryMap(user));
        List<String> output = new CopyOnWriteArrayList<>();
        RecordingListener listener = new RecordingListener();
        long start = System.nanoTime();
        RecoverySummary summary = null;
        RecoveryException failure = null;
        Path audit = cluster.dir().resolve(name + ".audit.jsonl");
        try (ClusterHosts hosts = ProductSsh.connect(cluster, inventory, ssh, output);
                AuditTrail trail = AuditTrail.toFile(audit, hosts.masker(), Clock.systemUTC())) {
            summary = new RecoveryProcedure(
                            new RecoveryContext(inventory, hosts, listener, options, trail),
                            CsrApprovalPolicy.ALL_VALID)
                    .execute();
        } catch (RecoveryException e) {
            failure = e;
            listener.info("RUN FAILED: " + e.getMessage());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<String> lines = new java.util.ArrayList<>(listener.lines());
        lines.addAll(output);
        Path log = cluster.dir().resolve(name + ".log");
        try {
            Files.write(log, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("[e2e] " + cluster.dir().getFileName() + "/" + name + ": "
                + (failure == null ? "finished" : "failed: " + failure.getMessage()) + " (" + took.toSeconds() + " s)");
        return new EngineRun(summary, failure, List.copyOf(lines), log, audit, took);
    }

    boolean failed() {
        return failure != null;
    }

    /** The failure, or an assertion error showing what was reported when the run unexpectedly finished. */
    RecoveryException requireFailure() {
        if (failure == null) {
            throw new AssertionError("the run finished although a fault was injected; see " + log);
        }
        return failure;
    }

    /** The summary, or an assertion error with the failure when it did not finish. */
    RecoverySummary requireFinished() {
        if (failure != null) {
            throw new AssertionError("the run failed: " + failure.getMessage() + "; see " + log, failure);
        }
        return summary;
    }
}
