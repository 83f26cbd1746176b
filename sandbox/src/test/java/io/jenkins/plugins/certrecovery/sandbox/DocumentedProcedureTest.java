package io.jenkins.plugins.certrecovery.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The documented OCP 4.3 procedure (steps 1–10 of the product documentation's recovery from expired control plane certificates), typed over SSH as a person would, ends with a healthy cluster. */
class DocumentedProcedureTest {
    /** code-ready/crc pkg/crc/machine/cert-renewal.go parses the kubeconfig path with this expression. */
    private static final Pattern EXPORT = Pattern.compile("export KUBECONFIG=([\\w-/.]*)");

    @Test
    void documentedProcedureOverSshRecoversTheCluster() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withManualClock())) {
            Map<String, SshSession> ssh = new LinkedHashMap<>();
            for (String host : sandbox.hostNames()) {
                ssh.put(host, new SshSession(sandbox, host));
            }
            Map<Path, String> before = controlPlaneFiles(sandbox);
            try {
                runProcedure(sandbox, ssh);
            } finally {
                for (SshSession session : ssh.values()) {
                    session.close();
                }
            }
            assertRolledOut(sandbox, before);
        }
    }

    /** Every certificate file of the masters' cert dirs and current revision directories, with its content. */
    private static Map<Path, String> controlPlaneFiles(Sandbox sandbox) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        for (String master : sandbox.masterNames()) {
            List<String> dirs = new ArrayList<>(List.of("kube-apiserver-certs", "kube-controller-manager-certs"));
            dirs.add("kube-apiserver-pod-" + sandbox.staticPodRevision(master, "kubeapiserver"));
            dirs.add("kube-controller-manager-pod-" + sandbox.staticPodRevision(master, "kubecontrollermanager"));
            dirs.add("kube-scheduler-pod-" + sandbox.staticPodRevision(master, "kubescheduler"));
            for (String dir : dirs) {
                try (Stream<Path> walk =
                        Files.walk(sandbox.hostPath(master, "/etc/kubernetes/static-pod-resources/" + dir))) {
                    for (Path file :
                            walk.filter(f -> f.toString().endsWith(".crt")).toList()) {
                        files.put(file, Files.readString(file));
                    }
                }
            }
        }
        return files;
    }

    /**
     * After regenerate-certificates, the forced redeployment and the kubelets' return, every master runs a new revision of the
     * three components, and every certificate in its cert dirs and current revision directories is valid now; all but etcd's
     * (not part of this recovery) are new. The previous revision directories are kept as they were.
     */
    private static void assertRolledOut(Sandbox sandbox, Map<Path, String> before) throws IOException {
        Instant now = sandbox.clock().instant();
        for (String master : sandbox.masterNames()) {
            assertEquals(8, sandbox.staticPodRevision(master, "kubeapiserver"), master);
            assertEquals(6, sandbox.staticPodRevision(master, "kubecontrollermanager"), master);
            assertEquals(7, sandbox.staticPodRevision(master, "kubescheduler"), master);
            String manifest =
                    Files.readString(sandbox.hostPath(master, "/etc/kubernetes/manifests/kube-apiserver-pod.yaml"));
            assertTrue(manifest.contains("path: /etc/kubernetes/static-pod-resources/kube-apiserver-pod-8"), manifest);
            assertTrue(manifest.contains("name: kube-apiserver-8"), manifest);
        }
        Map<Path, String> after = controlPlaneFiles(sandbox);
        assertEquals(3 * 13, after.size(), after.keySet().toString());
        for (Map.Entry<Path, String> file : after.entrySet()) {
            List<X509Certificate> certificates = certificates(file.getValue());
            assertFalse(certificates.isEmpty(), file.getKey().toString());
            for (X509Certificate certificate : certificates) {
                assertTrue(
                        certificate.getNotAfter().toInstant().isAfter(now),
                        "expired after the recovery: " + file.getKey());
            }
            String relative = file.getKey().toString().replaceFirst("^.*/static-pod-resources/", "");
            if (!relative.contains("/etcd-")) {
                assertFalse(before.containsValue(file.getValue()), "not renewed: " + file.getKey());
            }
        }
        for (Map.Entry<Path, String> old : before.entrySet()) {
            if (old.getKey().toString().matches(".*/kube-(apiserver|controller-manager|scheduler)-pod-\\d+/.*")) {
                // On master-0 regenerate-certificates rewrote some of them in place, keeping the old file under a
                // suffix.
                try (Stream<Path> siblings = Files.list(old.getKey().getParent())) {
                    List<Path> versions = siblings.filter(f -> f.getFileName()
                                    .toString()
                                    .startsWith(old.getKey().getFileName().toString()))
                            .toList();
                    assertTrue(
                            versions.stream().anyMatch(f -> readUnchecked(f).equals(old.getValue())),
                            "the previous revision is kept: " + old.getKey());
                }
            }
        }
    }

    private static String readUnchecked(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<X509Certificate> certificates(String pem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return factory
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        } catch (CertificateException e) {
            throw new AssertionError("not PEM certificates: " + pem, e);
        }
    }

    static void runProcedure(Sandbox sandbox, Map<String, SshSession> ssh) throws Exception {
        runProcedure(sandbox, ssh, false);
    }

    /**
     * The documented procedure typed over SSH. {@code hostByHost}: steps 8 and 9 finished for one node (kubelet restarted, its CSRs
     * approved, Ready) before the next, as an operator working through the hosts one at a time would; otherwise every master is
     * restarted first and the CSRs are approved in waves, as the documentation orders the steps.
     */
    static void runProcedure(Sandbox sandbox, Map<String, SshSession> ssh, boolean hostByHost) throws Exception {
        SshSession m0 = ssh.get("master-0");
        String root = sandbox.hostRoot("master-0").toString();
        assertFalse(sandbox.nodes().stream().anyMatch(SimulatedNode::ready), "every node starts NotReady");

        // 1. operator image from the cluster's own release
        SshSession.Result image = m0.run("sudo -n oc adm release info --registry-config='/var/lib/kubelet/config.json' "
                + "'" + sandbox.spec().releaseImage() + "' --image-for=cluster-kube-apiserver-operator");
        assertEquals(0, image.exit(), image.all());
        String kaoImage = image.out().strip();
        assertTrue(
                kaoImage.matches("quay\\.io/openshift-release-dev/ocp-v4\\.0-art-dev@sha256:[0-9a-f]{64}"), kaoImage);

        // 2. pull it
        SshSession.Result pull =
                m0.run("sudo -n podman pull --authfile=/var/lib/kubelet/config.json '" + kaoImage + "'");
        assertEquals(0, pull.exit(), pull.all());

        // 3. recovery API server, -it as in the documentation: the container's stderr arrives on stdout through the TTY
        String podman = "sudo -n podman run -it --network=host -v " + root + "/etc/kubernetes/:/etc/kubernetes/:Z "
                + "--entrypoint=/usr/bin/cluster-kube-apiserver-operator '" + kaoImage + "' ";
        SshSession.Result create = m0.run(podman + "recovery-apiserver create");
        assertEquals(0, create.exit(), create.all());
        Matcher export = EXPORT.matcher(create.out());
        assertTrue(export.find(), create.all());
        String kubeconfig = export.group(1);
        assertEquals("/etc/kubernetes/static-pod-resources/recovery-kube-apiserver-pod/admin.kubeconfig", kubeconfig);
        assertTrue(create.out().contains("\r\n"), "a TTY turns line ends into CR LF");

        // 4. wait for it (the documentation's `until oc get namespace kube-system; do sleep 1; done`): refused while it
        // starts
        String asRoot = "sudo -n env KUBECONFIG=" + kubeconfig + " ";
        String getNamespace = asRoot + "oc get namespace kube-system";
        SshSession.Result starting = m0.run(getNamespace);
        assertEquals(1, starting.exit(), starting.all());
        assertEquals(
                "The connection to the server localhost:7443 was refused - did you specify the right host or port?\n",
                starting.err(),
                "oc is refused while the server starts");
        sandbox.await(
                "the recovery API server to answer on master-0",
                Duration.ofSeconds(30).plus(sandbox.spec().apiserverStartDelay()),
                () -> m0.run(getNamespace).exit() == 0);
        SshSession.Result namespace = m0.run(getNamespace);
        assertTrue(
                namespace.out().matches("(?s)NAME\\s+STATUS\\s+AGE\\s*\nkube-system\\s+Active\\s+\\S+\\s*\n"),
                namespace.out());

        // 5. regenerate certificates
        String before = Files.readString(
                sandbox.hostPath(
                        "master-0",
                        "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/service-network-serving-certkey/tls.crt"));
        SshSession.Result regenerate = m0.run(podman.replace("-it ", "") + "regenerate-certificates");
        assertEquals(0, regenerate.exit(), regenerate.all());
        for (String line : List.of(
                "Refreshing certificates.",
                "Certificates refreshed.",
                "Refreshing derivative resources.",
                "Derivative resources refreshed.")) {
            assertTrue(regenerate.err().contains("] " + line + "\n"), line + " in " + regenerate.err());
        }
        Path certs = sandbox.hostPath(
                "master-0",
                "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/service-network-serving-certkey");
        try (var files = Files.list(certs)) {
            List<String> names =
                    files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(4, names.size(), "tls.crt, tls.key and their backups: " + names);
            String backup = names.stream()
                    .filter(n -> n.startsWith("tls.crt."))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    before,
                    Files.readString(certs.resolve(backup)),
                    "the old certificate is kept under a timestamp suffix");
        }
        assertTrue(sandbox.certificatesRegenerated());

        // 6. force redeployment
        for (String operator : List.of("kubeapiserver", "kubecontrollermanager", "kubescheduler")) {
            SshSession.Result patch = m0.run(
                    asRoot + "oc patch " + operator
                            + " cluster -p='{\"spec\": {\"forceRedeploymentReason\": \"recovery-'\"$( date --rfc-3339=ns )\"'\"}}' --type=merge");
            assertEquals(0, patch.exit(), patch.all());
            assertTrue(sandbox.forceRedeploymentReason(operator)
                    .orElseThrow()
                    .matches("recovery-\\d{4}-\\d\\d-\\d\\d .*"));
        }
        // The new revisions need the masters' kubelets to run their installer pods: nothing is rolled out yet.
        assertEquals(7, sandbox.staticPodRevision("master-1", "kubeapiserver"));

        // 7. bootstrap kubeconfig to every master, kubelet CA to every node, machine-config-daemon-force everywhere
        SshSession.Result recover = m0.run(asRoot + "recover-kubeconfig.sh");
        assertEquals(0, recover.exit(), recover.all());
        SshSession.Result kubeletCa = m0.run(asRoot + "oc get configmap kube-apiserver-to-kubelet-client-ca "
                + "-n openshift-kube-apiserver-operator --template='{{ index .data \"ca-bundle.crt\" }}'");
        assertEquals(0, kubeletCa.exit(), kubeletCa.all());
        assertTrue(kubeletCa.out().startsWith("-----BEGIN CERTIFICATE-----"), kubeletCa.out());
        for (Map.Entry<String, SshSession> host : ssh.entrySet()) {
            String hostRoot = sandbox.hostRoot(host.getKey()).toString();
            if (host.getKey().startsWith("master-")) {
                assertEquals(
                        0,
                        host.getValue()
                                .run("sudo -n tee " + hostRoot + "/etc/kubernetes/kubeconfig >/dev/null", recover.out())
                                .exit());
            }
            assertEquals(
                    0,
                    host.getValue()
                            .run(
                                    "sudo -n tee " + hostRoot + "/etc/kubernetes/kubelet-ca.crt >/dev/null",
                                    kubeletCa.out())
                            .exit());
            assertEquals(
                    0,
                    host.getValue()
                            .run("sudo -n touch " + hostRoot + "/run/machine-config-daemon-force")
                            .exit());
        }

        // 8. restart every master's kubelet without its old certificates, then 9. approve the node CSRs wave by wave
        // until every node
        // is Ready (workers come back by themselves or by CSRs); host by host, both for one node before the next.
        int approved = 0;
        if (hostByHost) {
            for (String node : sandbox.hostNames()) {
                if (node.startsWith("master-")) {
                    restartKubelet(sandbox, ssh, node);
                }
                approved += approveUntilReady(sandbox, m0, asRoot, node);
            }
        } else {
            for (String master : sandbox.masterNames()) {
                restartKubelet(sandbox, ssh, master);
            }
            approved = approveUntilReady(sandbox, m0, asRoot, null);
        }
        // masters: a client and a serving CSR each; worker-1 the same; worker-0 kept its valid certificates
        assertEquals(2 * 3 + 2, approved, sandbox.csrs().toString());

        // 10. remove the recovery API server
        SshSession.Result destroy = m0.run(podman.replace("-it ", "") + "recovery-apiserver destroy");
        assertEquals(0, destroy.exit(), destroy.all());
        assertFalse(Files.exists(
                sandbox.hostPath("master-0", "/etc/kubernetes/manifests/recovery-kube-apiserver-pod.yaml")));
        assertTrue(sandbox.healthy(), "healthy: " + sandbox.nodes());
    }

    private static void restartKubelet(Sandbox sandbox, Map<String, SshSession> ssh, String node) throws IOException {
        String hostRoot = sandbox.hostRoot(node).toString();
        SshSession.Result restart = ssh.get(node)
                .run("sudo -n systemctl stop kubelet; sudo -n rm -rf " + hostRoot + "/var/lib/kubelet/pki " + hostRoot
                        + "/var/lib/kubelet/kubeconfig; sudo -n systemctl start kubelet");
        assertEquals(0, restart.exit(), restart.all());
    }

    /**
     * Approves pending node CSRs (`oc describe` shows O=system:nodes) until `oc get nodes` shows every node Ready; with a node
     * name, only that node's CSRs (by the Common Name) until that node is Ready. Returns how many it approved.
     */
    private static int approveUntilReady(Sandbox sandbox, SshSession m0, String asRoot, String node) throws Exception {
        SandboxSpec spec = sandbox.spec();
        Duration limit = Duration.ofSeconds(30)
                .plus(spec.kubeletStartDelay())
                .plus(spec.csrDelay())
                .plus(spec.servingCsrDelay());
        int[] approved = {0};
        sandbox.await(node == null ? "every node Ready" : node + " Ready", limit, () -> {
            if (allReady(m0, asRoot, node == null ? "" : " " + node)) {
                return true;
            }
            approved[0] += approvePendingNodeCsrs(m0, asRoot, node);
            return false;
        });
        return approved[0];
    }

    /** One look at `oc get csr`: approves the pending node CSRs (of {@code node} only, when given). Returns how many. */
    private static int approvePendingNodeCsrs(SshSession m0, String asRoot, String node) throws IOException {
        int approved = 0;
        SshSession.Result csrs = m0.run(asRoot + "oc get csr");
        assertEquals(0, csrs.exit(), csrs.all());
        for (String line : csrs.out().lines().skip(1).toList()) {
            String[] columns = line.split("\\s+");
            if (!columns[columns.length - 1].equals("Pending")) {
                continue;
            }
            SshSession.Result describe = m0.run(asRoot + "oc describe csr " + columns[0]);
            assertTrue(describe.out().matches("(?s).*\\n\\s+Organization:\\s+system:nodes\\n.*"), describe.out());
            assertFalse(
                    describe.out().contains("Signer:"), "v1beta1 CSRs of 4.3 have no signerName: " + describe.out());
            if (node != null && !describe.out().contains("system:node:" + node + "\n")) {
                continue;
            }
            SshSession.Result approve = m0.run(asRoot + "oc adm certificate approve " + columns[0]);
            assertEquals("certificatesigningrequest.certificates.k8s.io/" + columns[0] + " approved\n", approve.out());
            approved++;
        }
        return approved;
    }

    private static boolean allReady(SshSession m0, String asRoot, String names) throws IOException {
        SshSession.Result nodes = m0.run(asRoot + "oc get nodes" + names);
        assertEquals(0, nodes.exit(), nodes.all());
        return nodes.out().lines().skip(1).allMatch(l -> l.split("\\s+")[1].equals("Ready"));
    }
}
