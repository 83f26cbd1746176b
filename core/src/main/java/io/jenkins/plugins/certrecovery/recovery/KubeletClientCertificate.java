package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.expiry.PemCertificates;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.ScriptFile;
import java.time.Instant;
import java.util.List;

/**
 * The kubelet's client certificate, {@code pki/kubelet-client-current.pem} (a link to the dated file holding certificate and key).
 * Only the certificate block is decoded; the key is never parsed or kept.
 */
final class KubeletClientCertificate {
    static final String FILE = "kubelet-client-current.pem";

    private final RecoveryContext context;

    KubeletClientCertificate(RecoveryContext context) {
        this.context = context;
    }

    String path(ClusterNode node) {
        return context.layout(node).kubeletPkiDir() + "/" + FILE;
    }

    /** Prints the certificate blocks of the file: one round trip, and the private key beside them never leaves the host. */
    private static final ScriptFile<Exit> CERTIFICATE_BLOCKS =
            ScriptFile.load("kubelet-client-certificate.sh", Exit.class);

    /** The exit codes of {@code kubelet-client-certificate.sh}. */
    enum Exit {
        PRINTED,
        UNREADABLE,
        MISSING
    }

    HostScript readScript(ClusterNode node) {
        String path = path(node);
        return HostScript.of(
                "read the certificate of " + path,
                CERTIFICATE_BLOCKS,
                true,
                List.of(path),
                List.of(
                        HostScript.Step.run(HostExecutor.existsCommand(path)),
                        HostScript.Step.describe("print its certificate blocks (sed), not the key")
                                .onlyIf(path + " exists")));
    }

    /** Why this node's client certificate cannot be relied on, or null when it stays valid for the minimum validity. */
    String problem(ClusterNode node, String step) throws RecoveryException, InterruptedException {
        String path = path(node);
        CommandResult read = context.executor().run(node, step, readScript(node).command());
        Exit exit = CERTIFICATE_BLOCKS.exit(read.exitCode()).orElse(Exit.UNREADABLE);
        if (exit == Exit.MISSING) {
            return "no " + FILE;
        }
        if (exit == Exit.UNREADABLE) {
            throw new RecoveryException(
                    node.name(),
                    step,
                    "cannot read " + path + " (exit " + read.exitCode() + "): "
                            + context.executor().errorText(read));
        }
        Instant notAfter = notAfter(node, step, path, read.stdout());
        return notAfter.isAfter(context.clock().instant().plus(context.options().minimumValidity()))
                ? null
                : "client certificate expires " + notAfter;
    }

    private static Instant notAfter(ClusterNode node, String step, String path, String pem) throws RecoveryException {
        PemCertificates.Decoded certificate = PemCertificates.first(pem);
        if (!certificate.ok()) {
            throw new RecoveryException(
                    node.name(), step, path + " holds no readable certificate: " + certificate.problem());
        }
        return certificate.certificate().getNotAfter().toInstant();
    }
}
