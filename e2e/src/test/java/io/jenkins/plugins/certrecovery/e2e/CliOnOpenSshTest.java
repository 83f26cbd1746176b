package io.jenkins.plugins.certrecovery.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jenkins.plugins.certrecovery.sandbox.RogueCsr;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;

/**
 * The shaded {@code ocp-cert-recovery} jar as an operator runs it, on the OpenSSH hosts with the real host layout: check, plan,
 * {@code recover --approve validated}, check again; as the core user through sudo, and as root with two runs at once.
 */
class CliOnOpenSshTest {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    @BeforeAll
    static void requirements() {
        E2eRequirements.assumeMet();
    }

    private static CliProcess.Run cli(E2eCluster cluster, String name, String... args) {
        return CliProcess.run(cluster.dir(), name, OpenSshCluster.OPERATOR_PASSPHRASE, RUN_TIMEOUT, args);
    }

    @Test
    void checkPlanRecoverAndCheckAgainAsTheCoreUserWithoutLeakingASecret() throws Exception {
        try (E2eCluster cluster = E2eCluster.start("cli-core-user", SandboxSpec.defaults().withRogueCsrs(RogueCsr.values()))) {
            String inventory = cluster.inventory(E2eRequirements.CORE_USER).toString();
            Path reports = cluster.dir().resolve("reports");
            Files.createDirectories(reports);

            CliProcess.Run before = cli(cluster, "check-before", "check", "-i", inventory, "--no-endpoints",
                    "--json", reports.resolve("before.json").toString(), "--html", reports.resolve("before.html").toString(),
                    "--junit", reports.resolve("before.xml").toString());
            assertEquals(2, before.exitCode(), () -> "expired certificates are critical: " + before);

            int toolCalls = cluster.sandbox().toolEvents().size();
            List<String> logsBefore = sshdLogs(cluster);
            CliProcess.Run plan = cli(cluster, "plan", "plan", "-i", inventory);
            assertEquals(0, plan.exitCode(), plan::toString);
            for (String expected : List.of("master-0", "worker-1", "/etc/kubernetes/kubeconfig", "/var/lib/kubelet/pki",
                    "recovery-apiserver", "regenerate-certificates")) {
                assertTrue(plan.stdout().contains(expected), () -> "the plan shows " + expected + ":\n" + plan);
            }
            assertFalse(plan.stdout().contains(cluster.sandbox().workDir().toString()), "the plan uses real paths, no prefix");
            assertEquals(toolCalls, cluster.sandbox().toolEvents().size(), "plan ran no tool");
            assertEquals(logsBefore, sshdLogs(cluster), "plan opened no SSH connection");

            Path audit = cluster.dir().resolve("audit.jsonl");
            CliProcess.Run recover = cli(cluster, "recover", "recover", "-i", inventory, "--approve", "validated",
                    "--audit", audit.toString());
            assertEquals(0, recover.exitCode(), recover::toString);
            String recovered = RecoveredCluster.assertRecovered(cluster);
            assertTrue(Files.size(audit) > 0, "the audit trail was written");

            CliProcess.Run after = cli(cluster, "check-after", "check", "-i", inventory, "--no-endpoints", "--warning-days", "1",
                    "--critical-days", "1", "--json", reports.resolve("after.json").toString());
            assertTrue(after.exitCode() == 0, () -> "no certificate expires within a day after the recovery: " + after);

            List<String> leaks = secretScan(cluster).findIn(List.of(cluster.dir().resolve("check-before.stdout"),
                    cluster.dir().resolve("check-before.stderr"), cluster.dir().resolve("plan.stdout"), cluster.dir().resolve("plan.stderr"),
                    cluster.dir().resolve("recover.stdout"), cluster.dir().resolve("recover.stderr"),
                    cluster.dir().resolve("check-after.stdout"), cluster.dir().resolve("check-after.stderr"), audit, reports));
            assertEquals(List.of(), leaks, "secrets in the CLI's output, audit or reports");

            Outcomes.record("recovery-cli-core-user", "recovery",
                    "`check`, `plan`, `recover --approve validated`, `check` (shaded jar, separate processes) as ocpcr-core through"
                            + " sudo, real paths, 3 rogue CSRs",
                    "check exit 2 before, plan exit 0 with no SSH connection and no tool run, recover exit 0 in "
                            + recover.duration().toSeconds() + " s (" + recovered + "), check exit 0 after");
            Outcomes.record("secrets-cli", "secrets",
                    "operator key (encrypted, every line), its passphrase and the bootstrap token grepped in stdout and stderr of"
                            + " 4 runs, the audit file and the JSON/HTML/JUnit reports",
                    "found nowhere (" + secretScan(cluster).size() + " needles)");
        }
    }

