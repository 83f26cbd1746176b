package io.jenkins.plugins.certrecovery.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rogue CSRs carry what a careful approver needs to refuse them, and blind approval (crc, kubevirtci) approves them all. */
class RogueCsrTest {
    @Test
    void roguesShowWhatGivesThemAwayAndBlindApprovalTakesThemAll() throws Exception {
        try (Sandbox sandbox = Sandbox.start(
                SandboxSpec.defaults().withoutSsh().withManualClock().withRogueCsrs(RogueCsr.values()))) {
            Map<RogueCsr, CsrStatus> rogues =
                    sandbox.csrs().stream().collect(Collectors.toMap(CsrStatus::rogue, Function.identity()));
            assertEquals(3, rogues.size());

            CsrStatus wrongRequestor = rogues.get(RogueCsr.WRONG_REQUESTOR_FOR_MASTER);
            assertEquals("system:node:master-0", wrongRequestor.commonName());
            assertEquals(List.of("system:nodes"), wrongRequestor.organizations());
            assertEquals("system:serviceaccount:default:default", wrongRequestor.username());

            CsrStatus unknownNode = rogues.get(RogueCsr.BOOTSTRAPPER_FOR_UNKNOWN_NODE);
            assertEquals(
                    "system:serviceaccount:openshift-machine-config-operator:node-bootstrapper",
                    unknownNode.username());
            assertTrue(!sandbox.hostNames().contains(unknownNode.commonName().replace("system:node:", "")));

            CsrStatus serverAuth = rogues.get(RogueCsr.CLIENT_CSR_WITH_SERVER_AUTH);
            assertEquals(
                    List.of("digital signature", "key encipherment", "client auth", "server auth"),
                    serverAuth.usages());
            assertEquals("system:node:worker-1", serverAuth.commonName());

            Steps.regenerated(sandbox);
            // The JSON an approver reads: v1beta1, usages and requestor in spec, the PEM request base64-encoded
            SshSession.Result json = Steps.root(sandbox, Steps.AS_ADMIN + "oc get csr -o json");
            assertEquals(0, json.exit(), json.all());
            JsonNode list = new ObjectMapper().readTree(json.out());
            assertEquals("List", list.path("kind").asText());
            for (JsonNode item : list.path("items")) {
                assertEquals(
                        "certificates.k8s.io/v1beta1", item.path("apiVersion").asText());
                String request = new String(
                        Base64.getDecoder()
                                .decode(item.path("spec").path("request").asText()),
                        StandardCharsets.UTF_8);
                assertTrue(request.startsWith("-----BEGIN CERTIFICATE REQUEST-----\n"), request);
                assertTrue(item.path("status").path("conditions").isMissingNode(), "pending CSRs have no conditions");
            }

            // The public scripts' way: everything pending gets approved, rogues included
            SshSession.Result blind = Steps.root(
                    sandbox, "export " + Steps.AS_ADMIN + "; oc get csr -o name | xargs oc adm certificate approve");
            assertEquals(0, blind.exit(), blind.all());
            assertTrue(
                    sandbox.csrs().stream().allMatch(CsrStatus::issued),
                    "after regeneration the signer issues them at approval: " + sandbox.csrs());
            SshSession.Result table = Steps.root(sandbox, Steps.AS_ADMIN + "oc get csr");
            assertTrue(table.out().matches("(?s)NAME {8}AGE +REQUESTOR +CONDITION\n.*"), table.out());
            assertEquals(
                    3,
                    table.out()
                            .lines()
                            .filter(l -> l.endsWith("   Approved,Issued"))
                            .count(),
                    table.out());
            // a rogue does not make its node Ready
            assertTrue(sandbox.nodes().stream().noneMatch(n -> n.name().equals("master-0") && n.ready()));
        }
    }

    @Test
    void rogueCanBeAddedWhileTheClusterRuns() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withoutSsh())) {
            assertTrue(sandbox.csrs().isEmpty());
            CsrStatus added = sandbox.addRogueCsr(RogueCsr.WRONG_REQUESTOR_FOR_MASTER);
            assertEquals(List.of(added), sandbox.csrs());
            assertEquals("Pending", added.condition());
        }
    }
}
