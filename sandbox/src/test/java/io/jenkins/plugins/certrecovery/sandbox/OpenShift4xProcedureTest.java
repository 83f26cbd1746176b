package io.jenkins.plugins.certrecovery.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The documented 4.6+ procedure ("Recovering from expired control plane certificates": the cluster recovers its control plane by
 * itself, a person approves the pending node-bootstrapper CSRs, then the kubelet serving CSRs) typed over SSH on master-0 with
 * the master's localhost-recovery.kubeconfig, once per profile.
 */
class OpenShift4xProcedureTest {
    static final String LOCALHOST_RECOVERY =
            "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/node-kubeconfigs/localhost-recovery.kubeconfig";
    static final String AS_ADMIN = "sudo -n env KUBECONFIG=" + LOCALHOST_RECOVERY + " ";
    private static final String BOOTSTRAPPER =
            "system:serviceaccount:openshift-machine-config-operator:node-bootstrapper";

    /** One row of `oc get csr`, by the header's column names. */
    record Row(String name, String signer, String requestor, String duration, String condition) {}

    @ParameterizedTest(name = "OpenShift {0}")
    @ValueSource(strings = {"4.7", "4.12", "4.15", "4.18"})
    void documentedProcedureOverSshBringsEveryNodeBack(String version) throws Exception {
        try (Sandbox sandbox = Sandbox.start(
                        SandboxSpec.defaults().withOpenShiftVersion(version).withManualClock());
                SshSession m0 = new SshSession(sandbox, "master-0")) {
            OpenShiftVersion release = sandbox.spec().ocpVersion();
            Duration limit = Duration.ofSeconds(30);

            SshSession.Result starting = m0.run(AS_ADMIN + "oc get nodes");
            assertEquals(1, starting.exit(), starting.all());
            assertEquals(
                    "The connection to the server localhost:6443 was refused - did you specify the right host or port?\n",
                    starting.err(),
                    "refused while kube-apiserver starts");
            sandbox.await(
                    "the API through localhost-recovery.kubeconfig",
                    limit,
                    () -> m0.run(AS_ADMIN + "oc get nodes").exit() == 0);

            // 1. oc get csr: the node-bootstrapper CSRs of the three masters and worker-1 (worker-0 kept a valid client
            // certificate)
            List<String> clientCsrs =
                    awaitPending(sandbox, m0, "kubernetes.io/kube-apiserver-client-kubelet", BOOTSTRAPPER, 4);
            String header =
                    m0.run(AS_ADMIN + "oc get csr").out().lines().findFirst().orElseThrow();
            assertEquals(
                    release.requestedDuration()
                            ? List.of("NAME", "AGE", "SIGNERNAME", "REQUESTOR", "REQUESTEDDURATION", "CONDITION")
                            : List.of("NAME", "AGE", "SIGNERNAME", "REQUESTOR", "CONDITION"),
                    Arrays.asList(header.split("\\s+")));
            assertTrue(
                    pendingRows(m0).stream().noneMatch(r -> r.signer().equals("kubernetes.io/kubelet-serving")),
                    "no serving CSR before the client certificate");
            // 2.–3. describe and approve each node-bootstrapper CSR
            for (String name : clientCsrs) {
                String describe = m0.run(AS_ADMIN + "oc describe csr " + name).out();
                assertTrue(
                        describe.matches("(?s).*\\n\\s+Common Name:\\s+system:node:(master-[0-2]|worker-1)\\n.*"),
                        describe);
                assertTrue(describe.matches("(?s).*\\n\\s+Organization:\\s+system:nodes\\n.*"), describe);
                // kubectl 1.19+ prints spec.signerName, aligned with the other header lines (tabwriter, padding 2)
                assertTrue(
                        describe.contains("\nRequesting User:    " + BOOTSTRAPPER
                                + "\nSigner:             kubernetes.io/kube-apiserver-client-kubelet\nStatus:  "),
                        describe);
                approve(m0, name);
            }
            // 4. then the kubelet serving CSRs (and on 4.14+ ovnkube-node's client CSRs), requested by the nodes
            // themselves
            List<String> servingCsrs = awaitPending(sandbox, m0, "kubernetes.io/kubelet-serving", "system:node:", 4);
            for (String name : servingCsrs) {
                String describe = m0.run(AS_ADMIN + "oc describe csr " + name).out();
                assertTrue(
                        describe.matches("(?s).*Subject Alternative Names:.*IP Addresses:\\s+192\\.0\\.2\\.\\d+\\n.*"),
                        describe);
                approve(m0, name);
            }
            if (release.ovnNodeCsrs()) {
                List<Row> ovn = pendingRows(m0).stream()
                        .filter(r -> r.signer().equals("kubernetes.io/kube-apiserver-client"))
                        .toList();
                assertEquals(4, ovn.size(), ovn.toString());
                for (Row row : ovn) {
                    assertEquals("24h", row.duration(), "ovnkube-node asks for 24 h");
                    String describe =
                            m0.run(AS_ADMIN + "oc describe csr " + row.name()).out();
                    String node = row.requestor().substring("system:node:".length());
                    assertTrue(describe.contains("Common Name:    system:ovn-node:" + node + "\n"), describe);
                    assertTrue(describe.matches("(?s).*\\n\\s+Organization:\\s+system:ovn-nodes\\n.*"), describe);
                    assertTrue(
                            describe.contains("\nSigner:              kubernetes.io/kube-apiserver-client\n"
                                    + "Requested Duration:  24h\n"),
                            "kubectl 1.22+ prints spec.expirationSeconds: " + describe);
                    approve(m0, row.name());
                }
            }
            sandbox.await(
                    "every node Ready",
                    limit,
                    () -> m0.run(AS_ADMIN + "oc get nodes")
                            .out()
                            .lines()
                            .skip(1)
                            .allMatch(l -> l.split("\\s+")[1].equals("Ready")));
            String nodes = m0.run(AS_ADMIN + "oc get nodes").out();
            assertTrue(nodes.contains(" " + release.kubernetesVersion() + "\n"), nodes);
            sandbox.await("the rollout of the new revisions", limit, sandbox::healthy);
            assertKubeletClientRenewed(sandbox, release);
        }
    }

