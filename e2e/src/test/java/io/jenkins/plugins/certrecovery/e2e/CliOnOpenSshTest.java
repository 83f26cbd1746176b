package io.jenkins.plugins.certrecovery.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.certrecovery.sandbox.RogueCsr;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The shaded {@code ocp-cert-recovery} jar as an operator runs it (separate processes, no terminal, the key's passphrase from
 * {@code OCP_CERT_RECOVERY_PASSPHRASE}) on one OpenSSH cluster with the real host layout, in the order an operator would meet
 * things: hostile inventories and a wrong known_hosts refused, {@code check} and {@code plan}, a {@code recover} whose recovery
 * API server never answers ({@code --apiserver-timeout}), one during which a master freezes ({@code --command-timeout}), one during
 * which a second one is refused by the lock and a worker's sshd is killed, the {@code recover} that finishes, {@code check} again,
 * and every output, audit file and report grepped for the secrets.
 * <p>
 * One cluster for all of it (starting one costs more than most of these runs): the methods run in order and each starts from the
 * state the previous one left, as the runs of a real recovery do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliOnOpenSshTest {
    private static final String CORE = E2eRequirements.CORE_USER;
    private static final String CANARY = "/tmp/ocpcr-e2e-canary";
    /** Generous: a run that hangs is killed and reported; a passing run does not wait for it. */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);

    private static final Duration REFUSAL_TIMEOUT = Duration.ofMinutes(2);
    private static final String APISERVER_TIMEOUT = "15s";

    private static final String COMMAND_TIMEOUT = "20s";

    private final AtomicReference<ToolPause> masterPause = new AtomicReference<>();
    private final AtomicReference<ToolPause> workerPause = new AtomicReference<>();
    private E2eCluster cluster;
    private Path inventory;
    private Map<String, TreeSnapshot> atStart;

    @BeforeAll
    void startCluster() throws IOException {
        E2eRequirements.assumeMet();
        Files.deleteIfExists(Path.of(CANARY));
        cluster = E2eCluster.start("cli", SandboxSpec.defaults().withRogueCsrs(RogueCsr.values()), preparation -> {
            masterPause.set(ToolPause.after(preparation.sandbox().toolsDir("master-1"), "systemctl", "stop kubelet"));
            workerPause.set(ToolPause.after(preparation.sandbox().toolsDir("worker-1"), "systemctl", "stop kubelet"));
        });
        inventory = cluster.inventory(CORE);
        atStart = cluster.snapshots();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Path file(String name) {
        return cluster.dir().resolve(name);
    }

    @Test
    @Order(1)
    void shellMetacharactersInTheInventoryAreRefusedAtLoadWithTheirFieldAndNothingRuns() throws IOException {
        Map<String, Object> hostile = cluster.inventoryMap(CORE);
        Map<String, String> payloads = new LinkedHashMap<>();
        payloads.put("masters[0].name", "master-0;touch " + CANARY);
        payloads.put("masters[1].host", "127.0.1.12$(touch " + CANARY + ")");
        payloads.put("masters[2].host", "127.0.1.13`touch " + CANARY + "`");
        payloads.put("workers[0].name", "worker-0\ntouch " + CANARY);
        payloads.put("workers[1].host", "127.0.1.22 && touch " + CANARY);
        payloads.put("ssh.user", "core;touch " + CANARY);
        payloads.forEach((path, value) -> set(hostile, path, value));
        Path file = InventoryFile.write(hostile, file("inventory-hostile.yaml"));
        List<String> loginsBefore = SshdLogins.of(cluster);
        int toolCalls = cluster.sandbox().toolEvents().size();

        String refusal = "";
        for (String command : List.of("plan", "check", "recover")) {
            CliProcess.Run run = cluster.cli("hostile-" + command, REFUSAL_TIMEOUT, command, "-i", file.toString());
            assertEquals(64, run.exitCode(), run::toString);
            for (String path : payloads.keySet()) {
                assertTrue(run.stderr().contains(path), () -> "the refusal names " + path + ":\n" + run);
            }
            refusal = run.stderr()
                    .lines()
                    .filter(l -> l.contains("masters[1].host"))
                    .findFirst()
                    .orElse("")
                    .strip();
        }
        assertFalse(Files.exists(Path.of(CANARY)), "canary " + CANARY + " created");
        for (String host : cluster.sandbox().hostNames()) {
            try (Stream<Path> files = Files.walk(cluster.sandbox().hostRoot(host))) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("canary")), "canary on " + host);
            }
        }
        assertEquals(loginsBefore, SshdLogins.of(cluster), "no login on any host");
        assertEquals(toolCalls, cluster.sandbox().toolEvents().size(), "no tool ran");
        Outcomes.record(
                "hostile-inventory-cli",
                "hostile input (CLI)",
                "inventory with `;`, `$( )`, backticks, a newline and `&&` in 2 names, 3 hosts and ssh.user, given to `plan`,"
                        + " `check` and `recover`",
                "each exit 64 before any login, every field named with its problem ("
                        + String.join(", ", payloads.keySet()) + "), e.g. \"" + refusal
                        + "\"; no canary file anywhere, no login in any sshd log, no tool run");
    }

    @Test
    @Order(2)
    void aKnownHostsEntryThatDoesNotMatchIsRefusedBeforeLoginNamingHostKeyTypeAndFingerprint() throws IOException {
        Path hostKeys = cluster.hosts().runtimeDir().resolve("hosts");
        String master0Key = Files.readString(hostKeys.resolve("master-0/ssh_host_ed25519_key.pub"))
                .split(" ")[1];
        String master1Key = Files.readString(hostKeys.resolve("master-1/ssh_host_ed25519_key.pub"))
                .split(" ")[1];
        String fingerprint = LocalCommand.run(
                        List.of(
                                E2eRequirements.SSH_KEYGEN.toString(),
                                "-l",
                                "-f",
                                hostKeys.resolve("master-1/ssh_host_ed25519_key.pub")
                                        .toString()),
                        Duration.ofSeconds(10))
                .requireSuccess()
                .stdout()
                .split(" ")[1];
        Path knownHosts = file("known_hosts-master-1-wrong");
        Files.writeString(
                knownHosts, Files.readString(cluster.hosts().knownHosts()).replace(master1Key, master0Key));
        Map<String, Object> wrong = cluster.inventoryMap(CORE);
        set(wrong, "ssh.knownHosts", knownHosts.toString());
        Path file = InventoryFile.write(wrong, file("inventory-wrong-known-hosts.yaml"));
        NamespacedSshd master1 = cluster.hosts().host("master-1");
        long logLength = Files.size(master1.log());

        CliProcess.Run run = cluster.cli(
                "known-hosts-mismatch",
                RUN_TIMEOUT,
                "recover",
                "-i",
                file.toString(),
                "--approve",
                "validated",
                "--audit-file",
                file("audit-known-hosts-mismatch.jsonl").toString());
        assertEquals(1, run.exitCode(), run::toString);
        for (String expected : List.of("master-1", "ssh-ed25519", fingerprint, "preflight: nothing was changed")) {
            assertTrue(run.stderr().contains(expected), () -> "the refusal names " + expected + ":\n" + run);
        }
        String master1Log = Files.readString(master1.log()).substring((int) logLength);
        assertFalse(
                master1Log.contains("Accepted publickey") || master1Log.contains("Failed publickey"),
                () -> "the client offered no key to master-1: " + master1Log);
        assertEquals(List.of(), cluster.changesSince(atStart), "the host key was refused");
        String line = run.stderr()
                .lines()
                .filter(l -> l.contains(fingerprint))
                .findFirst()
                .orElseThrow()
                .strip();
        Outcomes.record(
                "hostile-known-hosts-cli",
                "hostile input (CLI)",
                "`recover` with a known_hosts that gives master-1's address the host key of master-0",
                "exit 1 at preflight, master-1's sshd log shows no authentication, nothing changed on any host: \""
                        + line + "\"");
    }

    @Test
    @Order(3)
    void checkFindsTheExpiredCertificatesAndPlanConnectsNowhere() throws IOException {
        CliProcess.Run check = cluster.cli(
                "check-before",
                RUN_TIMEOUT,
                "check",
                "-i",
                inventory.toString(),
                "--no-check-endpoints",
                "--json",
                file("reports/before.json").toString(),
                "--html",
                file("reports/before.html").toString(),
                "--junit",
                file("reports/before.xml").toString());
        assertEquals(2, check.exitCode(), () -> "expired certificates are critical: " + check);
        JsonNode report =
                new ObjectMapper().readTree(file("reports/before.json").toFile());
        assertTrue(report.toString().contains("/etc/kubernetes/"), "the report names real host paths");
        assertFalse(check.stdout().contains(cluster.sandbox().workDir().toString()), "real paths, no sandbox prefix");
        for (String report2 : List.of("before.html", "before.xml")) {
            assertTrue(Files.size(file("reports/" + report2)) > 0, report2 + " written");
        }

        int toolCalls = cluster.sandbox().toolEvents().size();
        List<String> loginsBefore = SshdLogins.of(cluster);
        CliProcess.Run plan = cluster.cli("plan", REFUSAL_TIMEOUT, "plan", "-i", inventory.toString());
        assertEquals(0, plan.exitCode(), plan::toString);
        for (String expected : List.of(
                "master-0",
                "worker-1",
                "/etc/kubernetes/kubeconfig",
                "/var/lib/kubelet/pki",
                "recovery-apiserver",
                "regenerate-certificates")) {
            assertTrue(plan.stdout().contains(expected), () -> "the plan shows " + expected + ":\n" + plan);
        }
        assertFalse(
                plan.stdout().contains(cluster.sandbox().workDir().toString()), "the plan uses real paths, no prefix");
        assertEquals(toolCalls, cluster.sandbox().toolEvents().size(), "plan ran no tool");
        assertEquals(loginsBefore, SshdLogins.of(cluster), "plan logged in nowhere");
        assertEquals(List.of(), cluster.changesSince(atStart), "check and plan change nothing");
        String result = check.stdout()
                .lines()
                .filter(l -> l.startsWith("result:"))
                .findFirst()
                .orElse("")
                .strip();
        Outcomes.record(
                "check-plan-cli",
                "recovery (CLI)",
                "`check --no-check-endpoints` with JSON, HTML and JUnit reports, then `plan`, as ocpcr-core",
                "check exit 2 (\"" + result
                        + "\"), reports written with real paths; plan exit 0, no SSH login, no tool run,"
                        + " nothing changed on any host");
    }

    @Test
    @Order(4)
    void aRecoveryApiserverThatNeverAnswersEndsAtTheApiserverTimeoutGivenOnTheCommandLine() throws IOException {
        cluster.sandbox().setApiserverNeverAnswers(true);
        CliProcess.Run run;
        try {
            run = cluster.cli(
                    "recover-1-apiserver-never-answers",
                    RUN_TIMEOUT,
                    "recover",
                    "-i",
                    inventory.toString(),
                    "--approve",
                    "validated",
                    "--apiserver-timeout",
                    APISERVER_TIMEOUT,
                    "--audit-file",
                    file("audit-1.jsonl").toString());
        } finally {
            cluster.sandbox().setApiserverNeverAnswers(false);
        }
        assertEquals(1, run.exitCode(), run::toString);
        String error = run.errorParagraph();
        for (String expected : List.of("master-0", "recovery-apiserver-create", "timed out after 15 s")) {
            assertTrue(error.contains(expected), () -> "the error names " + expected + ":\n" + run);
        }
        assertTrue(cluster.sandbox().recoveryApiserverAnswering().isEmpty(), "no recovery API server left");
        assertFalse(
                Files.exists(cluster.sandbox()
                        .hostPath("master-0", "/etc/kubernetes/manifests/recovery-kube-apiserver-pod.yaml")),
                "its manifest was removed");
        assertFalse(
                Files.exists(cluster.sandbox().hostPath("master-0", "/var/lib/ocp-cert-recovery/lock")),
                "lock released");
        for (String host : cluster.sandbox().hostNames()) {
            EngineFaultsOnOpenSshTest.assertNothingLost(cluster, atStart, host);
        }
        Outcomes.record(
                "fault-apiserver-never-answers-cli",
                "fault (CLI)",
                "`recover --apiserver-timeout " + APISERVER_TIMEOUT + "` while the recovery API server never answers",
                "exit 1 after " + run.duration().toSeconds() + " s: \"" + error
                        + "\"; recovery API server and its manifest removed," + " lock released, no file lost");
    }

    @Test
    @Order(5)
    void aFrozenMasterIsFailedAtTheCommandTimeoutGivenOnTheCommandLineAndTheRunExits2() throws Exception {
        ToolPause pause = masterPause.get();
        NamespacedSshd master1 = cluster.hosts().host("master-1");
        CliProcess.Run run;
        try (FaultTrigger freeze =
                FaultTrigger.when("freeze-master-1", pause::paused, () -> master1.signalAll("STOP"))) {
            // only master-1: the run goes on after a node fails, and worker-1's pause point is kept for the next test
            run = cluster.cli(
                    "recover-2-master-frozen",
                    RUN_TIMEOUT,
                    "recover",
                    "-i",
                    inventory.toString(),
                    "--approve",
                    "validated",
                    "--nodes",
                    "master-1",
                    "--command-timeout",
                    COMMAND_TIMEOUT,
                    "--audit-file",
                    file("audit-2.jsonl").toString());
            freeze.firedAt();
        } finally {
            master1.signalAll("CONT");
            pause.resume();
        }
        assertEquals(2, run.exitCode(), run::toString);
        String error = run.stdout()
                .lines()
                .filter(l -> l.contains("FAILED master-1"))
                .findFirst()
                .orElse("");
        for (String expected : List.of("master-1", "recover-kubelets", "timed out after 20 s")) {
            assertTrue(error.contains(expected), () -> "the FAILED line names " + expected + ":\n" + run);
        }
        assertTrue(run.stdout().contains("--nodes master-1"), () -> "the command that retries master-1:\n" + run);
        assertFalse(
                Files.exists(cluster.sandbox().hostPath("master-0", "/var/lib/ocp-cert-recovery/lock")),
                "lock released");
        for (String host : cluster.sandbox().hostNames()) {
            EngineFaultsOnOpenSshTest.assertNothingLost(cluster, atStart, host);
        }
        Outcomes.record(
                "fault-master-sigstop-cli",
                "fault (CLI)",
                "`recover --nodes master-1 --command-timeout " + COMMAND_TIMEOUT
                        + "`: every sshd process of master-1 stopped with SIGSTOP while"
                        + " `systemctl stop kubelet` was running there",
                "exit 2 after " + run.duration().toSeconds() + " s, the others recovered: \"" + error
                        + "\"; lock released, no file" + " lost (SIGCONT after)");
    }

    @Test
    @Order(6)
    void aSecondRecoverIsRefusedByTheLockNamingItsOwnerAndAWorkerKilledMidKubeletRecoveryIsListedByTheFirst()
            throws Exception {
        ToolPause pause = workerPause.get();
        NamespacedSshd worker1 = cluster.hosts().host("worker-1");
        CliProcess first = CliProcess.start(
                cluster.dir(),
                "recover-3-worker-killed",
                OpenSshCluster.OPERATOR_PASSPHRASE,
                "recover",
                "-i",
                inventory.toString(),
                "--approve",
                "validated",
                "--audit-file",
                file("audit-3.jsonl").toString());
        CliProcess.Run second;
        JsonNode owner;
        try {
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            while (!pause.paused() && System.nanoTime() < deadline && first.isAlive()) {
                Thread.sleep(50);
            }
            assertTrue(pause.paused(), () -> "the first run reached `systemctl stop kubelet` on worker-1: " + first);
            owner = new ObjectMapper()
                    .readTree(cluster.sandbox()
                            .hostPath("master-0", "/var/lib/ocp-cert-recovery/lock/owner.json")
                            .toFile());
            // As root, the one run of this class that logs in as root: the lock refuses whoever it is.
            second = cluster.cli(
                    "recover-concurrent-root",
                    REFUSAL_TIMEOUT,
                    "recover",
                    "-i",
                    cluster.inventory("root").toString(),
                    "--approve",
                    "validated",
                    "--audit-file",
                    file("audit-concurrent.jsonl").toString());
            assertTrue(pause.paused(), "the first run was still held at worker-1 while the second ran");
            assertEquals(
                    owner,
                    new ObjectMapper()
                            .readTree(cluster.sandbox()
                                    .hostPath("master-0", "/var/lib/ocp-cert-recovery/lock/owner.json")
                                    .toFile()),
                    "the refused run left the first run's lock as it was");
            worker1.signalAll("KILL");
        } catch (RuntimeException | AssertionError e) {
            first.destroy();
            throw e;
        }
        CliProcess.Run firstRun = first.await(RUN_TIMEOUT);

        assertEquals(1, second.exitCode(), second::toString);
        String refusal = second.errorParagraph();
        String ownerName = owner.path("owner").asText();
        assertFalse(ownerName.isEmpty(), "the lock names an owner: " + owner);
        for (String expected : List.of(
                "master-0",
                "lock",
                "locked by " + ownerName,
                owner.path("runId").asText())) {
            assertTrue(refusal.contains(expected), () -> "the refusal names " + expected + ":\n" + second);
        }
        assertEquals(2, firstRun.exitCode(), firstRun::toString);
        String failure = firstRun.stdout()
                .lines()
                .filter(l -> l.contains("FAILED worker-1"))
                .findFirst()
                .orElse("");
        for (String expected : List.of("worker-1", "recover-kubelets")) {
            assertTrue(failure.contains(expected), () -> "the FAILED line names " + expected + ":\n" + firstRun);
        }
        assertFalse(failure.contains("\tat "), "no stack trace without -v");
        assertFalse(
                Files.exists(cluster.sandbox().hostPath("master-0", "/var/lib/ocp-cert-recovery/lock")),
                "lock released");
        for (String host : cluster.sandbox().hostNames()) {
            EngineFaultsOnOpenSshTest.assertNothingLost(cluster, atStart, host);
        }
        Outcomes.record(
                "concurrency-lock-cli",
                "concurrency (CLI)",
                "a second `recover` (as root) started while the first (as ocpcr-core) held the lock, paused in worker-1's kubelet"
                        + " recovery",
                "second exit 1 in " + second.duration().toSeconds() + " s, the first run's lock untouched: \"" + refusal
                        + "\"");
        Outcomes.record(
                "fault-worker-sshd-killed-cli",
                "fault (CLI)",
                "the first `recover`: every sshd process of worker-1 killed (SIGKILL) right after `systemctl stop kubelet` ran there",
                "exit 2, the others recovered: \"" + failure + "\"; lock released, no file lost on any host");
        worker1.start();
    }

    @Test
    @Order(7)
    void theNextRecoverResumesAndLeavesTheClusterHealthy() throws IOException {
        CliProcess.Run run = cluster.cli(
                "recover-4",
                RUN_TIMEOUT,
                "recover",
                "-i",
                inventory.toString(),
                "--approve",
                "validated",
                "--audit-file",
                file("audit-4.jsonl").toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(
                run.stdout().contains("resuming recovery"),
                () -> "continues from the checkpoint of the failed runs:\n" + run);
        assertTrue(run.stdout().contains("recover: every inventory node is Ready"), run::toString);
        String recovered = RecoveredCluster.assertRecovered(cluster);
        for (String host : cluster.sandbox().hostNames()) {
            EngineFaultsOnOpenSshTest.assertNothingLost(cluster, atStart, host);
        }
        List<String> refusedRogues =
                run.stdout().lines().filter(l -> l.contains("left pending")).toList();
        // the release's rogue CSRs: on 4.3 the OVN forgeries of 4.14+ are not made
        long rogues =
                cluster.sandbox().csrs().stream().filter(c -> c.rogue() != null).count();
        assertEquals(rogues, refusedRogues.size(), () -> "each rogue CSR is reported with its reason:\n" + run);

        CliProcess.Run after = cluster.cli(
                "check-after",
                RUN_TIMEOUT,
                "check",
                "-i",
                inventory.toString(),
                "--no-check-endpoints",
                "--warning-days",
                "14",
                "--critical-days",
                "7",
                "--json",
                file("reports/after.json").toString(),
                "--html",
                file("reports/after.html").toString(),
                "--junit",
                file("reports/after.xml").toString());
        String result = after.stdout()
                .lines()
                .filter(l -> l.startsWith("result:"))
                .findFirst()
                .orElse("")
                .strip();
        // Every certificate was renewed (the sandbox's new ones are valid for 30 days): none expires within two weeks.
        assertEquals(0, after.exitCode(), after::toString);
        int expiredBefore = expired(file("reports/before.json")).size();
        assertTrue(expiredBefore > 0, "the check before found the expired certificates");
        assertEquals(List.of(), expired(file("reports/after.json")), "expired certificates after the recovery");
        Outcomes.record(
                "recovery-cli-core-user",
                "recovery (CLI)",
                "`recover --approve validated` as ocpcr-core after the three failed runs above, then `check` again",
                "exit 0 in " + run.duration().toSeconds() + " s, resumed from the checkpoint: " + recovered
                        + "; `check --warning-days 14 --critical-days 7` after: exit 0, " + expiredBefore
                        + " expired certificates"
                        + " before, none after: \"" + result + "\"");
    }

    @Test
    @Order(8)
    void noSecretInAnyOutputAuditFileOrReport() throws IOException {
        SecretScan scan = SecretScan.ofCliRuns(cluster);
        List<Path> scanned = new ArrayList<>(cluster.cliOutputs());
        scanned.add(file("reports"));
        long runs =
                scanned.stream().filter(p -> p.toString().endsWith(".stdout")).count();
        assertTrue(runs >= 9, () -> "the runs of this class left their output: " + scanned);
        assertTrue(
                scanned.stream().filter(p -> p.toString().endsWith(".jsonl")).count() >= 4,
                () -> "audit files: " + scanned);
        assertEquals(List.of(), scan.findIn(scanned), "secrets in the CLI's output, audit files or reports");
        Outcomes.record(
                "secrets-cli",
                "secrets (CLI)",
                "the operator key (encrypted; whole and each line), its passphrase (from OCP_CERT_RECOVERY_PASSPHRASE) and the"
                        + " bootstrap token grepped in stdout and stderr of the " + runs
                        + " CLI runs above, their audit files and the"
                        + " JSON/HTML/JUnit reports",
                "found nowhere (" + scan.size() + " needles, " + scanned.size() + " files and directories)");
    }

    /** The rows of a JSON expiry report whose certificate has expired. */
    private static List<JsonNode> expired(Path report) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        new ObjectMapper().readTree(report.toFile()).path("rows").forEach(row -> {
            if ("expired".equals(row.path("status").asText())) {
                rows.add(row);
            }
        });
        return rows;
    }

    /** Sets a value at an inventory path such as {@code masters[1].host} or {@code ssh.user}. */
    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> inventory, String path, String value) {
        String[] parts = path.split("\\.");
        String head = parts[0];
        int bracket = head.indexOf('[');
        Object container = bracket < 0
                ? inventory.get(head)
                : ((List<Object>) inventory.get(head.substring(0, bracket)))
                        .get(Integer.parseInt(head.substring(bracket + 1, head.length() - 1)));
        ((Map<String, Object>) container).put(parts[1], value);
    }
}
