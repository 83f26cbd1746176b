package io.jenkins.plugins.certrecovery.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code checkCertExpiry(inventories: …)} and {@code mergeCertExpiryReports} as a pipeline runs them, the agent work crossing the
 * serializing channel, against two sandboxes: east, whose key the credential holds, and west, which does not accept that key (a
 * cluster that cannot be reached).
 */
class FleetStepsOnSandboxTest {
    private static final String CREDENTIALS_ID = "fleet-ssh";

    @TempDir
    Path workspace;

    private Sandbox east;
    private Sandbox west;
    private TestCredentials credentials;
    private TestRun run;

    @BeforeEach
    void startClusters() throws Exception {
        east = Sandbox.start(SandboxSpec.defaults());
        west = Sandbox.start(SandboxSpec.defaults());
        credentials = new TestCredentials()
                .add(new TestCredentials.SshKey(CREDENTIALS_ID, "core", east.clientPrivateKey(), null));
        run = new TestRun();
        Files.createDirectories(workspace.resolve("clusters"));
        Files.writeString(workspace.resolve("clusters/east.yaml"), jenkinsInventory(east));
        Files.writeString(workspace.resolve("clusters/west.yaml"), jenkinsInventory(west));
    }

    @AfterEach
    void stopClusters() throws Exception {
        east.close();
        west.close();
    }

