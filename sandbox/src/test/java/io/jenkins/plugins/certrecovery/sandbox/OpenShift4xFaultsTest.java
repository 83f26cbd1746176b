package io.jenkins.plugins.certrecovery.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;

/** What differs on 4.6+ after a shutdown, and what goes wrong there, driven with the tools as root on master-0 (manual clock). */
class OpenShift4xFaultsTest {
    private static final String LOCALHOST_RECOVERY = OpenShift4xProcedureTest.LOCALHOST_RECOVERY;
    private static final String AS_ADMIN = "KUBECONFIG=" + LOCALHOST_RECOVERY + " ";

    private static Sandbox start(SandboxSpec spec) throws IOException {
        return Sandbox.startWithoutSsh(spec.withManualClock());
    }

    private static SshSession.Result root(Sandbox sandbox, String command) throws IOException {
        return Steps.root(sandbox, command);
    }

    private static void awaitApi(Sandbox sandbox) throws Exception {
        sandbox.await(
                "kube-apiserver to answer on master-0",
                Duration.ofSeconds(20),
                () -> root(sandbox, AS_ADMIN + "oc get nodes").exit() == 0);
    }

    @Test
    void recoveryApiserverIsAnUnknownCommandOfThe46PlusOperatorImage() throws Exception {
        try (Sandbox sandbox =
                start(SandboxSpec.defaults().withOpenShiftVersion("4.6").withNodes(1, 0))) {
            SshSession.Result create = root(sandbox, Steps.podmanRun(sandbox) + "recovery-apiserver create");
            assertEquals(1, create.exit(), create.all());
            assertEquals("", create.out());
            String message = "unknown command \"recovery-apiserver\" for \"cluster-kube-apiserver-operator\"";
            assertEquals(
                    "Error: " + message + "\nRun 'cluster-kube-apiserver-operator --help' for usage.\n" + message
                            + "\n",
                    create.err());
            assertFalse(Files.exists(
                    sandbox.hostPath("master-0", "/etc/kubernetes/manifests/recovery-kube-apiserver-pod.yaml")));
        }
    }

    @Test
    void nodeBootstrapperKubeconfigListsCsrsButIsForbiddenToApproveThem() throws Exception {
        try (Sandbox sandbox =
                start(SandboxSpec.defaults().withOpenShiftVersion("4.10").withNodes(1, 0))) {
            awaitApi(sandbox);
            SshSession.Result none = root(sandbox, "oc --kubeconfig /etc/kubernetes/kubeconfig get csr");
            assertEquals(
                    "No resources found\n",
                    none.err(),
                    "kubectl 1.17+ on a cluster-scoped resource, before the kubelet's CSR");
            sandbox.await(
                    "master-0's client CSR",
                    Duration.ofSeconds(20),
                    () -> !sandbox.csrs().isEmpty());
            String name = sandbox.csrs().get(0).name();
            SshSession.Result list = root(sandbox, "oc --kubeconfig /etc/kubernetes/kubeconfig get csr");
            assertEquals(0, list.exit(), list.all());
            assertTrue(list.out().contains(name), list.out());
            SshSession.Result approve =
                    root(sandbox, "oc --kubeconfig /etc/kubernetes/kubeconfig adm certificate approve " + name);
            assertEquals(1, approve.exit(), approve.all());
            assertEquals(
                    "Error from server (Forbidden): certificatesigningrequests.certificates.k8s.io \"" + name
                            + "\" is forbidden: "
                            + "User \"system:serviceaccount:openshift-machine-config-operator:node-bootstrapper\" cannot update resource "
                            + "\"certificatesigningrequests/approval\" in API group \"certificates.k8s.io\" at the cluster scope\n",
                    approve.err());
            assertFalse(sandbox.csrs().get(0).approved());
        }
    }

