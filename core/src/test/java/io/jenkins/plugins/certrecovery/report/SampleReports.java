package io.jenkins.plugins.certrecovery.report;

import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import io.jenkins.plugins.certrecovery.expiry.ErrorKind;
import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.ExpiryThresholds;
import io.jenkins.plugins.certrecovery.expiry.ShutdownHorizon;
import io.jenkins.plugins.certrecovery.expiry.SourceKind;
import io.jenkins.plugins.certrecovery.expiry.TestCertificates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A report with every class, a bundle, a kubeconfig field, an endpoint, a dotted host name and hostile text in an error row. */
final class SampleReports {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String HOSTILE = "/etc/<script>alert('x')</script>&\"quoted\".crt";

    private SampleReports() {}

    static ExpiryReport mixed() {
        TestCertificates certs = new TestCertificates();
        TestCertificates.Issued root = certs.ca("kube-apiserver-lb-signer", days(-300), days(3350));
        TestCertificates.Issued signer = certs.ca("kube-csr-signer_@1580000000", days(-55), days(5));
        TestCertificates.Issued kubelet = certs.leaf("system:node:master-0", days(-40), days(-10), List.of(), signer);
        TestCertificates.Issued serving = certs.leaf(
                "172.30.0.1",
                days(-10),
                days(20),
                List.of("kubernetes", "kubernetes.default.svc", "api-int.demo.example.com", "172.30.0.1"),
                root);
        TestCertificates.Issued aggregator =
                certs.leaf("system:openshift-aggregator", days(-2), days(28), List.of(), root);
        ExpiryThresholds thresholds = ExpiryThresholds.DEFAULT;
        List<ExpiryRow> rows = new ArrayList<>();
        String apiCerts = "/etc/kubernetes/static-pod-resources/kube-apiserver-certs";
        rows.add(ExpiryRow.certificate(
                "master-0",
                SourceKind.FILE,
                apiCerts + "/configmaps/client-ca/ca-bundle.crt [1/2]",
                root.certificate(),
                thresholds,
                NOW));
        rows.add(ExpiryRow.certificate(
                "master-0",
                SourceKind.FILE,
                apiCerts + "/configmaps/client-ca/ca-bundle.crt [2/2]",
                signer.certificate(),
                thresholds,
                NOW));
        rows.add(ExpiryRow.certificate(
                "master-0",
                SourceKind.FILE,
                "/var/lib/kubelet/pki/kubelet-client-current.pem",
                kubelet.certificate(),
                thresholds,
                NOW));
        rows.add(ExpiryRow.certificate(
                "master-1.demo.example.com",
                SourceKind.FILE,
                apiCerts + "/secrets/service-network-serving-certkey/tls.crt",
                serving.certificate(),
                thresholds,
                NOW));
        rows.add(ExpiryRow.certificate(
                "master-1.demo.example.com",
                SourceKind.KUBECONFIG,
                "/var/lib/kubelet/kubeconfig users[default-auth].client-certificate -> /var/lib/kubelet/pki/kubelet-client-current.pem",
                aggregator.certificate(),
                thresholds,
                NOW));
        rows.add(ExpiryRow.certificate(
                "api.demo.example.com",
                SourceKind.ENDPOINT,
                "api.demo.example.com:6443 [chain 1/2]",
                serving.certificate(),
                thresholds,
                NOW));
        rows.add(ExpiryRow.certificate(
                "api.demo.example.com",
                SourceKind.ENDPOINT,
                "api.demo.example.com:6443 [chain 2/2]",
                root.certificate(),
                thresholds,
                NOW));
        rows.add(ExpiryRow.error(
                "worker-0",
                SourceKind.HOST,
                "10.0.0.20",
                ErrorKind.UNREACHABLE,
                "no certificate of this host was checked: worker-0: connection refused"));
        rows.add(ExpiryRow.error(
                "master-0",
                SourceKind.FILE,
                HOSTILE,
                ErrorKind.PERMISSION_DENIED,
                "permission denied: <b>bold</b> & co"));
        return new ExpiryReport("demo", NOW, Duration.ofMillis(1250), thresholds, rows);
    }

    /** {@link #mixed()} as a check of an OpenShift 4.14 cluster named {@code cluster} makes it: with its shutdown horizon computed. */
    static ExpiryReport mixedWithHorizon(String cluster) {
        ExpiryReport mixed = mixed();
        return new ExpiryReport(
                cluster,
                mixed.checkedAt(),
                mixed.duration(),
                mixed.thresholds(),
                mixed.rows(),
                ShutdownHorizon.of(new OcpVersion(4, 14), mixed.rows()));
    }

    /** {@code report} with host {@code from} renamed {@code to}: its rows move in the orders that go by host, not in the others. */
    static ExpiryReport renamingHost(ExpiryReport report, String from, String to) {
        return new ExpiryReport(
                report.cluster(),
                report.checkedAt(),
                report.duration(),
                report.thresholds(),
                report.rows().stream()
                        .map(row -> !row.host().equals(from)
                                ? row
                                : new ExpiryRow(
                                        to,
                                        row.sourceKind(),
                                        row.source(),
                                        row.role(),
                                        row.status(),
                                        row.subject(),
                                        row.commonName(),
                                        row.subjectAltNames(),
                                        row.issuer(),
                                        row.serial(),
                                        row.notBefore(),
                                        row.notAfter(),
                                        row.daysLeft(),
                                        row.ca(),
                                        row.errorKind(),
                                        row.error()))
                        .toList());
    }

    static Instant days(long offset) {
        return NOW.plus(Duration.ofDays(offset));
    }
}