    /** The sandbox's inventory as a workspace file for Jenkins: host keys inline, no key file (the credential logs in). */
    private static String jenkinsInventory(Sandbox sandbox) {
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

    private Object run(Step step) throws Exception {
        TestStepContext context = new TestStepContext(workspace, run);
        try {
            return context.run(step);
        } finally {
            assertEquals(1, context.channel.calls(), "the work crosses to the agent exactly once");
            assertEquals(
                    List.of(),
                    context.channel.receivedFromAgent().stream()
                            .filter(JenkinsClassFilter::isFromPluginJar)
                            .toList(),
                    "plugin classes sent back by the agent");
            lastContext = context;
        }
    }

    private TestStepContext lastContext;

    private CheckCertExpiryStep fleetCheck() {
        CheckCertExpiryStep check = new CheckCertExpiryStep();
        check.setCredentialsLookup(credentials);
        check.setCredentialsId(CREDENTIALS_ID);
        check.setInventories("clusters/*.yaml");
        check.setCheckEndpoints(false);
        check.setFailOn("never");
        return check;
    }

    @Test
    void inventoriesChecksEachClusterAndAnUnreachableOneIsAnErrorRowOfThatCluster() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) run(fleetCheck());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> clusters = (List<Map<String, Object>>) summary.get("clusters");
        assertEquals(
                List.of("east", "west"),
                clusters.stream().map(c -> c.get("cluster")).toList(),
                summary.toString());
        assertEquals("expired", clusters.get(0).get("result"), "east was read: its certificates have expired");
        assertEquals(
                "error", clusters.get(1).get("result"), "west refused the key: error rows, not the end of the run");
        assertTrue((Integer) summary.get("expired") > 0, summary.toString());
        assertTrue(Files.isRegularFile(workspace.resolve("cert-expiry/east/expiry-report.json")));
        assertTrue(Files.isRegularFile(workspace.resolve("cert-expiry/west/expiry-report.html")));
        JsonNode fleet = new ObjectMapper()
                .readTree(workspace.resolve("cert-expiry/fleet-report.json").toFile());
        assertEquals(2, fleet.path("summary").path("clusters").asInt());
        assertTrue(Files.readString(workspace.resolve("cert-expiry/fleet-report.html"))
                .contains("west/expiry-report.html"));
        assertEquals(Result.UNSTABLE, run.getResult());
        WarningAction warning = lastContext.flowNode.getAction(WarningAction.class);
        assertNotNull(warning);
        assertTrue(warning.getMessage().contains("could not be checked"), warning.getMessage());
        assertTrue(lastContext.listener.text().contains("Not checked: west master-0"), lastContext.listener.text());
    }

    @Test
    void mergeCertExpiryReportsMergesTheClustersReportsThroughTheChannel() throws Exception {
        run(fleetCheck());
        MergeCertExpiryReportsStep merge = new MergeCertExpiryReportsStep("cert-expiry/*/expiry-report.json");
        merge.setFailOn("never");
        merge.setUnstableOn("never");
        merge.setPrometheusFile("metrics/openshift-cert-expiry.prom");
        Files.createDirectories(workspace.resolve("metrics"));
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) run(merge);
        assertEquals("error", summary.get("result"), "the worst cluster's result");
        assertEquals(2, ((List<?>) summary.get("clusters")).size(), summary.toString());
        assertTrue(Files.isRegularFile(workspace.resolve("cert-expiry-fleet/fleet-report.json")));
        assertTrue(Files.isRegularFile(workspace.resolve("cert-expiry-fleet/east/expiry-report.html")));
        assertTrue(Files.readString(workspace.resolve("metrics/openshift-cert-expiry.prom"))
                .contains("cluster=\"east\""));
    }

    @Test
    void mergeCertExpiryReportsFailsAtFailOn() throws Exception {
        run(fleetCheck());
        MergeCertExpiryReportsStep merge = new MergeCertExpiryReportsStep("cert-expiry/*/expiry-report.json");
        AbortException failure = assertThrows(AbortException.class, () -> run(merge));
        assertTrue(
                failure.getMessage()
                        .contains("are expired or worse (failOn: 'expired'); see cert-expiry-fleet/fleet-report.json"),
                failure.getMessage());
    }

    @Test
    void aGlobMatchingNoInventoryIsRefusedNamingIt() {
        CheckCertExpiryStep check = fleetCheck();
        check.setInventories("elsewhere/*.yaml");
        AbortException failure = assertThrows(AbortException.class, () -> run(check));
        assertTrue(
                failure.getMessage().startsWith("inventories: 'elsewhere/*.yaml' matches no file in the workspace"),
                failure.getMessage());
    }

    @Test
    void twoInventoriesOfOneClusterAreRefusedNamingBoth() throws Exception {
        Files.writeString(workspace.resolve("clusters/east-copy.yaml"), "name: east\n" + jenkinsInventory(east));
        AbortException failure = assertThrows(AbortException.class, () -> run(fleetCheck()));
        assertTrue(
                failure.getMessage().contains("clusters/east-copy.yaml and clusters/east.yaml are both cluster 'east'"),
                failure.getMessage());
    }

    @Test
    void inventoriesWithAnInventoryIsRefused() {
        CheckCertExpiryStep check = fleetCheck();
        check.setInventory("clusters/east.yaml");
        AbortException failure = assertThrows(AbortException.class, () -> check.task());
        assertTrue(
                failure.getMessage().startsWith("inventories / cluster / inventory: give the clusters once"),
                failure.getMessage());
    }

    @Test
    void mergeArgumentsOutsideTheWorkspaceAreRefused() {
        AbortException failure = assertThrows(
                AbortException.class,
                () -> new MergeCertExpiryReportsStep("../*.json")
                        .task(new hudson.FilePath(workspace.toFile()), new hudson.EnvVars(), new RecordingListener()));
        assertTrue(failure.getMessage().startsWith("reports: '../*.json' must be a glob"), failure.getMessage());
    }

    @Test
    void aMalformedPushgatewayUrlIsRefusedBeforeAnyCheck() {
        CheckCertExpiryStep check = fleetCheck();
        check.setPushgatewayUrl("http://user:secret@pushgateway:9091");
        AbortException failure = assertThrows(AbortException.class, () -> check.task());
        assertTrue(failure.getMessage().startsWith("pushgatewayUrl: "), failure.getMessage());
        assertFalse(failure.getMessage().contains("secret"), failure.getMessage());
    }

    @Test
    void theFleetPipelineInTheDocsCallsBothStepsWithArgumentsTheyAccept() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "scheduled-check.md"));
        int start = doc.indexOf("```groovy\n", doc.indexOf("## A fleet"));
        String pipeline = doc.substring(start, doc.indexOf("\n```\n", start + 10));
        Set<String> merge = new TreeSet<>(JenkinsfileExampleTest.acceptedArguments(CheckCertExpiryStep.class));
        merge.retainAll(Set.of("reportDir", "failOn", "unstableOn", "prometheusFile", "pushgatewayUrl"));
        merge.add("reports");
        assertEquals(List.of(), unaccepted(pipeline, "mergeCertExpiryReports", merge));
        assertEquals(
                List.of(),
                unaccepted(
                        pipeline,
                        "checkCertExpiry",
                        JenkinsfileExampleTest.acceptedArguments(CheckCertExpiryStep.class)));
        for (Method setter : MergeCertExpiryReportsStep.class.getMethods()) {
            if (setter.getAnnotation(DataBoundSetter.class) != null) {
                assertTrue(
                        merge.contains(Character.toLowerCase(setter.getName().charAt(3))
                                + setter.getName().substring(4)),
                        setter.getName());
            }
        }
    }

    /** The named arguments of the call of {@code step} in the text that {@code accepted} lacks; fails when it is not called. */
    private static List<String> unaccepted(String text, String step, Set<String> accepted) {
        int open = text.indexOf(step + "(");
        assertTrue(open >= 0, step + " is called");
        int depth = 0;
        int end = open + step.length();
        do {
            char c = text.charAt(end++);
            depth += c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
        } while (depth > 0);
        Matcher name = Pattern.compile("[(,]\\s*(\\w+)\\s*:").matcher(text.substring(open + step.length(), end));
        List<String> unaccepted = new ArrayList<>();
        while (name.find()) {
            if (!accepted.contains(name.group(1))) {
                unaccepted.add(name.group(1));
            }
        }
        return unaccepted;
    }
}
