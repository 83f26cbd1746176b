package io.jenkins.plugins.certrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.sandbox.CsrStatus;
import io.jenkins.plugins.certrecovery.sandbox.ExecEvent;
import io.jenkins.plugins.certrecovery.sandbox.RogueCsr;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.SimulatedNode;
import io.jenkins.plugins.certrecovery.sandbox.ToolEvent;
import io.jenkins.plugins.certrecovery.ssh.ShellQuoting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The 4.6+ recovery (preflight, wait for the API, CSR waves) against the sandbox's 4.7, 4.12, 4.14 and 4.18 profiles over real SSH,
 * each with the rogue CSRs of its release. The cluster's clock is manual and stands still while the engine runs: the test first lets
 * the API come up and every bootstrapping kubelet post four client CSRs (one every retry interval), so each node has superseded
 * requests; the kubelet, CSR and serving delays are zero, so each step of the kubelets happens at the next tool call. (A clock
 * stepped by tool calls cannot be used here: a kubelet that waits posts a new client CSR after every tool call, so the CSR any
 * listing shows as the newest is superseded before the approval that follows the listing can reach it.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenShift4xRecoverySandboxTest {
    private static final List<String> PROFILES = List.of("4.7", "4.12", "4.14", "4.18");
    private static final String CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";
    /** Files a 4.3-style recovery would write or touch on a host; on 4.6+ none may change. */
    private static final List<String> WATCHED = List.of("/etc/kubernetes/kubeconfig", "/etc/kubernetes/kubelet-ca.crt");

    private final List<SandboxCluster> clusters = new ArrayList<>();

    /** What one recovery did. */
    private record Run(
            String version,
            SandboxCluster cluster,
            OperationPlan plan,
            RecoverySummary summary,
            List<ToolEvent> tools,
            List<ExecEvent> execs,
            Map<String, String> before,
            Map<String, String> after) {}

    private Run recover(String version) throws Exception {
        SandboxCluster cluster = new SandboxCluster(SandboxSpec.openShift4xOnManualClock(version));
        clusters.add(cluster);
        cluster.sandbox.bootWithSupersededCsrs();
        Map<String, String> before = watchedFiles(cluster);
        RecoveryProcedure procedure = new RecoveryProcedure(cluster.context(), CsrApprovalPolicy.ALL_VALID);
        OperationPlan plan = procedure.plan();
        RecoverySummary summary = procedure.execute();
        return new Run(
                version,
                cluster,
                plan,
                summary,
                cluster.sandbox.toolEvents(),
                cluster.sandbox.execEvents(),
                before,
                watchedFiles(cluster));
    }

    private static Map<String, String> watchedFiles(SandboxCluster cluster) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        for (String host : cluster.sandbox.hostNames()) {
            for (String file : WATCHED) {
                Path path = cluster.sandbox.hostPath(host, file);
                files.put(host + ":" + file, Files.exists(path) ? Files.readString(path) : "(absent)");
            }
        }
        return files;
    }

    @AfterAll
    void close() throws Exception {
        for (SandboxCluster cluster : clusters) {
            cluster.close();
        }
    }

    @TestFactory
    Stream<DynamicContainer> recoveryByApprovingCsrsPerProfile() {
        return PROFILES.stream()
                .map(version ->
                        DynamicContainer.dynamicContainer(version, Stream.of(0).flatMap(unused -> {
                            Run run;
                            try {
                                run = recover(version);
                            } catch (Exception e) {
                                throw new AssertionError(version + ": the recovery failed: " + e.getMessage(), e);
                            }
                            return Stream.of(
                                    DynamicTest.dynamicTest("every node is Ready", () -> everyNodeIsReady(run)),
                                    DynamicTest.dynamicTest(
                                            "rogue and forged CSRs stay pending",
                                            () -> rogueAndForgedCsrsStayPending(run)),
                                    DynamicTest.dynamicTest(
                                            "only the newest client CSR per node is approved",
                                            () -> onlyTheNewestClientCsrIsApproved(run)),
                                    DynamicTest.dynamicTest(
                                            "no file changes on any host", () -> noFileChangesOnAnyHost(run)),
                                    DynamicTest.dynamicTest(
                                            "no kubelet restart, recovery API server or redeploy",
                                            () -> onlyOcRuns(run)),
                                    DynamicTest.dynamicTest(
                                            "what ran is what the plan shows",
                                            () -> PlanComparison.assertExecutedAsPlanned(
                                                    run.plan(), run.tools(), run.execs(), "")));
                        })));
    }

    private static void everyNodeIsReady(Run run) {
        assertTrue(run.summary().allNodesReady(), run.summary().lines().toString());
        assertTrue(
                run.cluster().sandbox.nodes().stream().allMatch(SimulatedNode::ready),
                run.cluster().sandbox.nodes().toString());
        assertEquals(
                List.of(Preflight.NAME, AwaitApi.NAME, ApproveCsrs.NAME),
                run.summary().operations().stream()
                        .map(OperationOutcome::operation)
                        .toList());
    }

    private static void rogueAndForgedCsrsStayPending(Run run) {
        List<CsrStatus> rogues = run.cluster().sandbox.csrs().stream()
                .filter(c -> c.rogue() != null)
                .toList();
        boolean ovn = Integer.parseInt(run.version().substring(2)) >= 14;
        long expected =
                Arrays.stream(RogueCsr.values()).filter(r -> ovn || !r.ovn()).count();
        assertEquals(expected, rogues.size(), rogues.toString());
        assertTrue(rogues.stream().allMatch(CsrStatus::pending), "rogue CSRs stay pending: " + rogues);
        assertEquals(
                rogues.size(),
                run.summary().csrs().invalid().size(),
                run.summary().lines().toString());
    }

    private static void onlyTheNewestClientCsrIsApproved(Run run) {
        Map<String, List<CsrStatus>> byNode = run.cluster().sandbox.csrs().stream()
                .filter(c -> c.rogue() == null && CLIENT_SIGNER.equals(c.signerName()))
                .collect(Collectors.groupingBy(CsrStatus::commonName, LinkedHashMap::new, Collectors.toList()));
        assertFalse(byNode.isEmpty(), "kubelets bootstrapped");
        List<String> superseded = new ArrayList<>();
        for (Map.Entry<String, List<CsrStatus>> node : byNode.entrySet()) {
            List<CsrStatus> csrs = node.getValue();
            assertTrue(csrs.size() > 1, node.getKey() + " posted several client CSRs: " + csrs);
            CsrStatus newest =
                    csrs.stream().max(Comparator.comparing(CsrStatus::created)).orElseThrow();
            assertEquals(
                    List.of(newest.name()),
                    csrs.stream()
                            .filter(CsrStatus::approved)
                            .map(CsrStatus::name)
                            .toList(),
                    node.getKey() + ": only the newest client CSR is approved");
            csrs.stream().filter(c -> c != newest).forEach(c -> superseded.add(c.name()));
        }
        List<String> reported = run.summary().csrs().superseded().stream()
                .map(line -> line.substring(0, line.indexOf(' ')))
                .sorted()
                .toList();
        assertEquals(superseded.stream().sorted().toList(), reported, "every superseded client CSR is reported");
        assertTrue(
                run.summary().lines().stream().anyMatch(l -> l.contains("superseded by")),
                run.summary().lines().toString());
    }

    private static void noFileChangesOnAnyHost(Run run) {
        assertEquals(run.before(), run.after(), "bootstrap kubeconfigs and kubelet CAs unchanged");
        for (String host : run.cluster().sandbox.hostNames()) {
            assertFalse(
                    Files.exists(run.cluster().sandbox.hostPath(host, "/var/lib/ocp-cert-recovery")),
                    host + ": no lock, checkpoint " + "or backup");
            assertFalse(Files.exists(run.cluster().sandbox.hostPath(host, "/run/machine-config-daemon-force")), host);
        }
        String audit = run.cluster().auditText();
        assertFalse(audit.contains("\"change\""), "no file change in the audit trail: " + audit);
        // every command over SSH is one the plan shows, and the plan's commands only read, but for the approval (an API
        // change)
        List<String> planned = new ArrayList<>();
        for (PlanStep step : run.plan().steps()) {
            List<String> argv = step.command().argv();
            int approve = argv.indexOf("approve");
            assertTrue(step.command().readOnly() || approve >= 0, "changes something: " + argv);
            planned.add(ShellQuoting.join(approve >= 0 ? argv.subList(0, approve + 1) : argv));
        }
        for (ExecEvent exec : run.execs()) {
            assertTrue(
                    planned.stream()
                            .anyMatch(p ->
                                    exec.command().endsWith(p) || exec.command().contains(p + " ")),
                    "ran `" + exec.command() + "`, which is not in the plan");
        }
    }

    private static void onlyOcRuns(Run run) {
        List<String> tools =
                run.tools().stream().map(ToolEvent::tool).distinct().toList();
        assertEquals(List.of("oc"), tools, "only oc ran: " + tools);
        assertTrue(run.tools().stream().noneMatch(e -> e.argv().contains("patch")), "no redeploy");
    }
}
