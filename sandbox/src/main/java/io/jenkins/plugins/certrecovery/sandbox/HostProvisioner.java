package io.jenkins.plugins.certrecovery.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Lays out a host's files as on an OCP 4.3 node after a long shutdown (cert dirs and revision
 * directories of the static pods under /etc/kubernetes/static-pod-resources, the kubelet's pki/, kubeconfigs and CA):
 * the control plane's current revisions (from {@link ControlPlane}) on masters, the kubelet's files on every host.
 */
final class HostProvisioner {
    private final ClusterState state;
    private final ClusterCertificates certs;

    HostProvisioner(ClusterState state) {
        this.state = state;
        this.certs = state.certificates;
    }

    void provision(SimHost host, Instant now) {
        try {
            Files.createDirectories(host.root());
            for (String dir : List.of("/run", "/root", "/var/home/core", "/tmp", HostFiles.MANIFESTS, HostFiles.KUBELET_PKI)) {
                Files.createDirectories(host.path(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create host directory " + host.root(), e);
        }
        if (host.isMaster()) {
            provisionControlPlane(host);
        }
        provisionKubelet(host, now);
        try {
            // RHCOS keeps the pull secret readable by root only.
            Files.setPosixFilePermissions(host.path(HostFiles.PULL_SECRET),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The revision every master runs at start, laid out as its installer pods left it. */
    private void provisionControlPlane(SimHost host) {
        for (ControlPlane.Component component : ControlPlane.COMPONENTS) {
            state.controlPlane.install(host, component, component.initialRevision());
        }
    }

    private void provisionKubelet(SimHost host, Instant now) {
        int workerIndex = host.isMaster() ? -1 : Integer.parseInt(host.name().substring(host.name().lastIndexOf('-') + 1));
        boolean validClient = !certs.initiallyExpired() || workerIndex >= 0 && workerIndex < state.spec.workersWithValidClient();
        Pki.Subject node = Pki.Subject.of("system:node:" + host.name(), "system:nodes");
        Instant issuedAt = state.installedAt.plus(java.time.Duration.ofDays(1));
        Pki.Issued client = certs.leaf(certs.csrSigner(), node, !validClient, now, KeyPurposeId.id_kp_clientAuth, List.of(),
                List.of());
        Pki.Issued server = certs.leaf(certs.csrSigner(), node, !validClient, now, KeyPurposeId.id_kp_serverAuth,
                List.of(host.name()), List.of(host.ip()));
        HostFiles.writeKubeletPem(host, "kubelet-client", client.certificatePem(), client.keyPem(), issuedAt);
        HostFiles.writeKubeletPem(host, "kubelet-server", server.certificatePem(), server.keyPem(), issuedAt);
        String caData = Kubeconfig.base64(certs.rootCa.certificatePem());
        HostFiles.write(host.path(HostFiles.KUBELET_KUBECONFIG), new Kubeconfig("default-cluster", state.spec.apiServerInternalUri(),
                caData, "default-auth", null, null, null, HostFiles.KUBELET_PKI + "/kubelet-client-current.pem")
                .toYaml("default-context"));
        // Masters keep the installer's bootstrap kubeconfig, whose token no longer works (hence step 7 of the procedure);
        // workers got theirs from the machine-config server, with the node-bootstrapper service account's token.
        String token = host.isMaster() ? "installer-bootstrap-" + state.hex(16) : state.bootstrapperToken;
        HostFiles.write(host.path(HostFiles.BOOTSTRAP_KUBECONFIG), new Kubeconfig("local", state.spec.apiServerInternalUri(), caData,
                "kubelet", token, null, null, null).toYaml("kubelet"));
        HostFiles.write(host.path(HostFiles.KUBELET_CA), certs.kubeletCaBundle());
        HostFiles.write(host.path(HostFiles.PULL_SECRET), HostFiles.pullSecret(Map.of(
                "quay.io", Kubeconfig.base64("openshift-release-dev+sandbox:" + state.hex(20)),
                "cloud.openshift.com", Kubeconfig.base64("openshift-release-dev+sandbox:" + state.hex(20)))));
    }
}