    @Test
    void localhostRecoveryClientExpiredAfter120DaysOffIsUnauthorizedUpTo415() throws Exception {
        try (Sandbox sandbox = start(SandboxSpec.defaults()
                .withOpenShiftVersion("4.15")
                .withNodes(1, 0)
                .withDaysOff(150))) {
            sandbox.clock().advance(sandbox.spec().apiserverStartDelay());
            SshSession.Result nodes = root(sandbox, AS_ADMIN + "oc get csr");
            assertEquals(1, nodes.exit(), nodes.all());
            assertEquals("error: You must be logged in to the server (Unauthorized)\n", nodes.err());
            X509Certificate client = adminClient(sandbox);
            assertEquals(
                    Duration.ofDays(120),
                    Duration.between(
                            client.getNotBefore().toInstant(),
                            client.getNotAfter().toInstant()));
        }
    }

    @Test
    void localhostRecoveryClientLivesTwoYearsFrom416() throws Exception {
        try (Sandbox sandbox = start(SandboxSpec.defaults()
                .withOpenShiftVersion("4.16")
                .withNodes(1, 0)
                .withDaysOff(150))) {
            awaitApi(sandbox);
            X509Certificate client = adminClient(sandbox);
            assertEquals(
                    Duration.ofDays(730),
                    Duration.between(
                            client.getNotBefore().toInstant(),
                            client.getNotAfter().toInstant()));
        }
    }

    @Test
    void expiredLocalhostRecoveryClientFaultIsUnauthorized() throws Exception {
        try (Sandbox sandbox = start(SandboxSpec.defaults()
                .withOpenShiftVersion("4.18")
                .withNodes(1, 0)
                .withExpiredLocalhostRecoveryClient())) {
            sandbox.clock().advance(sandbox.spec().apiserverStartDelay());
            SshSession.Result csrs = root(sandbox, AS_ADMIN + "oc get csr");
            assertEquals("error: You must be logged in to the server (Unauthorized)\n", csrs.err());
            assertEquals(1, csrs.exit());
            // The lb-int kubeconfig carries the same expired identity.
            SshSession.Result lbInt = root(
                    sandbox,
                    "oc --kubeconfig " + LOCALHOST_RECOVERY.replace("localhost-recovery", "lb-int") + " get csr");
            assertEquals("error: You must be logged in to the server (Unauthorized)\n", lbInt.err());
        }
    }

    @Test
    void expiredLocalhostRecoveryClientIsRenewedOnceTheMastersAreReady() throws Exception {
        try (Sandbox sandbox = start(SandboxSpec.defaults()
                .withOpenShiftVersion("4.18")
                .withNodes(1, 0)
                .withCertificatesExpired(false)
                .withExpiredLocalhostRecoveryClient())) {
            assertFalse(
                    adminClient(sandbox)
                            .getNotAfter()
                            .toInstant()
                            .isAfter(sandbox.clock().instant()),
                    "expired at the start");
            awaitApi(sandbox);
            assertTrue(
                    sandbox.node("master-0").ready(), "kubelet certificates valid: Ready as soon as the API answers");
            X509Certificate renewed = adminClient(sandbox);
            assertTrue(
                    renewed.getNotAfter()
                            .toInstant()
                            .isAfter(sandbox.clock().instant().plus(Duration.ofDays(729))),
                    "the operator renewed node-system-admin-client (2 years on 4.16+) and the cert-syncer rewrote the file");
        }
    }

