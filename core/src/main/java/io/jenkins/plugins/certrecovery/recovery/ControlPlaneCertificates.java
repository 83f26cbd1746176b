package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The serving and client certificates {@code regenerate-certificates} rewrites: the {@code tls.crt} of every secret under
 * {@code static-pod-resources/*-certs/secrets/} on the first master (KAO release-4.3 pkg/cmd/regeneratecerts; facts: "Where certificates
 * live"). Old files are renamed with a suffix by the operator, so only the current ones match.
 */
final class ControlPlaneCertificates {
    private final RecoveryContext context;
    private final ClusterNode node;

    ControlPlaneCertificates(RecoveryContext context) {
        this.context = context;
        this.node = context.firstMaster();
    }

    RemoteCommand listCommand() {
        return RemoteCommand.readOnly("find", context.layout(node).staticPodResourcesDir(), "-path", "*-certs/secrets/*",
                "-name", "tls.crt", "-type", "f");
    }

    /** Each current certificate file with its leaf certificate (the first in the file). */
    Map<String, X509Certificate> read(String step) throws RecoveryException, InterruptedException {
        Map<String, X509Certificate> certificates = new LinkedHashMap<>();
        for (String path : context.require(node, step, listCommand()).stdout().lines().map(String::strip).sorted().toList()) {
            if (path.isEmpty()) {
                continue;
            }
            certificates.put(path, parse(step, path, context.read(node, step, path)));
        }
        return certificates;
    }

    private X509Certificate parse(String step, String path, byte[] pem) throws RecoveryException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
        } catch (CertificateException e) {
            throw new RecoveryException(node.name(), step, path + " is not a PEM certificate: " + e.getMessage());
        }
    }
}
