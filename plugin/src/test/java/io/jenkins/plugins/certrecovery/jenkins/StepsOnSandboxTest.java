package io.jenkins.plugins.certrecovery.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import io.jenkins.plugins.certrecovery.sandbox.CsrStatus;
import io.jenkins.plugins.certrecovery.sandbox.RogueCsr;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.SimulatedNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps as a pipeline runs them (built through their data-bound constructor and setters, started with a pipeline's context,
 * the agent work crossing a serializing channel) against the sandbox: a simulated OpenShift 4.3 cluster behind real SSH servers.
 */
class StepsOnSandboxTest {
    static final String CREDENTIALS_ID = "ocp-core-ssh";

    @TempDir
    Path workspace;

    private Sandbox sandbox;
    private TestCredentials credentials;
    private final TestRun run = newRun();
    private final List<TestStepContext> steps = new ArrayList<>();

    private static TestRun newRun() {
        try {
            return new TestRun();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @BeforeEach
    void startCluster() throws Exception {
        sandbox = Sandbox.start(SandboxSpec.defaults().withRogueCsrs(RogueCsr.WRONG_REQUESTOR_FOR_MASTER));
        credentials = new TestCredentials()
                .add(new TestCredentials.SshKey(CREDENTIALS_ID, "core", sandbox.clientPrivateKey(), null));
    }

    @AfterEach
    void stopCluster() throws Exception {
        sandbox.close();
    }

    /** The cluster argument a Jenkinsfile would write for this cluster: the sandbox's inventory, with Jenkins' spelling of ssh. */
    private Map<String, Object> clusterMap() {
        return clusterMap(sandbox);
    }

    static Map<String, Object> clusterMap(Sandbox sandbox) {
        Map<String, Object> cluster =
                new LinkedHashMap<>(InventoryLoader.parseYaml(sandbox.inventoryYaml(), "sandbox"));
        @SuppressWarnings("unchecked")
        Map<String, Object> ssh = new LinkedHashMap<>((Map<String, Object>) cluster.get("ssh"));
        ssh.remove("identityFile");
        ssh.remove("knownHosts");
        ssh.remove("user"); // the credential's user name logs in
        ssh.put("credentialsId", CREDENTIALS_ID);
        ssh.put("knownHostsText", sandbox.knownHosts());
        cluster.put("ssh", ssh);
        return cluster;
    }

    private <S extends ClusterStep> S onCluster(S step) {
        step.setCredentialsLookup(credentials);
        step.setCluster(clusterMap());
        return step;
    }

    private Object run(ClusterStep step) throws Exception {
        TestStepContext context = new TestStepContext(workspace, run);
        steps.add(context);
        try {
            return context.run(step);
        } finally {
            assertEquals(1, context.channel.calls(), "the SSH work crosses to the agent exactly once");
            assertOnlyJdkTypesCrossed(context.channel);
        }
    }

    /**
     * The channel's filter already refuses what Jenkins would; beyond that, the only plugin class that crosses is the callable itself
     * (which Jenkins accepts from the plugin jar): its request and its reply are JDK maps, lists and scalars.
     */
    static void assertOnlyJdkTypesCrossed(RemotingChannel channel) {
        assertTrue(
                JenkinsClassFilter.isFromPluginJar(AgentCall.class),
                "the plugin's classes come from the packaged plugin jar, as in Jenkins: "
                        + JenkinsClassFilter.location(AgentCall.class));
        assertEquals(
                List.of(AgentCall.class),
                channel.sentToAgent().stream()
                        .filter(JenkinsClassFilter::isFromPluginJar)
                        .toList(),
                "plugin classes sent to the agent");
        assertEquals(
                List.of(),
                channel.receivedFromAgent().stream()
                        .filter(JenkinsClassFilter::isFromPluginJar)
                        .toList(),
                "plugin classes sent back by the agent");
    }

    private TestStepContext last() {
        return steps.get(steps.size() - 1);
    }

    private String allLogs() {
        StringBuilder text = new StringBuilder();
        steps.forEach(s -> text.append(s.listener.text()));
        return text.toString();
    }

    @Test
    void recoveryThroughTheStepsReachesAHealthyClusterAndRefusesTheRogueCsr() throws Exception {
        // preflight: expired certificates fail nothing (failOn never) but make the build UNSTABLE
        CheckCertExpiryStep preflight = onCluster(new CheckCertExpiryStep());
        preflight.setFailOn("never");
        preflight.setCheckEndpoints(false);
        preflight.setReportDir("cert-expiry/before");
        @SuppressWarnings("unchecked")
        Map<String, Object> before = (Map<String, Object>) run(preflight);
        assertTrue(
                (Integer) before.get("expired") > 0,
                before + "\n" + last().listener.text());
        for (String report : List.of("expiry-report.json", "expiry-report.html", "expiry-junit.xml")) {
            assertTrue(Files.isRegularFile(workspace.resolve("cert-expiry/before/" + report)), report);
        }
        assertTrue(
                Files.readString(workspace.resolve("cert-expiry/before/expiry-junit.xml"))
                        .contains("<failure"),
                "expired certificates are failing test cases");
        assertEquals(Result.UNSTABLE, run.getResult());
        WarningAction warning = last().flowNode.getAction(WarningAction.class);
        assertNotNull(warning, "the stage shows yellow");
        assertEquals(Result.UNSTABLE, warning.getResult());
        assertTrue(warning.getMessage().contains("certificates are warning or worse"), warning.getMessage());

        String kubeconfig = (String) run(onCluster(new RecoveryApiserverStep()));
        assertTrue(kubeconfig.endsWith("admin.kubeconfig"), kubeconfig);
        assertTrue(sandbox.recoveryApiserverAnswering().isPresent());

        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> expiries =
                (Map<String, Map<String, String>>) run(onCluster(new RegenerateCertsStep()));
        assertFalse(expiries.isEmpty());
        // regenerate-certificates rewrites the certificates it owns; others (e.g. the external load balancer's) keep
        // their dates
        expiries.values()
                .forEach(e -> assertTrue(e.get("after").compareTo(String.valueOf(e.get("before"))) >= 0, e.toString()));
        assertTrue(
                expiries.values().stream()
                                .filter(e -> e.get("after").compareTo(String.valueOf(e.get("before"))) > 0)
                                .count()
                        >= 6,
                expiries.toString());
        assertTrue(last().listener.text().contains("(notAfter before -> after)"));
        assertTrue(sandbox.certificatesRegenerated());

        String reason = (String) run(onCluster(new ForceRedeployStep()));
        assertTrue(reason.matches("recovery-\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9}\\+00:00"), reason);
        for (String operator : List.of("kubeapiserver", "kubecontrollermanager", "kubescheduler")) {
            assertEquals(reason, sandbox.forceRedeploymentReason(operator).orElseThrow());
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> kubelets = (List<Map<String, Object>>) run(onCluster(new RecoverKubeletsStep()));
        assertEquals(sandbox.hostNames().size(), kubelets.size());
        assertTrue(kubelets.stream()
                .filter(h -> "RESTARTED".equals(h.get("action")))
                .allMatch(h -> h.get("backup") != null));
        assertTrue(kubelets.stream().anyMatch(h -> "RESTARTED".equals(h.get("action"))), kubelets.toString());

        // As the Jenkinsfile does: list, let a person choose among the valid ones (here: all valid), approve exactly
        // those.
        ApproveCsrsStep wait = onCluster(new ApproveCsrsStep());
        wait.setWait(true);
        wait.setNodesReadyTimeoutMinutes(2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> csrs = (List<Map<String, Object>>) run(wait);
        assertTrue(csrs.stream().anyMatch(c -> Boolean.TRUE.equals(c.get("approved"))), csrs.toString());
        Map<String, Object> rogue = csrs.stream()
                .filter(c -> Boolean.FALSE.equals(c.get("valid")))
                .findFirst()
                .orElseThrow();
        assertEquals(false, rogue.get("approved"));
        assertFalse(((List<?>) rogue.get("reasons")).isEmpty());
        assertTrue(
                sandbox.nodes().stream().allMatch(SimulatedNode::ready),
                sandbox.nodes().toString());
        CsrStatus rogueInCluster = sandbox.csrs().stream()
                .filter(c -> c.rogue() != null)
                .findFirst()
                .orElseThrow();
        assertTrue(rogueInCluster.pending(), "the rogue CSR is never approved");
        WarningAction refused = last().flowNode.getAction(WarningAction.class);
        assertNotNull(refused, "an invalid CSR left pending marks the stage");
        assertTrue(refused.getMessage().contains(rogueInCluster.name()), refused.getMessage());

        RecoveryApiserverStep destroy = onCluster(new RecoveryApiserverStep());
        destroy.setAction("destroy");
        assertNull(run(destroy));
        assertTrue(sandbox.recoveryApiserverAnswering().isEmpty());

        assertTrue(sandbox.healthy());
        assertEquals(Result.UNSTABLE, run.getResult(), "the build stays UNSTABLE: it only gets worse, never better");
        String logs = allLogs();
        assertTrue(logs.contains("[master-0] $ "), "remote commands stream to the build log with their host");
        assertNoSecret(logs);
        assertNoSecret(Files.readString(workspace.resolve(OptionCatalogue.AUDIT_FILE.defaultString())));
        assertNoSecret(Files.readString(workspace.resolve("cert-expiry/before/expiry-report.json")));
        assertNoSecret(Files.readString(workspace.resolve("cert-expiry/before/expiry-report.html")));
        List<String> audit = Files.readAllLines(workspace.resolve(OptionCatalogue.AUDIT_FILE.defaultString()));
        assertTrue(audit.stream()
                .anyMatch(l -> l.contains("\"event\":\"command\"") && l.contains("\"host\":\"master-0\"")));
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"event\":\"csr-approved\"")));
        assertEquals(
                7,
                audit.stream()
                        .filter(l -> l.contains("\"event\":\"run-start\""))
                        .count(),
                "one audit run per step");
    }

    private void assertNoSecret(String text) {
        assertNoSecret(sandbox, text);
    }

    static void assertNoSecret(Sandbox sandbox, String text) {
        String key = sandbox.clientPrivateKey();
        assertFalse(text.contains(key.strip()), "the private key leaked");
        key.lines()
                .filter(l -> l.length() >= 20 && !l.startsWith("-----"))
                .forEach(line -> assertFalse(text.contains(line), "a line of the private key leaked"));
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws Exception {
        int eventsBefore = sandbox.toolEvents().size();
        RegenerateCertsStep step = onCluster(new RegenerateCertsStep());
        step.setDryRun(true);
        assertEquals(Map.of(), run(step));
        String log = last().listener.text();
        assertTrue(log.contains("Dry run: nothing is changed. The plan:"), log);
        assertTrue(log.contains("== regenerate-certificates"), log);
        assertTrue(log.contains("[master-0] "), log);
        assertFalse(sandbox.certificatesRegenerated());
        assertEquals(eventsBefore, sandbox.toolEvents().size(), "no simulated tool ran on any host");
        assertNull(run.getResult());

        // The default failOn 'expired' fails the step on this expired cluster, after the reports are written.
        CheckCertExpiryStep check = onCluster(new CheckCertExpiryStep());
        check.setCheckEndpoints(false);
        AbortException failure = assertThrows(AbortException.class, () -> run(check));
        assertTrue(failure.getMessage().startsWith("certificate expiry: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("are expired or worse (failOn: 'expired')"), failure.getMessage());
        assertTrue(Files.isRegularFile(workspace.resolve("cert-expiry/expiry-report.json")));
    }

    /** The inventory file a Jenkins job keeps next to its Jenkinsfile: host keys inline, the key left to the credential. */
    static String inventoryFile(Sandbox sandbox) {
        return sandbox.inventoryYaml()
                .lines()
                .filter(l -> !l.contains("identityFile:") && !l.contains("knownHosts:"))
                .reduce("", (a, b) -> a + b + "\n")
                .replace(
                        "ssh:\n",
                        "ssh:\n  knownHostsText: |\n"
                                + sandbox.knownHosts()
                                        .lines()
                                        .map(l -> "    " + l + "\n")
                                        .reduce("", String::concat));
    }

    @Test
    void inventoryFileInTheWorkspaceWithCredentialsIdArgument() throws Exception {
        Files.createDirectories(workspace.resolve("clusters"));
        Files.writeString(workspace.resolve("clusters/sandbox.yaml"), inventoryFile(sandbox));
        RecoveryApiserverStep create = new RecoveryApiserverStep(); // on 4.3, oc reaches the cluster through it
        create.setCredentialsLookup(credentials);
        create.setInventory("clusters/sandbox.yaml");
        create.setCredentialsId(CREDENTIALS_ID);
        run(create);
        ApproveCsrsStep list = new ApproveCsrsStep();
        list.setCredentialsLookup(credentials);
        list.setInventory("clusters/sandbox.yaml");
        list.setCredentialsId(CREDENTIALS_ID);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> csrs = (List<Map<String, Object>>) run(list);
        Map<String, Object> rogue = csrs.stream()
                .filter(c -> Boolean.FALSE.equals(c.get("valid")))
                .findFirst()
                .orElseThrow();
        assertEquals(
                List.of("name", "node", "kind", "requestor", "valid", "reasons", "approved"),
                List.copyOf(rogue.keySet()));
        assertEquals(false, rogue.get("approved"));
        assertNull(run.getResult(), "listing approves nothing and warns about nothing");
        assertTrue(sandbox.csrs().stream().allMatch(CsrStatus::pending));
        assertEquals(List.of(CREDENTIALS_ID, CREDENTIALS_ID), credentials.tracked);

        // approving a rogue CSR by name is refused with its reasons: UNSTABLE, and it stays pending
        ApproveCsrsStep approve = new ApproveCsrsStep();
        approve.setCredentialsLookup(credentials);
        approve.setInventory("clusters/sandbox.yaml");
        approve.setCredentialsId(CREDENTIALS_ID);
        approve.setNames(List.of((String) rogue.get("name")));
        run(approve);
        assertEquals(Result.UNSTABLE, run.getResult());
        assertTrue(last().flowNode.getAction(WarningAction.class).getMessage().contains((String) rogue.get("name")));
        assertTrue(sandbox.csrs().stream()
                .filter(c -> c.name().equals(rogue.get("name")))
                .allMatch(CsrStatus::pending));
    }

    @Test
    void aPasswordThatIsRefusedFailsNamingTheHostAndIsNeverPrinted() throws Exception {
        String password = "s3cret-Pa55word-for-core";
        credentials.add(new TestCredentials.UserPassword("ocp-password", "core", password));
        ForceRedeployStep step = new ForceRedeployStep();
        step.setCredentialsLookup(credentials);
        Map<String, Object> cluster = clusterMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> ssh = (Map<String, Object>) cluster.get("ssh");
        ssh.put("credentialsId", "ocp-password");
        step.setCluster(cluster);
        AbortException failure = assertThrows(AbortException.class, () -> run(step));
        assertTrue(failure.getMessage().contains("master-0"), failure.getMessage());
        assertFalse(failure.getMessage().contains(password));
        assertFalse(allLogs().contains(password));
        try (Stream<Path> files = Files.walk(workspace)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file).contains(password), file + " holds the password");
            }
        }
        assertTrue(sandbox.forceRedeploymentReason("kubeapiserver").isEmpty(), "nothing changed");
    }
}