    @Test
    void pendingClientCsrIsSupersededAfterTheRetryIntervalAndStaysPending() throws Exception {
        Duration retry = Duration.ofMinutes(5);
        try (Sandbox sandbox = start(SandboxSpec.defaults()
                .withOpenShiftVersion("4.9")
                .withNodes(1, 0)
                .withCsrRetryInterval(retry))) {
            sandbox.await(
                    "master-0's first client CSR",
                    Duration.ofSeconds(20),
                    () -> sandbox.csrs().size() == 1);
            sandbox.clock().advance(retry.minusMillis(1));
            assertEquals(1, sandbox.csrs().size(), "no second CSR before the retry interval");
            sandbox.clock().advance(Duration.ofMillis(1).plus(retry));
            List<CsrStatus> csrs = sandbox.csrs().stream()
                    .sorted(java.util.Comparator.comparing(CsrStatus::created))
                    .toList();
            assertEquals(3, csrs.size(), csrs.toString());
            assertTrue(csrs.stream()
                    .allMatch(c -> c.commonName().equals("system:node:master-0")
                            && c.pending()
                            && c.signerName().equals("kubernetes.io/kube-apiserver-client-kubelet")));
            String newest = csrs.get(2).name();
            SshSession.Result approve = root(sandbox, AS_ADMIN + "oc adm certificate approve " + newest);
            assertEquals(0, approve.exit(), approve.all());
            sandbox.await(
                    "master-0's serving CSR",
                    Duration.ofSeconds(20),
                    () -> sandbox.csrs().stream().anyMatch(CsrStatus::serving));
            for (CsrStatus old : List.of(csrs.get(0), csrs.get(1))) {
                CsrStatus now = sandbox.csrs().stream()
                        .filter(c -> c.name().equals(old.name()))
                        .findFirst()
                        .orElseThrow();
                assertTrue(now.pending(), "superseded " + now);
            }
            assertEquals(4, sandbox.csrs().size(), "no new client CSR once the client certificate is issued");
        }
    }

