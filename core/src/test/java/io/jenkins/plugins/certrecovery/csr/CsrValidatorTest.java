package io.jenkins.plugins.certrecovery.csr;

import static io.jenkins.plugins.certrecovery.csr.CsrFixtures.BOOTSTRAPPER;
import static io.jenkins.plugins.certrecovery.csr.CsrFixtures.BOOTSTRAPPER_GROUPS;
import static io.jenkins.plugins.certrecovery.csr.CsrFixtures.CLIENT_SIGNER;
import static io.jenkins.plugins.certrecovery.csr.CsrFixtures.CLIENT_USAGES;
import static io.jenkins.plugins.certrecovery.csr.CsrFixtures.KUBE_APISERVER_CLIENT_SIGNER;
import static io.jenkins.plugins.certrecovery.csr.CsrFixtures.NODE_GROUPS;
import static io.jenkins.plugins.certrecovery.csr.CsrFixtures.OVN_USAGES;
import static io.jenkins.plugins.certrecovery.csr.CsrFixtures.SERVING_SIGNER;
import static io.jenkins.plugins.certrecovery.csr.CsrFixtures.SERVING_USAGES;
import static io.jenkins.plugins.certrecovery.csr.CsrFixtures.pem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CsrValidatorTest {
    private static final String T0 = "2020-02-10T10:00:00Z";
    private static final String NODES_JSON = """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"kind": "Node", "metadata": {"name": "master-0"},
               "status": {"addresses": [{"type": "InternalIP", "address": "10.0.0.10"},
                                        {"type": "Hostname", "address": "master-0.ocp.example.com"}],
                          "conditions": [{"type": "MemoryPressure", "status": "False"}, {"type": "Ready", "status": "True"}]}},
              {"kind": "Node", "metadata": {"name": "worker-0"},
               "status": {"addresses": [{"type": "InternalIP", "address": "fd00::20"}, {"type": "ExternalIP", "address": "203.0.113.20"}],
                          "conditions": [{"type": "Ready", "status": "Unknown"}]}}]}
            """;

    private final OcJson oc = new OcJson();
    private final Inventory inventory =
            new InventoryLoader(InventoryLoader.Caller.CLI, Path.of("/nonexistent")).fromYaml("""
            ocpVersion: "4.3"
            releaseImage: quay.io/openshift-release-dev/ocp-release:4.3.0-x86_64
            masters: [{name: master-0, host: 10.0.0.10}, {name: master-1, host: master-1.ocp.example.com}]
            workers: [{name: worker-0, host: 10.0.0.20}]
            """, "test");
    private final CsrValidator validator = CsrValidator.forInventory(inventory, oc.parseNodes(NODES_JSON));

    private static String client(String node) {
        return pem("O=system:nodes,CN=system:node:" + node);
    }

    private Map<String, CsrVerdict> review(CsrFixtures fixtures) {
        return validator.review(oc.parseCsrs(fixtures.json())).stream()
                .collect(Collectors.toMap(CsrVerdict::name, Function.identity()));
    }

    private static void assertRefused(CsrVerdict verdict, String reasonFragment) {
        assertFalse(verdict.valid(), verdict.toString());
        assertTrue(
                verdict.reasons().stream().anyMatch(r -> r.contains(reasonFragment)),
                () -> "expected a reason containing '" + reasonFragment + "' in " + verdict.reasons());
    }

    private static String ovn(String node) {
        return pem("O=system:ovn-nodes,CN=system:ovn-node:" + node);
    }

    private CsrVerdict v1Verdict(CsrFixtures fixtures) {
        return validator.verdict(oc.parseCsrs(fixtures.json()).get(0));
    }

    @Test
    void aServingRequestUnderTheKubeletClientSignerIsRefused() {
        CsrVerdict verdict = v1Verdict(new CsrFixtures()
                .v1(
                        "csr-x",
                        T0,
                        "system:node:master-0",
                        NODE_GROUPS,
                        SERVING_USAGES,
                        CLIENT_SIGNER,
                        pem("O=system:nodes,CN=system:node:master-0", "DNS:master-0"),
                        false));
        assertEquals(CsrKind.NODE_CLIENT, verdict.kind(), "the signer decides the kind");
        assertRefused(
                verdict,
                "signerName kubernetes.io/kube-apiserver-client-kubelet is for node client requests, but this one");
        assertRefused(verdict, "is a node serving request");
    }

    @Test
    void aClientRequestUnderTheKubeletServingSignerIsRefused() {
        CsrVerdict verdict = v1Verdict(new CsrFixtures()
                .v1(
                        "csr-x",
                        T0,
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        SERVING_SIGNER,
                        client("worker-0"),
                        false));
        assertEquals(CsrKind.NODE_SERVING, verdict.kind());
        assertRefused(verdict, "signerName kubernetes.io/kubelet-serving is for node serving requests, but this one");
    }

    @Test
    void anOvnNodeClientRequestOfAnInventoryNodeForItselfIsValid() {
        CsrVerdict verdict = v1Verdict(new CsrFixtures()
                .v1(
                        "csr-ovn",
                        T0,
                        "system:node:worker-0",
                        NODE_GROUPS,
                        OVN_USAGES,
                        KUBE_APISERVER_CLIENT_SIGNER,
                        ovn("worker-0"),
                        false)
                .expiring(86400));
        assertEquals(
                new CsrVerdict(
                        "csr-ovn",
                        CsrKind.OVN_NODE_CLIENT,
                        "worker-0",
                        "system:node:worker-0",
                        "Pending",
                        true,
                        false,
                        List.of()),
                verdict);
    }

    @Test
    void anOvnRequestOfOneNodeForAnotherNodesIdentityIsRefused() {
        CsrVerdict verdict = v1Verdict(new CsrFixtures()
                .v1(
                        "csr-ovn",
                        T0,
                        "system:node:worker-0",
                        NODE_GROUPS,
                        OVN_USAGES,
                        KUBE_APISERVER_CLIENT_SIGNER,
                        ovn("master-0"),
                        false));
        assertEquals(CsrKind.OVN_NODE_CLIENT, verdict.kind());
        assertRefused(
                verdict,
                "requested by system:node:worker-0 for node 'master-0': a node asks only for its own OVN identity");
    }

    @Test
    void anOvnRequestFromAnythingButANodeIsRefused() {
        CsrVerdict verdict = v1Verdict(new CsrFixtures()
                .v1(
                        "csr-ovn",
                        T0,
                        "system:serviceaccount:default:builder",
                        List.of("system:serviceaccounts", "system:authenticated"),
                        OVN_USAGES,
                        KUBE_APISERVER_CLIENT_SIGNER,
                        ovn("worker-0"),
                        false));
        assertRefused(verdict, "an OVN node client certificate is requested by the node itself");
    }

    @Test
    void anOvnRequestWithAnotherOrganizationBesideOvnNodesIsRefused() {
        CsrVerdict verdict = v1Verdict(new CsrFixtures()
                .v1(
                        "csr-ovn",
                        T0,
                        "system:node:worker-0",
                        NODE_GROUPS,
                        OVN_USAGES,
                        KUBE_APISERVER_CLIENT_SIGNER,
                        pem("O=system:masters,O=system:ovn-nodes,CN=system:ovn-node:worker-0"),
                        false));
        assertEquals(CsrKind.OVN_NODE_CLIENT, verdict.kind());
        assertRefused(verdict, "must be exactly [system:ovn-nodes]");
    }

    @Test
    void anOvnRequestAskingForMoreThanClientAuthIsRefused() {
        CsrVerdict verdict = v1Verdict(new CsrFixtures()
                .v1(
                        "csr-ovn",
                        T0,
                        "system:node:worker-0",
                        NODE_GROUPS,
                        List.of("digital signature", "client auth", "server auth"),
                        KUBE_APISERVER_CLIENT_SIGNER,
                        ovn("worker-0"),
                        false));
        assertRefused(
                verdict,
                "usages [digital signature, client auth, server auth] are not exactly [client auth, digital signature]");
    }

    @Test
    void anOvnRequestWithASubjectAlternativeNameIsRefused() {
        CsrVerdict verdict = v1Verdict(new CsrFixtures()
                .v1(
                        "csr-ovn",
                        T0,
                        "system:node:worker-0",
                        NODE_GROUPS,
                        OVN_USAGES,
                        KUBE_APISERVER_CLIENT_SIGNER,
                        pem("O=system:ovn-nodes,CN=system:ovn-node:worker-0", "DNS:worker-0"),
                        false));
        assertRefused(verdict, "an OVN node client request has no subject alternative names");
    }

    @Test
    void aKubeApiserverClientRequestForAnyOtherIdentityIsNeverApproved() {
        CsrVerdict verdict = v1Verdict(new CsrFixtures()
                .v1(
                        "csr-admin",
                        T0,
                        "system:node:worker-0",
                        NODE_GROUPS,
                        OVN_USAGES,
                        KUBE_APISERVER_CLIENT_SIGNER,
                        pem("O=system:masters,CN=system:admin"),
                        false));
        assertEquals(CsrKind.OTHER, verdict.kind());
        assertRefused(verdict, "never approves it");
    }

    @Test
    void aRequestForLongerThanTheClusterSigningDurationIsRefused() {
        CsrVerdict tooLong = v1Verdict(new CsrFixtures()
                .v1(
                        "csr-long",
                        T0,
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        CLIENT_SIGNER,
                        client("worker-0"),
                        false)
                .expiring(720 * 3600 + 1));
        assertRefused(tooLong, "spec.expirationSeconds 2592001 (720h) is above the cluster's signing duration 720h");
        CsrVerdict atLimit = v1Verdict(new CsrFixtures()
                .v1(
                        "csr-30d",
                        T0,
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        CLIENT_SIGNER,
                        client("worker-0"),
                        false)
                .expiring(720 * 3600));
        assertTrue(atLimit.valid(), atLimit.reasons().toString());
    }

    @Test
    void theSigningDurationIsAParameter() {
        CsrValidator shortSigning = new CsrValidator(
                NodeAddresses.forInventory(inventory, List.of()),
                CsrValidator.DEFAULT_MAX_PENDING,
                Duration.ofHours(24));
        CsrVerdict verdict = shortSigning.verdict(oc.parseCsrs(new CsrFixtures()
                        .v1(
                                "csr-2d",
                                T0,
                                BOOTSTRAPPER,
                                BOOTSTRAPPER_GROUPS,
                                CLIENT_USAGES,
                                CLIENT_SIGNER,
                                client("worker-0"),
                                false)
                        .expiring(48 * 3600)
                        .json())
                .get(0));
        assertRefused(verdict, "above the cluster's signing duration 24h");
    }

    @Test
    void aV1beta1RequestWithoutSignerKeepsTheContentRules() {
        CsrVerdict verdict = validator.verdict(oc.parseCsrs(new CsrFixtures()
                        .v1beta1("csr-old", T0, "system:node:worker-0", NODE_GROUPS, OVN_USAGES, ovn("worker-0"))
                        .json())
                .get(0));
        assertEquals(CsrKind.NODE_CLIENT, verdict.kind(), "without a signer an OVN identity is not a kind of its own");
        assertRefused(verdict, "must be exactly [system:nodes]");
    }

    @Test
    void validClientAndServingRequestsOf43AreAccepted() {
        Map<String, CsrVerdict> verdicts = review(new CsrFixtures()
                .v1beta1("csr-client", T0, BOOTSTRAPPER, BOOTSTRAPPER_GROUPS, CLIENT_USAGES, client("master-0"))
                .v1beta1(
                        "csr-serving",
                        T0,
                        "system:node:master-0",
                        NODE_GROUPS,
                        SERVING_USAGES,
                        pem(
                                "O=system:nodes,CN=system:node:master-0",
                                "DNS:master-0",
                                "DNS:Master-0.ocp.example.com",
                                "IP:10.0.0.10"))
                .v1beta1(
                        "csr-serving-ipv6",
                        T0,
                        "system:node:worker-0",
                        List.of("system:authenticated", "system:nodes"),
                        List.of("server auth", "digital signature", "key encipherment"),
                        pem(
                                "O=system:nodes,CN=system:node:worker-0",
                                "IP:fd00:0:0:0:0:0:0:20",
                                "IP:203.0.113.20",
                                "IP:10.0.0.20")));

        CsrVerdict clientVerdict = verdicts.get("csr-client");
        assertEquals(
                new CsrVerdict(
                        "csr-client", CsrKind.NODE_CLIENT, "master-0", BOOTSTRAPPER, "Pending", true, false, List.of()),
                clientVerdict);
        assertEquals(
                new CsrVerdict(
                        "csr-serving",
                        CsrKind.NODE_SERVING,
                        "master-0",
                        "system:node:master-0",
                        "Pending",
                        true,
                        false,
                        List.of()),
                verdicts.get("csr-serving"));
        assertTrue(
                verdicts.get("csr-serving-ipv6").valid(),
                verdicts.get("csr-serving-ipv6").reasons().toString());
    }

    @Test
    void v1RequestsAreClassifiedBySignerAndConditionsShowAsOcPrintsThem() {
        List<CertificateSigningRequest> csrs = oc.parseCsrs(new CsrFixtures()
                .v1(
                        "a",
                        T0,
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        "kubernetes.io/kube-apiserver-client-kubelet",
                        client("worker-0"),
                        false)
                .v1(
                        "b",
                        T0,
                        "system:node:worker-0",
                        NODE_GROUPS,
                        SERVING_USAGES,
                        "kubernetes.io/kubelet-serving",
                        pem("O=system:nodes,CN=system:node:worker-0", "IP:10.0.0.20"),
                        true,
                        "Approved")
                .v1(
                        "c",
                        T0,
                        "system:admin",
                        List.of("system:masters"),
                        CLIENT_USAGES,
                        "example.com/custom",
                        client("x"),
                        false,
                        "Denied")
                .v1(
                        "d",
                        T0,
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        "kubernetes.io/kube-apiserver-client-kubelet",
                        client("worker-0"),
                        false,
                        "Approved")
                .v1(
                        "e",
                        T0,
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        "kubernetes.io/kube-apiserver-client-kubelet",
                        client("worker-0"),
                        false,
                        "Approved",
                        "Failed")
                .json());
        assertEquals(
                List.of("Pending", "Approved,Issued", "Denied", "Approved", "Approved,Failed"),
                csrs.stream().map(CertificateSigningRequest::condition).toList());
        assertEquals("kubernetes.io/kubelet-serving", csrs.get(1).signerName());
        assertEquals(CsrKind.NODE_CLIENT, validator.verdict(csrs.get(0)).kind());
        assertTrue(validator.verdict(csrs.get(0)).valid());
        assertEquals(CsrKind.NODE_SERVING, validator.verdict(csrs.get(1)).kind());
        CsrVerdict custom = validator.verdict(csrs.get(2));
        assertEquals(CsrKind.OTHER, custom.kind());
        assertRefused(custom, "never approves it");
        assertEquals(
                List.of("a"),
                validator.review(csrs).stream().map(CsrVerdict::name).toList(),
                "only pending CSRs get a verdict");
    }

    @Test
    void rogueRequestsAreRefusedWithReasons() {
        Map<String, CsrVerdict> verdicts = review(new CsrFixtures()
                .v1beta1(
                        "wrong-requestor",
                        T0,
                        "system:serviceaccount:default:builder",
                        List.of("system:serviceaccounts", "system:authenticated"),
                        CLIENT_USAGES,
                        client("master-0"))
                .v1beta1(
                        "node-asks-master-serving",
                        T0,
                        "system:node:worker-0",
                        NODE_GROUPS,
                        SERVING_USAGES,
                        pem("O=system:nodes,CN=system:node:master-0", "IP:10.0.0.10"))
                .v1beta1("unknown-node", T0, BOOTSTRAPPER, BOOTSTRAPPER_GROUPS, CLIENT_USAGES, client("worker-9"))
                .v1beta1(
                        "client-asks-server-auth",
                        T0,
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        List.of("digital signature", "key encipherment", "client auth", "server auth"),
                        client("worker-0"))
                .v1beta1(
                        "client-with-san",
                        T0,
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        pem("O=system:nodes,CN=system:node:worker-0", "DNS:evil.example.com"))
                .v1beta1(
                        "extra-san",
                        T0,
                        "system:node:master-0",
                        NODE_GROUPS,
                        SERVING_USAGES,
                        pem(
                                "O=system:nodes,CN=system:node:master-0",
                                "DNS:master-0",
                                "DNS:api.ocp.example.com",
                                "IP:10.0.0.99"))
                .v1beta1(
                        "serving-uri-san",
                        T0,
                        "system:node:master-0",
                        NODE_GROUPS,
                        SERVING_USAGES,
                        pem("O=system:nodes,CN=system:node:master-0", "DNS:master-0", "URI:spiffe://x"))
                .v1beta1(
                        "serving-without-san",
                        T0,
                        "system:node:master-0",
                        NODE_GROUPS,
                        SERVING_USAGES,
                        pem("O=system:nodes,CN=system:node:master-0"))
                .v1beta1(
                        "wrong-o",
                        T0,
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        pem("O=system:masters,CN=system:node:master-0"))
                .v1beta1(
                        "two-o",
                        T0,
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        pem("O=system:masters,O=system:nodes,CN=system:node:master-0"))
                .v1beta1(
                        "cn-not-node",
                        T0,
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        pem("O=system:nodes,CN=admin"))
                .v1beta1(
                        "extra-group",
                        T0,
                        BOOTSTRAPPER,
                        List.of(
                                "system:serviceaccounts:openshift-machine-config-operator",
                                "system:serviceaccounts",
                                "system:authenticated",
                                "system:masters"),
                        CLIENT_USAGES,
                        client("worker-0"))
                .v1beta1(
                        "serving-groups",
                        T0,
                        "system:node:master-0",
                        List.of("system:nodes"),
                        SERVING_USAGES,
                        pem("O=system:nodes,CN=system:node:master-0", "DNS:master-0"))
                .v1beta1("garbage", T0, BOOTSTRAPPER, BOOTSTRAPPER_GROUPS, CLIENT_USAGES, "not a PEM at all")
                .v1beta1(
                        "certificate-not-request",
                        T0,
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n")
                .v1beta1(
                        "two-requests",
                        T0,
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        client("worker-0") + client("worker-0"))
                .v1beta1(
                        "unrelated",
                        T0,
                        "system:serviceaccount:ns:app",
                        List.of("system:authenticated"),
                        CLIENT_USAGES,
                        pem("O=example,CN=app")));

        assertEquals(CsrKind.NODE_CLIENT, verdicts.get("wrong-requestor").kind());
        assertRefused(verdicts.get("wrong-requestor"), "requested by system:serviceaccount:default:builder");
        assertRefused(verdicts.get("wrong-requestor"), "groups");
        assertEquals("master-0", verdicts.get("wrong-requestor").node());
        assertRefused(verdicts.get("node-asks-master-serving"), "differs from the requestor system:node:worker-0");
        assertRefused(verdicts.get("unknown-node"), "asks for node 'worker-9', which is not in the inventory");
        assertRefused(verdicts.get("client-asks-server-auth"), "usages");
        assertRefused(verdicts.get("client-with-san"), "this one asks for DNS:evil.example.com");
        CsrVerdict extraSan = verdicts.get("extra-san");
        assertRefused(extraSan, "DNS name 'api.ocp.example.com' is not a name of node master-0");
        assertRefused(extraSan, "IP address 10.0.0.99 is not an address of node master-0");
        assertEquals(2, extraSan.reasons().size(), extraSan.reasons().toString());
        assertRefused(verdicts.get("serving-uri-san"), "spiffe://x");
        assertRefused(verdicts.get("serving-without-san"), "at least one DNS name or IP address");
        assertRefused(verdicts.get("wrong-o"), "subject O is [system:masters]");
        assertRefused(verdicts.get("two-o"), "must be exactly [system:nodes]");
        assertRefused(verdicts.get("cn-not-node"), "subject CN is [admin]");
        assertRefused(verdicts.get("extra-group"), "groups");
        assertRefused(verdicts.get("serving-groups"), "groups [system:nodes] are not exactly");
        assertRefused(verdicts.get("garbage"), "holds no PEM block");
        assertRefused(verdicts.get("certificate-not-request"), "not a readable PEM certificate request");
        assertRefused(verdicts.get("two-requests"), "more than one PEM block");
        assertEquals(CsrKind.OTHER, verdicts.get("unrelated").kind());
        assertRefused(verdicts.get("unrelated"), "never approves it");
    }

    @Test
    void aRequestWhoseSignatureDoesNotVerifyIsRefused() {
        CsrVerdict verdict = validator.verdict(oc.parseCsrs(new CsrFixtures()
                        .v1beta1(
                                "forged",
                                T0,
                                BOOTSTRAPPER,
                                BOOTSTRAPPER_GROUPS,
                                CLIENT_USAGES,
                                CsrFixtures.withSignatureOf(client("worker-0"), client("master-0")))
                        .json())
                .get(0));
        assertRefused(verdict, "signature does not verify");
    }

    @Test
    void approvalTakesOnlyAskedNamesThatAreStillPendingAndValid() {
        String fresh = new CsrFixtures()
                .v1beta1("csr-ok", T0, BOOTSTRAPPER, BOOTSTRAPPER_GROUPS, CLIENT_USAGES, client("master-1"))
                .v1beta1("csr-ok-not-asked", T0, BOOTSTRAPPER, BOOTSTRAPPER_GROUPS, CLIENT_USAGES, client("worker-0"))
                .v1beta1(
                        "csr-rogue",
                        T0,
                        "system:serviceaccount:default:x",
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        client("master-0"))
                .v1beta1(
                        "csr-done",
                        T0,
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        client("master-0"),
                        "Approved")
                .json();
        ApprovalSelection selection =
                validator.select(List.of("csr-ok", "csr-rogue", "csr-done", "csr-gone", "csr-ok"), oc.parseCsrs(fresh));
        assertEquals(List.of("csr-ok"), selection.namesToApprove());
        assertEquals(
                List.of("csr-rogue", "csr-done", "csr-gone"),
                selection.refused().stream()
                        .map(ApprovalSelection.Refusal::name)
                        .toList());
        assertTrue(
                selection.refused().get(0).reasons().get(0).contains("requested by system:serviceaccount:default:x"));
        assertTrue(selection.refused().get(1).reasons().get(0).contains("is Approved, not Pending"));
        assertTrue(selection.refused().get(2).reasons().get(0).contains("no CSR named 'csr-gone'"));
        assertTrue(
                validator.select(List.of(), oc.parseCsrs(fresh)).approve().isEmpty(),
                "nothing asked, nothing approved");
    }

    @Test
    void onlyTheNewestPendingRequestsUpToTheCapAreExamined() {
        CsrValidator capped = new CsrValidator(
                NodeAddresses.forInventory(inventory, List.of()), 2, CsrValidator.DEFAULT_CLUSTER_SIGNING_DURATION);
        String json = new CsrFixtures()
                .v1beta1(
                        "old",
                        "2020-02-10T09:00:00Z",
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        client("master-0"))
                .v1beta1(
                        "new",
                        "2020-02-10T11:00:00Z",
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        client("master-1"))
                .v1beta1(
                        "middle",
                        "2020-02-10T10:00:00Z",
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        client("worker-0"))
                .json();
        List<CsrVerdict> verdicts = capped.review(oc.parseCsrs(json));
        assertEquals(
                List.of("old", "new", "middle"),
                verdicts.stream().map(CsrVerdict::name).toList());
        assertTrue(verdicts.get(0).skipped());
        assertFalse(verdicts.get(0).valid());
        assertTrue(verdicts.get(0).reasons().get(0).contains("3 CSRs are pending and at most 2"));
        assertTrue(verdicts.get(1).valid() && verdicts.get(2).valid());
        ApprovalSelection selection = capped.select(List.of("old"), oc.parseCsrs(json));
        assertTrue(selection.approve().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new CsrValidator(Map.of(), 0, Duration.ofHours(720)));
    }

    @Test
    void nodesJsonGivesAddressesAndReadiness() {
        List<NodeStatus> nodes = oc.parseNodes(NODES_JSON);
        assertEquals(
                List.of("master-0", "worker-0"),
                nodes.stream().map(NodeStatus::name).toList());
        assertTrue(nodes.get(0).ready());
        assertFalse(nodes.get(1).ready());
        assertEquals(
                new NodeStatus.Address("Hostname", "master-0.ocp.example.com"),
                nodes.get(0).addresses().get(1));
        NodeAddresses master0 = NodeAddresses.forInventory(inventory, nodes).get("master-0");
        assertTrue(master0.allowsDnsName("MASTER-0.ocp.example.com"));
        assertTrue(master0.allowsDnsName("master-0"));
        assertFalse(master0.allowsDnsName("master-1.ocp.example.com"));
        NodeAddresses master1 = NodeAddresses.forInventory(inventory, nodes).get("master-1");
        assertTrue(
                master1.allowsDnsName("master-1.ocp.example.com"), "the inventory host counts as the node's own name");
    }

    @Test
    void malformedOcOutputIsRefusedClearly() {
        IllegalArgumentException notJson =
                assertThrows(IllegalArgumentException.class, () -> oc.parseCsrs("error: You must be"));
        assertTrue(notJson.getMessage().contains("`oc get csr -o json` is not JSON"), notJson.getMessage());
        assertThrows(IllegalArgumentException.class, () -> oc.parseNodes("[]"));
        assertThrows(IllegalArgumentException.class, () -> oc.parseCsrs("{\"kind\": \"Pod\"}"));
        assertEquals(0, oc.parseCsrs("{\"kind\": \"List\", \"items\": []}").size());
        CertificateSigningRequest single = oc.parseCsrs(new String(
                        ("{\"kind\": \"CertificateSigningRequest\", \"metadata\": "
                                        + "{\"name\": \"csr-x\"}, \"spec\": {\"request\": \"%%%\", \"username\": \"u\"}}")
                                .getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8))
                .get(0);
        assertEquals("csr-x", single.name());
        assertRefusedGarbage(validator.verdict(single));
    }

    private static void assertRefusedGarbage(CsrVerdict verdict) {
        assertFalse(verdict.valid());
        assertEquals(CsrKind.OTHER, verdict.kind());
        assertTrue(
                verdict.reasons().get(0).contains("spec.request"),
                verdict.reasons().toString());
    }
}
