package io.jenkins.plugins.certrecovery.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.certrecovery.sandbox.CsrStatus;
import io.jenkins.plugins.certrecovery.sandbox.RogueCsr;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.SimulatedNode;
import io.jenkins.plugins.certrecovery.sandbox.ToolEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An OpenShift 4.14 cluster that was powered off for {@value #DAYS_OFF} days (every kubelet client certificate expired, the
 * localhost-recovery credential still valid), recovered through the shaded jar as an operator would, logging in as the RHCOS-like
 * core user with sudo: {@code check}, {@code plan}, then {@code recover}, which on 4.6+ only waits for the API and approves node
 * CSRs. Rogue CSRs and forged OVN {@code system:ovn-node:…} CSRs are pending from the start.
 * <p>
 * The cluster's clock is manual and stands still while the CLI runs (the kubelet, CSR and serving delays are zero, so each step of
 * a kubelet happens at the next tool call): the recovery API comes up and every bootstrapping kubelet posts several client CSRs
 * only when the first {@code recover} asks for the API, so the run has to wait for the API and meets superseded requests. A clock in
 * real time would let a kubelet post a newer CSR between the CLI's listing and its approval.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ocp414CliOnOpenSshTest {
    private static final String VERSION = "4.14";
    private static final int DAYS_OFF = 45;
    private static final String CORE = E2eRequirements.CORE_USER;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);
    private static final String CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";
    private static final String LOCALHOST_RECOVERY_KUBECONFIG =
            "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/node-kubeconfigs/localhost-recovery.kubeconfig";

    /**
     * What the simulated cluster writes itself, as a real one does, once its API is up: the operators' new revision (rotated
     * certificates, static pod manifest) and, once their CSRs are approved, the kubelets' and ovnkube-node's new certificates.
     */
    private static final Predicate<String> CLUSTER_OWN_WRITES =
            p -> p.startsWith("etc/kubernetes/static-pod-resources/")
                    || p.equals("etc/kubernetes/manifests/kube-apiserver-pod.yaml")
                    || p.startsWith("var/lib/kubelet/pki/")
                    || p.startsWith("var/lib/ovn-ic/etc/ovnkube-node-certs/");

    private E2eCluster cluster;
    private Path inventory;
    private Map<String, TreeSnapshot> atStart;
    private CliProcess.Run recover;
    /** The exit codes of the recover's API probes on master-0, in order. */
    private List<Integer> apiProbes = List.of();

    @BeforeAll
    void startCluster() {
        E2eRequirements.assumeMet();
        SandboxSpec spec = SandboxSpec.defaults()
                .withOpenShiftVersion(VERSION)
                .withDaysOff(DAYS_OFF)
                .withManualClock()
                .withDelays(Duration.ofMillis(300), Duration.ZERO, Duration.ZERO, Duration.ZERO)
                .withRogueCsrs(RogueCsr.values());
        cluster = E2eCluster.start("ocp-4.14-cli", spec);
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
    void checkReadsThe4xCertificateSetAndReportsTheShutdownHorizon() throws IOException {
        CliProcess.Run check = cluster.cli(
                "check",
                RUN_TIMEOUT,
                "check",
                "-i",
                inventory.toString(),
                "--no-check-endpoints",
                "--json",
                file("check.json").toString());

        // Exit 2: expired certificates are found, and every file 4.14 has (openshift-4x-facts.md section 2) was read.
        assertEquals(2, check.exitCode(), () -> "expired certificates found, none missing: " + check);
        JsonNode report = new ObjectMapper().readTree(file("check.json").toFile());
        Map<String, String> statusByRole = new LinkedHashMap<>();
        List<String> unchecked = new ArrayList<>();
        for (JsonNode row : report.path("rows")) {
            statusByRole.merge(row.path("role").asText(), row.path("status").asText(), (a, b) -> a + "," + b);
            if (row.has("error")) {
                unchecked.add(
                        row.path("host").asText() + ":" + row.path("source").asText() + " "
                                + row.path("error").path("kind").asText());
            }
        }
        assertEquals(List.of(), unchecked, "every certificate 4.14 has is laid out and read");
        assertTrue(
                statusByRole.getOrDefault("kubelet-client", "").contains("expired"),
                () -> "the kubelets' client certificates expired during " + DAYS_OFF + " days off: " + statusByRole);
        assertEquals(
                "ok,ok,ok",
                statusByRole.get("localhost-recovery-client"),
                () -> "the localhost-recovery client (node-system-admin-client) of each master was read and is valid: "
                        + statusByRole);
        JsonNode horizon = report.path("summary").path("shutdownHorizon");
        assertTrue(horizon.path("computed").asBoolean(), () -> "4.14 has a shutdown horizon: " + horizon);
        for (String level : List.of("nothingToDo", "csrApprovalByHand", "adminKubeconfigFromOutside")) {
            assertTrue(horizon.has(level), () -> "the horizon has its level " + level + ": " + horizon);
        }
        assertEquals(
                "localhost-recovery-client",
                horizon.path("csrApprovalByHand").path("decidedBy").path("role").asText(),
                () -> "approving CSRs by hand lasts as long as the localhost-recovery credential: " + horizon);
        assertTrue(check.stdout().contains("Shutdown horizon"), check::toString);
        assertEquals(List.of(), cluster.changesSince(atStart), "check reads only");
        String result = check.stdout()
                .lines()
                .filter(l -> l.startsWith("result:"))
                .findFirst()
                .orElse("")
                .strip();
        Outcomes.record(
                "ocp-4.14-check-cli",
                "recovery (CLI, 4.14)",
                "`check --no-check-endpoints --json` of a 4.14 cluster powered off for " + DAYS_OFF
                        + " days, as ocpcr-core",
                "exit 2 (\"" + result + "\"; no certificate of 4.14 missing or unreadable); roles read: "
                        + String.join(", ", statusByRole.keySet())
                        + "; kubelet client certificates expired, localhost-recovery client valid; shutdown horizon in the"
                        + " JSON: CSR approval by hand until "
                        + horizon.path("csrApprovalByHand").path("until").asText()
                        + " (decided by the localhost-recovery client); nothing changed on any host");
    }

    @Test
    @Order(2)
    void planConnectsNowhereAndChangesNothing() throws IOException {
        int toolCalls = cluster.sandbox().toolEvents().size();
        List<String> loginsBefore = SshdLogins.of(cluster);

        CliProcess.Run plan = cluster.cli("plan", RUN_TIMEOUT, "plan", "-i", inventory.toString());

        assertEquals(0, plan.exitCode(), plan::toString);
        for (String expected : List.of(
                "-- await-api",
                "'get' 'namespace' 'kube-system'",
                "'certificate' 'approve'",
                LOCALHOST_RECOVERY_KUBECONFIG)) {
            assertTrue(plan.stdout().contains(expected), () -> "the plan shows " + expected + ":\n" + plan);
        }
        for (String absent : List.of("recovery-apiserver", "regenerate-certificates", "systemctl")) {
            assertFalse(plan.stdout().contains(absent), () -> "no " + absent + " on 4.14:\n" + plan);
        }
        assertEquals(toolCalls, cluster.sandbox().toolEvents().size(), "plan ran no tool");
        assertEquals(loginsBefore, SshdLogins.of(cluster), "plan logged in nowhere");
        assertEquals(List.of(), cluster.changesSince(atStart), "plan changes nothing");
        Outcomes.record(
                "ocp-4.14-plan-cli",
                "recovery (CLI, 4.14)",
                "`plan` of the same cluster",
                "exit 0; shows the wait for the API and the CSR approval on master-0, no recovery API server,"
                        + " regenerate-certificates or kubelet restart; no SSH login, no tool run, nothing changed");
    }

    @Test
    @Order(3)
    void recoverWaitsForTheApiThroughTheLocalhostRecoveryKubeconfigAndEndsWithEveryNodeReady() {
        SandboxSpec spec = cluster.sandbox().spec();
        try (FaultTrigger apiComesUp = FaultTrigger.when(
                "api-comes-up",
                () -> cluster.called("master-0", "oc", "get", "namespace", "kube-system"),
                () -> cluster.sandbox()
                        .clock()
                        .advance(spec.apiserverStartDelay()
                                .plus(spec.csrRetryInterval().multipliedBy(3))))) {
            recover = cluster.cli(
                    "recover",
                    RUN_TIMEOUT,
                    "recover",
                    "-i",
                    inventory.toString(),
                    "--approve",
                    "validated",
                    "--audit-file",
                    file("audit-recover.jsonl").toString());
            apiComesUp.firedAt();
        }

        assertEquals(0, recover.exitCode(), recover::toString);
        List<Integer> probes = cluster.toolEvents("master-0").stream()
                .filter(e -> e.tool().equals("oc")
                        && e.argv().containsAll(List.of("get", "namespace", "kube-system"))
                        && e.argv().contains("--kubeconfig=" + LOCALHOST_RECOVERY_KUBECONFIG))
                .map(ToolEvent::exitCode)
                .toList();
        assertTrue(
                probes.size() >= 2 && probes.get(0) != 0 && probes.get(probes.size() - 1) == 0,
                () -> "asked the API through the localhost-recovery kubeconfig until it answered; exit codes: "
                        + probes);
        apiProbes = probes;
        assertTrue(
                recover.stdout().contains("the API answers through " + LOCALHOST_RECOVERY_KUBECONFIG),
                recover::toString);
        assertTrue(recover.stdout().contains("recover: every inventory node is Ready"), recover::toString);
        for (SimulatedNode node : cluster.sandbox().nodes()) {
            assertTrue(node.ready(), () -> node.name() + " is not Ready: " + node);
        }
    }

    @Test
    @Order(4)
    void rogueAndForgedOvnCsrsAreRefusedWithTheirReasons() {
        List<CsrStatus> rogues =
                cluster.sandbox().csrs().stream().filter(c -> c.rogue() != null).toList();
        assertEquals(RogueCsr.values().length, rogues.size(), () -> "4.14 makes every rogue shape: " + rogues);
        List<String> refusals = new ArrayList<>();
        for (CsrStatus rogue : rogues) {
            assertTrue(rogue.pending(), () -> rogue.name() + " (" + rogue.rogue() + ") left pending");
            String line = recover.stdout()
                    .lines()
                    .filter(l -> l.contains("CSR " + rogue.name() + " left pending: "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            rogue.name() + " (" + rogue.rogue() + ") is reported with its reason:\n" + recover));
            refusals.add(rogue.rogue() + ": " + line.strip());
        }
        assertTrue(
                refusal(rogues, RogueCsr.OVN_CLIENT_WRONG_ORGANIZATION).contains("system:ovn-nodes"),
                refusals::toString);
        assertTrue(refusal(rogues, RogueCsr.OVN_CLIENT_FOR_ANOTHER_NODE).contains("master-0"), refusals::toString);
        Outcomes.record(
                "ocp-4.14-rogue-csrs-cli",
                "hostile input (CLI, 4.14)",
                "`recover --approve validated` with " + rogues.size()
                        + " rogue CSRs pending, two of them forged OVN `system:ovn-node:X` client CSRs",
                "none approved, each reported with its reason: " + String.join(" / ", refusals));
    }

    private String refusal(List<CsrStatus> rogues, RogueCsr shape) {
        String name = rogues.stream()
                .filter(c -> c.rogue() == shape)
                .findFirst()
                .orElseThrow()
                .name();
        return recover.stdout()
                .lines()
                .filter(l -> l.contains("CSR " + name + " left pending: "))
                .findFirst()
                .orElse("");
    }

    @Test
    @Order(5)
    void onlyTheNewestClientCsrOfEachNodeIsApproved() {
        Map<String, List<CsrStatus>> byNode = cluster.sandbox().csrs().stream()
                .filter(c -> c.rogue() == null && CLIENT_SIGNER.equals(c.signerName()))
                .collect(Collectors.groupingBy(CsrStatus::commonName, LinkedHashMap::new, Collectors.toList()));
        int expiredClients =
                cluster.sandbox().nodes().size() - cluster.sandbox().spec().workersWithValidClient();
        assertEquals(
                expiredClients,
                byNode.size(),
                () -> "every kubelet whose client certificate expired bootstrapped: " + byNode);
        int superseded = 0;
        for (Map.Entry<String, List<CsrStatus>> node : byNode.entrySet()) {
            List<CsrStatus> csrs = node.getValue();
            assertTrue(csrs.size() > 1, () -> node.getKey() + " posted several client CSRs: " + csrs);
            CsrStatus newest =
                    csrs.stream().max(Comparator.comparing(CsrStatus::created)).orElseThrow();
            assertEquals(
                    List.of(newest.name()),
                    csrs.stream()
                            .filter(CsrStatus::approved)
                            .map(CsrStatus::name)
                            .toList(),
                    node.getKey() + ": only the newest client CSR is approved");
            for (CsrStatus older : csrs) {
                if (older != newest) {
                    superseded++;
                    assertTrue(
                            recover.stdout().contains("CSR " + older.name() + " superseded by " + newest.name() + ","),
                            () -> older.name() + " is reported as superseded by " + newest.name() + ":\n" + recover);
                }
            }
        }
        long approved =
                cluster.sandbox().csrs().stream().filter(CsrStatus::approved).count();
        Outcomes.record(
                "ocp-4.14-recover-cli",
                "recovery (CLI, 4.14)",
                "`recover --approve validated` as ocpcr-core (sudo) on the 4.14 cluster (" + DAYS_OFF
                        + " days off), the API coming up only once the CLI asks for it",
                "exit 0 in " + recover.duration().toSeconds()
                        + " s: API probes through the localhost-recovery kubeconfig"
                        + " exited " + apiProbes + ", then \"the API answers through "
                        + LOCALHOST_RECOVERY_KUBECONFIG + "\", "
                        + cluster.sandbox().nodes().size()
                        + " nodes Ready, " + approved + " CSRs approved (client and serving, wave by wave), of "
                        + byNode.size() + " nodes' client CSRs only the newest each, " + superseded
                        + " superseded ones left pending and listed");
    }

    @Test
    @Order(6)
    void recoverChangesNoFileOnAnyHost() throws IOException {
        List<String> changed = cluster.changesSince(atStart).stream()
                .filter(c -> !CLUSTER_OWN_WRITES.test(c.substring(c.indexOf(": ") + 4)))
                .toList();
        assertEquals(List.of(), changed, "files changed by the recovery");
        for (String host : cluster.sandbox().hostNames()) {
            // the harness made the directory to bind-mount it over the real path; the recovery leaves it empty on 4.6+
            try (Stream<Path> state = Files.list(cluster.sandbox().hostPath(host, "/var/lib/ocp-cert-recovery"))) {
                assertEquals(List.of(), state.toList(), host + ": no lock, checkpoint or backup on 4.6+");
            }
        }
        String audit = Files.readString(file("audit-recover.jsonl"));
        assertFalse(audit.contains("\"change\""), () -> "no file change in the audit trail: " + audit);
        Outcomes.record(
                "ocp-4.14-no-file-changed-cli",
                "recovery (CLI, 4.14)",
                "tree snapshots of the 5 hosts before `check` and after `recover`, and the run's audit trail",
                "no file added, removed or changed but what the simulated cluster writes itself once its API is up"
                        + " (the operators' new revision under /etc/kubernetes/static-pod-resources and the"
                        + " kube-apiserver manifest, the kubelets' and ovnkube-node's new certificates): /etc/kubernetes/kubeconfig,"
                        + " kubelet-ca.crt and /var/lib/kubelet/kubeconfig byte-identical, no lock, checkpoint or backup"
                        + " directory, no change in the audit trail");
    }

    @Test
    @Order(7)
    void noSecretInAnyOutputReportOrAuditFile() throws IOException {
        String kubeconfig = Files.readString(cluster.sandbox().hostPath("master-0", LOCALHOST_RECOVERY_KUBECONFIG));
        Matcher key = Pattern.compile("client-key-data:\\s*(\\S+)").matcher(kubeconfig);
        assertTrue(key.find(), "the localhost-recovery kubeconfig holds its client key");
        SecretScan scan = SecretScan.ofCliRuns(cluster)
                .secret("localhost-recovery client key (base64)", key.group(1))
                .secret(
                        "localhost-recovery client key",
                        new String(Base64.getDecoder().decode(key.group(1)), StandardCharsets.UTF_8));
        List<Path> scanned = new ArrayList<>(cluster.cliOutputs());
        scanned.add(file("check.json"));
        assertEquals(
                8, scanned.size(), () -> "stdout and stderr of the 3 runs, the audit file and the report: " + scanned);

        assertEquals(List.of(), scan.findIn(scanned), "secrets in the CLI's output, audit file or report");
        Outcomes.record(
                "ocp-4.14-secrets-cli",
                "secrets (CLI, 4.14)",
                "the operator key (whole and each line), its passphrase, the bootstrap token and the client key of"
                        + " localhost-recovery.kubeconfig (base64 and PEM, which the 4.14 recovery uses on master-0) grepped"
                        + " in the output of `check`, `plan` and `recover`, the audit file and the JSON report",
                "found nowhere (" + scan.size() + " needles, " + scanned.size() + " files)");
    }
}
