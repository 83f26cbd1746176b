package io.jenkins.plugins.certrecovery.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shutdown horizon from rows of real certificates at the places a 4.x check finds them. */
class ShutdownHorizonTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String NODE_KUBECONFIGS =
            "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/node-kubeconfigs";
    private static final String RECOVERY =
            NODE_KUBECONFIGS + "/localhost-recovery.kubeconfig users[system:admin].client-certificate-data";
    private static final String CLIENT_CA =
            "/etc/kubernetes/static-pod-resources/kube-apiserver-certs/configmaps/client-ca/ca-bundle.crt";
    private static final String KUBELET_CLIENT = "/var/lib/kubelet/pki/kubelet-client-current.pem";
    private static final String KUBELET_SERVING = "/var/lib/kubelet/pki/kubelet-server-current.pem";
    private static final String ETCD_PEER =
            "/etc/kubernetes/static-pod-resources/etcd-certs/secrets/etcd-all-certs/etcd-peer-master-0.crt";
    private static final OcpVersion V418 = OcpVersion.parse("4.18");

    private final TestCertificates certs = new TestCertificates();
    private final TestCertificates.Issued root = certs.ca("root-ca", days(-365), days(3285));
    private final TestCertificates.Issued recoverySigner =
            certs.ca("node-system-admin-signer@1", days(-100), days(900));
    private final List<ExpiryRow> rows = new ArrayList<>();

    private static Instant days(long offset) {
        return NOW.plus(Duration.ofDays(offset));
    }

    private ShutdownHorizonTest add(String host, SourceKind kind, String source, TestCertificates.Issued issued) {
        rows.add(ExpiryRow.certificate(host, kind, source, issued.certificate(), ExpiryThresholds.DEFAULT, NOW));
        return this;
    }

    private ShutdownHorizonTest leaf(
            String host,
            SourceKind kind,
            String source,
            String cn,
            long from,
            long to,
            TestCertificates.Issued issuer) {
        return add(host, kind, source, certs.leaf(cn, days(from), days(to), List.of(), issuer));
    }

    /** A healthy 4.18 cluster: kubelet certificates of 30 days, the recovery client of 2 years, etcd of 3 years. */
    private ShutdownHorizonTest healthy() {
        leaf("master-0", SourceKind.FILE, KUBELET_CLIENT, "system:node:master-0", -10, 20, root);
        leaf("worker-0", SourceKind.FILE, KUBELET_CLIENT, "system:node:worker-0", -20, 10, root);
        leaf("worker-0", SourceKind.FILE, KUBELET_SERVING, "system:node:worker-0", -5, 25, root);
        leaf("master-0", SourceKind.KUBECONFIG, RECOVERY, "system:admin", -30, 700, recoverySigner);
        add("master-0", SourceKind.FILE, CLIENT_CA + " [1/2]", recoverySigner);
        add(
                "master-0",
                SourceKind.FILE,
                CLIENT_CA + " [2/2]",
                certs.ca("admin-kubeconfig-signer", days(-365), days(3285)));
        leaf("master-0", SourceKind.FILE, ETCD_PEER, "system:etcd-peer:master-0", -365, 730, root);
        leaf(
                "master-0",
                SourceKind.KUBECONFIG,
                "/etc/kubernetes/kubeconfig users[kubelet].client-certificate-data",
                "node-bootstrapper",
                -365,
                3285,
                root);
        return this;
    }

    private ShutdownHorizon horizon(OcpVersion version) {
        return ShutdownHorizon.of(version, rows);
    }

    @Test
    void theEarliestKubeletCertificateDecidesWhenNothingIsToDo() {
        ShutdownHorizon.Limit limit = healthy().horizon(V418).nothingToDo();
        assertEquals(days(10), limit.until());
        assertEquals("worker-0", limit.decidedBy().host());
        assertEquals(CertificateRole.KUBELET_CLIENT, limit.decidedBy().role());
    }

    @Test
    void theLocalhostRecoveryClientDecidesUntilWhenCsrsCanBeApprovedOnTheCluster() {
        ShutdownHorizon.Limit limit = healthy().horizon(V418).csrApprovalByHand();
        assertEquals(days(700), limit.until());
        assertEquals(
                CertificateRole.LOCALHOST_RECOVERY_CLIENT, limit.decidedBy().role());
    }

    @Test
    void anEarlierSignerOfTheLocalhostRecoveryClientDecidesInstead() {
        rows.clear();
        TestCertificates.Issued shortSigner = certs.ca("node-system-admin-signer@2", days(-300), days(65));
        leaf("master-0", SourceKind.KUBECONFIG, RECOVERY, "system:admin", -30, 90, shortSigner);
        add("master-0", SourceKind.FILE, CLIENT_CA + " [1/1]", shortSigner);
        ShutdownHorizon.Limit limit = horizon(OcpVersion.parse("4.14")).csrApprovalByHand();
        assertEquals(days(65), limit.until());
        assertEquals(CLIENT_CA + " [1/1]", limit.decidedBy().source());
    }

    @Test
    void theAdminKubeconfigSignerOrEtcdDecidesTheLastLevel() {
        ShutdownHorizon.Limit limit = healthy().horizon(V418).adminKubeconfigFromOutside();
        assertEquals(days(730), limit.until());
        assertEquals(CertificateRole.ETCD, limit.decidedBy().role());
    }

    @Test
    void etcdExpiringFirstEndsEveryLevel() {
        healthy()
                .leaf(
                        "master-1",
                        SourceKind.FILE,
                        ETCD_PEER.replace("master-0", "master-1"),
                        "system:etcd-peer:master-1",
                        -1090,
                        5,
                        root);
        ShutdownHorizon horizon = horizon(V418);
        for (ShutdownHorizon.Limit limit :
                List.of(horizon.nothingToDo(), horizon.csrApprovalByHand(), horizon.adminKubeconfigFromOutside())) {
            assertEquals(days(5), limit.until(), limit.meaning());
            assertEquals("master-1", limit.decidedBy().host());
        }
    }

    @Test
    void aClusterYoungerThanItsFirstRotationIsCritical() {
        rows.clear();
        TestCertificates.Issued installerSigner =
                certs.ca("kubelet-signer", NOW.minus(Duration.ofHours(6)), NOW.plus(Duration.ofHours(18)));
        add(
                "master-0",
                SourceKind.FILE,
                KUBELET_CLIENT,
                certs.leaf(
                        "system:node:master-0",
                        NOW.minus(Duration.ofHours(6)),
                        NOW.plus(Duration.ofHours(18)),
                        List.of(),
                        installerSigner));
        ShutdownHorizon horizon = horizon(V418);
        assertEquals(1, horizon.findings().size());
        ShutdownHorizon.Finding finding = horizon.findings().get(0);
        assertEquals(ExpiryStatus.CRITICAL, finding.severity());
        assertTrue(
                finding.message().startsWith("do not shut down before " + NOW.plus(Duration.ofHours(18))),
                finding.message());
        assertEquals(
                ExpiryStatus.CRITICAL,
                new ExpiryReport("horizon-test", NOW, Duration.ZERO, ExpiryThresholds.DEFAULT, List.of(), horizon)
                        .result(),
                "the finding alone makes the check critical");
    }

    @Test
    void aClusterPastItsFirstRotationHasNoFinding() {
        assertTrue(healthy().horizon(V418).findings().isEmpty());
    }

    @Test
    void versionsBefore46AreNotComputedWithTheReason() {
        for (String version : List.of("4.1", "4.3", "4.5")) {
            ShutdownHorizon horizon = healthy().horizon(OcpVersion.parse(version));
            assertFalse(horizon.computed());
            assertNull(horizon.nothingToDo());
            assertTrue(horizon.reason().contains("not computed for OpenShift " + version), horizon.reason());
            assertTrue(
                    horizon.describe().get(0).contains("localhost-recovery.kubeconfig (added in 4.6)"),
                    horizon.describe().get(0));
            rows.clear();
        }
    }

    @Test
    void aKubeletCertificateThatCouldNotBeReadIsNoted() {
        healthy();
        rows.add(ExpiryRow.error(
                "worker-1", SourceKind.FILE, KUBELET_CLIENT, ErrorKind.PERMISSION_DENIED, "permission denied"));
        rows.add(ExpiryRow.error("worker-2", SourceKind.HOST, "10.0.0.22", ErrorKind.UNREACHABLE, "no route"));
        List<String> notes = horizon(V418).notes();
        assertTrue(
                notes.contains("the kubelet client certificate " + KUBELET_CLIENT
                        + " on worker-1 was not read (permission_denied):" + " the dates may be earlier"),
                notes.toString());
        assertTrue(
                notes.contains("worker-2 was not read (unreachable): its certificates may make the dates earlier"),
                notes.toString());
    }

    @Test
    void etcdIsNotedAsNeverRotatedBefore49() {
        List<String> notes = healthy().horizon(OcpVersion.parse("4.8")).notes();
        assertTrue(
                notes.stream().anyMatch(n -> n.startsWith("OpenShift 4.8 does not rotate etcd certificates")),
                notes.toString());
        assertTrue(healthy().horizon(V418).notes().stream().noneMatch(n -> n.contains("does not rotate etcd")));
    }

    @Test
    void describeGivesEachLevelWithItsDateAndDecidingCertificate() {
        List<String> lines = healthy().horizon(V418).describe();
        assertEquals(4, lines.size(), lines.toString());
        assertEquals(
                "  " + ShutdownHorizon.NOTHING_TO_DO + " if powered on by " + days(10)
                        + " — decided by the kubelet client " + "certificate system:node:worker-0 on worker-0 ("
                        + KUBELET_CLIENT + ")",
                lines.get(1));
        assertTrue(lines.get(2).startsWith("  (b) comes back with node CSRs to approve by hand"), lines.get(2));
        assertTrue(lines.get(3).contains("decided by the etcd certificate"), lines.get(3));
    }
}