    @Test
    void rootLoginIsRefusedAsOnRhcos() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults()
                        .withOpenShiftVersion("4.14")
                        .withNodes(1, 0)
                        .withManualClock());
                SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier((session, address, key) -> true);
            client.start();
            try (ClientSession session = client.connect("root", "127.0.0.1", sandbox.sshPort("master-0"))
                    .verify(Duration.ofSeconds(10))
                    .getSession()) {
                session.addPublicKeyIdentity(sandbox.clientKeyPair());
                assertThrows(
                        org.apache.sshd.common.SshException.class,
                        () -> session.auth().verify(Duration.ofSeconds(10)));
            }
            try (SshSession core = new SshSession(sandbox, "master-0")) {
                assertEquals("root\n", core.run("sudo -n sh -c 'echo $USER'").out(), "core has passwordless sudo");
            }
        }
    }

    @Test
    void filesOnDiskFollowTheRelease() throws Exception {
        assertLayout(
                "4.7",
                "kube-apiserver-pod-7/secrets/kubelet-client/tls.crt",
                "etcd-certs/secrets/etcd-all-peer/etcd-peer-master-0.crt",
                "etcd-certs/configmaps/etcd-serving-ca/ca-bundle.crt");
        assertLayout(
                "4.8",
                "kube-apiserver-pod-7/secrets/kubelet-client/tls.crt",
                "etcd-certs/secrets/etcd-all-certs/etcd-peer-master-0.crt",
                "etcd-certs/configmaps/etcd-serving-ca/ca-bundle.crt");
        assertLayout(
                "4.9",
                "kube-apiserver-certs/secrets/kubelet-client/tls.crt",
                "etcd-certs/secrets/etcd-all-certs/etcd-serving-metrics-master-0.crt",
                "etcd-certs/configmaps/etcd-serving-ca/ca-bundle.crt");
        assertLayout(
                "4.17",
                "kube-apiserver-certs/secrets/kubelet-client/tls.crt",
                "etcd-certs/secrets/etcd-all-certs/etcd-serving-master-0.crt",
                "etcd-certs/configmaps/etcd-all-bundles/server-ca-bundle.crt");
    }

    private static void assertLayout(String version, String kubeletClient, String etcdLeaf, String etcdCa)
            throws Exception {
        try (Sandbox sandbox =
                start(SandboxSpec.defaults().withOpenShiftVersion(version).withNodes(1, 1))) {
            String resources = "/etc/kubernetes/static-pod-resources/";
            for (String file : List.of(
                    kubeletClient,
                    etcdLeaf,
                    etcdCa,
                    "kube-apiserver-pod-7/secrets/" + "localhost-recovery-serving-certkey/tls.crt",
                    "kube-apiserver-certs/secrets/node-kubeconfigs/" + "localhost-recovery.kubeconfig")) {
                assertTrue(Files.isRegularFile(sandbox.hostPath("master-0", resources + file)), version + ": " + file);
            }
            String other = kubeletClient.startsWith("kube-apiserver-certs")
                    ? "kube-apiserver-pod-7/secrets/kubelet-client"
                    : "kube-apiserver-certs/secrets/kubelet-client";
            assertFalse(Files.exists(sandbox.hostPath("master-0", resources + other)), version + ": " + other);
            assertTrue(
                    sandbox.inventoryYaml().startsWith("ocpVersion: \"" + version + "\"\n"), sandbox.inventoryYaml());
            String manifest =
                    Files.readString(sandbox.hostPath("master-0", "/etc/kubernetes/manifests/kube-apiserver-pod.yaml"));
            assertTrue(manifest.contains("name: kube-apiserver\n"), "4.4+ container name: " + manifest);
        }
    }

    @Test
    void forgedOvnCsrsShowWhatGivesThemAway() throws Exception {
        try (Sandbox sandbox =
                start(SandboxSpec.defaults().withOpenShiftVersion("4.14").withRogueCsrs(RogueCsr.values()))) {
            assertEquals(5, sandbox.csrs().size(), "the three kubelet-shaped rogues and the two OVN ones");
            CsrStatus otherNode = rogue(sandbox, RogueCsr.OVN_CLIENT_FOR_ANOTHER_NODE);
            assertEquals("kubernetes.io/kube-apiserver-client", otherNode.signerName());
            assertEquals("system:node:worker-1", otherNode.username());
            assertEquals(
                    "system:ovn-node:master-0", otherNode.commonName(), "the CN names another node than the requestor");
            assertEquals(List.of("system:ovn-nodes"), otherNode.organizations());
            CsrStatus wrongO = rogue(sandbox, RogueCsr.OVN_CLIENT_WRONG_ORGANIZATION);
            assertEquals("system:ovn-node:worker-1", wrongO.commonName());
            assertEquals(List.of("system:nodes"), wrongO.organizations(), "ovnkube-node asks for O system:ovn-nodes");
            awaitApi(sandbox);
            SshSession.Result json = root(
                    sandbox,
                    AS_ADMIN + "oc get csr " + wrongO.name() + " -o jsonpath={.spec.signerName}"
                            + "/{.spec.expirationSeconds}/{.apiVersion}");
            assertEquals("kubernetes.io/kube-apiserver-client/86400/certificates.k8s.io/v1", json.out(), json.all());
        }
    }

    @Test
    void ovnRoguesDoNotExistBefore414() throws Exception {
        try (Sandbox sandbox = start(SandboxSpec.defaults()
                .withOpenShiftVersion("4.13")
                .withNodes(1, 1)
                .withRogueCsrs(RogueCsr.values()))) {
            assertEquals(3, sandbox.csrs().size(), sandbox.csrs().toString());
            IllegalArgumentException refused = assertThrows(
                    IllegalArgumentException.class, () -> sandbox.addRogueCsr(RogueCsr.OVN_CLIENT_WRONG_ORGANIZATION));
            assertTrue(refused.getMessage().contains("use OpenShift 4.14 or later"), refused.getMessage());
        }
    }

    private static CsrStatus rogue(Sandbox sandbox, RogueCsr kind) {
        return sandbox.csrs().stream()
                .filter(c -> c.rogue() == kind)
                .findFirst()
                .orElseThrow();
    }

    private static X509Certificate adminClient(Sandbox sandbox) throws IOException {
        Kubeconfig kubeconfig = Kubeconfig.parse(Files.readString(sandbox.hostPath("master-0", LOCALHOST_RECOVERY)));
        assertEquals("localhost-recovery", kubeconfig.tlsServerName());
        assertEquals("https://localhost:6443", kubeconfig.server());
        return kubeconfig.clientCertificate();
    }
}