    /**
     * The regenerated kube-apiserver kubelet-client reached every master: through the cert dir (cert-syncer) on 4.9+, through the
     * new revision on 4.6–4.8. Every release makes revision 8 (kubelet-serving-ca, a revisioned configmap, follows the renewed
     * csr-signer), laid out by the installer once the master is Ready.
     */
    private static void assertKubeletClientRenewed(Sandbox sandbox, OpenShiftVersion release) throws IOException {
        Instant now = sandbox.clock().instant();
        for (String master : sandbox.masterNames()) {
            int revision = sandbox.staticPodRevision(master, "kubeapiserver");
            assertEquals(8, revision, master);
            String dir = release.kubeletClientInCertDir() ? "kube-apiserver-certs" : "kube-apiserver-pod-" + revision;
            String pem = Files.readString(sandbox.hostPath(
                    master, "/etc/kubernetes/static-pod-resources/" + dir + "/secrets/kubelet-client/tls.crt"));
            assertTrue(
                    Pki.parseCertificates(pem).get(0).getNotAfter().toInstant().isAfter(now), master + " " + dir);
        }
    }

    private static void approve(SshSession m0, String name) throws IOException {
        SshSession.Result approve = m0.run(AS_ADMIN + "oc adm certificate approve " + name);
        assertEquals(
                "certificatesigningrequest.certificates.k8s.io/" + name + " approved\n", approve.out(), approve.all());
    }

    /** Waits until {@code count} CSRs of this signer from a requestor starting so are Pending; returns their names. */
    static List<String> awaitPending(Sandbox sandbox, SshSession m0, String signer, String requestorPrefix, int count)
            throws Exception {
        List<String> names = new ArrayList<>();
        sandbox.await(count + " pending " + signer + " CSRs", Duration.ofSeconds(30), () -> {
            names.clear();
            pendingRows(m0).stream()
                    .filter(r -> r.signer().equals(signer) && r.requestor().startsWith(requestorPrefix))
                    .forEach(r -> names.add(r.name()));
            return names.size() >= count;
        });
        assertEquals(count, names.size(), names.toString());
        return names;
    }

    static List<Row> pendingRows(SshSession m0) throws IOException {
        SshSession.Result csrs = m0.run(AS_ADMIN + "oc get csr");
        assertEquals(0, csrs.exit(), csrs.all());
        List<String> lines = csrs.out().lines().toList();
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = Arrays.asList(lines.get(0).split("\\s+"));
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\\s+");
            int duration = header.indexOf("REQUESTEDDURATION");
            Row row = new Row(
                    cells[0],
                    cells[header.indexOf("SIGNERNAME")],
                    cells[header.indexOf("REQUESTOR")],
                    duration < 0 ? "" : cells[duration],
                    cells[header.indexOf("CONDITION")]);
            if (row.condition().equals("Pending")) {
                rows.add(row);
            }
        }
        assertFalse(rows.stream().anyMatch(r -> r.name().isEmpty()));
        return rows;
    }
}