    @Test
    void twoRecoverRunsAtOnceAsRootTheSecondIsRefusedByTheLockNamingItsOwner() throws Exception {
        AtomicReference<ToolPause> pause = new AtomicReference<>();
        try (E2eCluster cluster = E2eCluster.start("cli-root-concurrent", SandboxSpec.defaults(), preparation -> pause.set(
                ToolPause.after(preparation.sandbox().toolsDir("master-0"), "systemctl", "stop kubelet")))) {
            String inventory = cluster.inventory("root").toString();
            CliProcess first = CliProcess.start(cluster.dir(), "recover-first", OpenSshCluster.OPERATOR_PASSPHRASE, "recover",
                    "-i", inventory, "--approve", "validated", "--audit", cluster.dir().resolve("audit-first.jsonl").toString());
            CliProcess.Run second;
            String owner;
            try {
                long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
                while (!pause.get().paused() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(pause.get().paused(), "the first run reached the kubelet restart on master-0");
                owner = Files.readString(cluster.sandbox().hostPath("master-0", "/var/lib/ocp-cert-recovery/lock")).strip();
                second = cli(cluster, "recover-second", "recover", "-i", inventory, "--approve", "validated");
            } finally {
                pause.get().resume();
            }
            CliProcess.Run firstRun = first.await(RUN_TIMEOUT);
            assertEquals(1, second.exitCode(), second::toString);
            assertTrue(second.output().contains("lock"), second::toString);
            String ownerName = ownerName(owner);
            assertTrue(second.output().contains(ownerName), () -> "the refusal names the owner " + ownerName + ":\n" + second);
            assertEquals(0, firstRun.exitCode(), firstRun::toString);
            String recovered = RecoveredCluster.assertRecovered(cluster);
            assertTrue(cluster.toolEvents("master-0").stream().allMatch(e -> e.privileged()), "root runs every tool as root");
            Outcomes.record("concurrency-lock", "concurrency",
                    "two `recover --approve validated` as root at once: the second started while the first held the lock",
                    "second exit 1: \"" + firstLineWith(second.output(), "lock") + "\"; first exit 0: " + recovered);
        }
    }

    /** The owner as the lock file records it: a JSON or key=value text; the line naming the owner is enough for the check. */
    private static String ownerName(String lockFile) {
        for (String line : lockFile.split("[\\n,{}]")) {
            if (line.contains("owner")) {
                String value = line.substring(line.indexOf(line.contains(":") ? ':' : '=') + 1).replace("\"", "").strip();
                return value.contains(" (") ? value.substring(0, value.indexOf(" (")) : value;
            }
        }
        return lockFile;
    }

    private static String firstLineWith(String text, String word) {
        return text.lines().filter(l -> l.contains(word)).findFirst().orElse("").strip();
    }

    private static SecretScan secretScan(E2eCluster cluster) throws java.io.IOException {
        return new SecretScan()
                .secret("operator private key", Files.readString(cluster.hosts().operatorKey()))
                .secret("passphrase", OpenSshCluster.OPERATOR_PASSPHRASE)
                .secret("bootstrap token", cluster.sandbox().secretValues().get(0));
    }

    private static List<String> sshdLogs(E2eCluster cluster) throws java.io.IOException {
        List<String> logs = new ArrayList<>();
        for (NamespacedSshd host : cluster.hosts().hosts()) {
            logs.add(Files.readString(host.log()));
        }
        return logs;
    }
}
