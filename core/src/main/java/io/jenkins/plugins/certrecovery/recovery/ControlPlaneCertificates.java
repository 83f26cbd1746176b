package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.expiry.PemCertificates;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.ScriptFile;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The control-plane certificates on the first master: the {@code tls.crt} of every secret under {@code static-pod-resources/}
 * (e.g. {@code kube-apiserver-certs/secrets/service-network-serving-certkey/tls.crt}, the 6443 serving certificate, and
 * {@code kube-controller-manager-certs/secrets/csr-signer/tls.crt}); the operator renames old files with a suffix, so only current ones match. {@code
 * regenerate-certificates} writes six of these secrets to disk (KAO release-4.3 pkg/cmd/regeneratecerts/regenerate_certificates.go,
 * its {@code definitions}); the others (e.g. {@code external-loadbalancer-serving-certkey}) reach the disk with the redeploy, so only
 * those six decide whether regeneration worked and whether a cluster needs it. A secret can have copies in several directories (cert
 * dir, revision dirs): the freshest copy counts.
 */
final class ControlPlaneCertificates {
    private final RecoveryContext context;
    private final ClusterNode node;

    /** The secrets regenerate-certificates writes to disk (its {@code definitions}, secrets only). */
    static final Set<String> REGENERATED = Set.of(
            "service-network-serving-certkey",
            "localhost-serving-cert-certkey",
            "internal-loadbalancer-serving-certkey",
            "kube-controller-manager-client-cert-key",
            "csr-signer",
            "kube-scheduler-client-cert-key");

    ControlPlaneCertificates(RecoveryContext context) {
        this.context = context;
        this.node = context.firstMaster();
    }

    private RemoteCommand listCommand() {
        return RemoteCommand.readOnly(
                "find",
                context.layout(node).staticPodResourcesDir(),
                "-path",
                "*/secrets/*",
                "-name",
                "tls.crt",
                "-type",
                "f");
    }

    private static final String HEADER = "==> ";

    /** Every file {@link #listCommand()} finds, each after a line {@code ==> PATH}, in one round trip instead of one per file. */
    private static final ScriptFile<Exit> LIST_AND_PRINT = ScriptFile.load("control-plane-certificates.sh", Exit.class);

    /** The exit codes of {@code control-plane-certificates.sh}. */
    enum Exit {
        PRINTED,
        FIND_FAILED,
        PRINT_FAILED
    }

    HostScript readScript() {
        return HostScript.of(
                "read the control-plane certificates",
                LIST_AND_PRINT,
                true,
                List.of(context.layout(node).staticPodResourcesDir()),
                List.of(
                        HostScript.Step.run(listCommand()),
                        HostScript.Step.describe("cat -- FILE, for each file found")));
    }

    /** Each current certificate file with its leaf certificate (the first in the file). */
    Map<String, X509Certificate> read(String step) throws RecoveryException, InterruptedException {
        Map<String, StringBuilder> files = new TreeMap<>();
        StringBuilder current = null;
        CommandResult result = context.executor().run(node, step, readScript().command());
        Exit exit = LIST_AND_PRINT.exit(result.exitCode()).orElse(Exit.PRINT_FAILED);
        if (exit != Exit.PRINTED) {
            throw new RecoveryException(
                    node.name(),
                    step,
                    (exit == Exit.FIND_FAILED ? "cannot list " : "cannot print a certificate under ")
                            + context.layout(node).staticPodResourcesDir() + " (exit " + result.exitCode() + "): "
                            + context.executor().errorText(result));
        }
        for (String line : result.stdout().split("\n", -1)) {
            if (line.startsWith(HEADER)) {
                current = files.computeIfAbsent(line.substring(HEADER.length()), p -> new StringBuilder());
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        Map<String, X509Certificate> certificates = new LinkedHashMap<>();
        for (Map.Entry<String, StringBuilder> file : files.entrySet()) {
            certificates.put(
                    file.getKey(),
                    parse(step, file.getKey(), file.getValue().toString().getBytes(StandardCharsets.US_ASCII)));
        }
        return certificates;
    }

    /**
     * The regenerated secrets whose freshest copy expires before {@code validUntil} (or that have no copy), each with that expiry.
     */
    static Map<String, String> stale(Map<String, X509Certificate> certificates, Instant validUntil) {
        Map<String, Instant> freshest = new TreeMap<>();
        certificates.forEach((path, certificate) -> {
            String secret = secretName(path);
            if (REGENERATED.contains(secret)) {
                freshest.merge(secret, certificate.getNotAfter().toInstant(), (a, b) -> a.isAfter(b) ? a : b);
            }
        });
        Map<String, String> stale = new TreeMap<>();
        for (String secret : REGENERATED) {
            Instant notAfter = freshest.get(secret);
            if (notAfter == null) {
                stale.put(secret, "no tls.crt found");
            } else if (!notAfter.isAfter(validUntil)) {
                stale.put(secret, "expires " + notAfter);
            }
        }
        return stale;
    }

    /** {@code …/secrets/<name>/tls.crt} to {@code <name>}. */
    private static String secretName(String path) {
        String[] parts = path.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] : "";
    }

    private X509Certificate parse(String step, String path, byte[] pem) throws RecoveryException {
        PemCertificates.Decoded leaf = PemCertificates.first(new String(pem, StandardCharsets.US_ASCII));
        if (!leaf.ok()) {
            throw new RecoveryException(node.name(), step, path + " is not a PEM certificate: " + leaf.problem());
        }
        return leaf.certificate();
    }
}
