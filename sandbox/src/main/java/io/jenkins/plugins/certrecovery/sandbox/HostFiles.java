package io.jenkins.plugins.certrecovery.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading and writing files on a simulated host, with the same conventions as the real components. */
final class HostFiles {
    /** Where static pod revisions ({@code <component>-pod-<N>}, see {@link ControlPlane}) and cert dirs live on a master. */
    static final String RESOURCES = "/etc/kubernetes/static-pod-resources";

    static final String KAS_CERT_DIR = RESOURCES + "/kube-apiserver-certs";
    static final String KCM_CERT_DIR = RESOURCES + "/kube-controller-manager-certs";
    static final String SCHEDULER_CERT_DIR = RESOURCES + "/kube-scheduler-certs";
    static final String MANIFESTS = "/etc/kubernetes/manifests";
    static final String KAS_MANIFEST = MANIFESTS + "/kube-apiserver-pod.yaml";
    static final String KCM_MANIFEST = MANIFESTS + "/kube-controller-manager-pod.yaml";
    static final String SCHEDULER_MANIFEST = MANIFESTS + "/kube-scheduler-pod.yaml";
    static final String RECOVERY_MANIFEST = MANIFESTS + "/recovery-kube-apiserver-pod.yaml";
    static final String RECOVERY_DIR = RESOURCES + "/recovery-kube-apiserver-pod";
    static final String BOOTSTRAP_KUBECONFIG = "/etc/kubernetes/kubeconfig";
    static final String KUBELET_CA = "/etc/kubernetes/kubelet-ca.crt";
    static final String KUBELET_KUBECONFIG = "/var/lib/kubelet/kubeconfig";
    static final String KUBELET_PKI = "/var/lib/kubelet/pki";
    static final String PULL_SECRET = "/var/lib/kubelet/config.json";
    static final String RECOVER_SCRIPT = "/usr/local/bin/recover-kubeconfig.sh";
    /** 4.6+: the masters' admin kubeconfigs (KAS-op node-kubeconfigs secret, a cert secret of kube-apiserver). */
    static final String NODE_KUBECONFIGS = KAS_CERT_DIR + "/secrets/node-kubeconfigs";

    static final String LOCALHOST_RECOVERY_KUBECONFIG = NODE_KUBECONFIGS + "/localhost-recovery.kubeconfig";
    /** 4.6+: etcd's cert dir (cluster-etcd-operator bindata/etcd/pod.yaml). */
    static final String ETCD_CERT_DIR = RESOURCES + "/etcd-certs";

    static final String ETCD_MANIFEST = MANIFESTS + "/etcd-pod.yaml";
    /** 4.14+: ovnkube-node's client certificates (ORIGIN tls/descriptions, Networking). */
    static final String OVN_CERT_DIR = "/var/lib/ovn-ic/etc/ovnkube-node-certs";

    private static final DateTimeFormatter KUBELET_PEM_STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");

    private HostFiles() {}

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * KAO's recovery.EnsureFileContent (pkg/recovery/helpers.go, release-4.3): an unchanged file is left alone; a changed one is
     * renamed with a suffix made by Go's {@code time.Now().Format(".1989-12-01-23-59-59")} before the new content is written.
     * That layout is not Go's reference date, so Go reads it as month/day/hour/second tokens: {@link #goBackupSuffix} does the same.
     *
     * @return the klog lines the operator prints for this file
     */
    static List<String> ensureFileContent(Path file, String containerPath, String content, Instant now) {
        List<String> log = new ArrayList<>();
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                if (Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                    return log;
                }
                Files.move(
                        file,
                        file.resolveSibling(file.getFileName() + goBackupSuffix(now)),
                        StandardCopyOption.ATOMIC_MOVE);
            } else {
                log.add("W|File \"" + containerPath + "\" doesn't exist.");
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
            log.add("I|Wrote new content to file \"" + containerPath + "\"");
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file, e);
        }
    }

    /** Go's formatting of the layout ".1989-12-01-23-59-59": 1 = month, 2 = day, 01 = zero-padded month, 3 = 12-hour, 5 = second. */
    static String goBackupSuffix(Instant now) {
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        int month = t.getMonthValue();
        int day = t.getDayOfMonth();
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        int second = t.getSecond();
        return "." + month + "989-" + month + day + "-" + String.format("%02d", month) + "-" + day + hour12 + "-"
                + second + "9-" + second + "9";
    }

    /** Writes a kubelet PEM (certificate + key) as {@code <kind>-<stamp>.pem} and points {@code <kind>-current.pem} at it. */
    static void writeKubeletPem(SimHost host, String kind, String certificatePem, String keyPem, Instant now) {
        writeRotatedPem(host, KUBELET_PKI, kind, certificatePem, keyPem, now);
    }

    /**
     * Writes a PEM (certificate + key) as {@code <dir>/<kind>-<stamp>.pem} and points {@code <kind>-current.pem} at it, as
     * client-go's certificate store does for the kubelet and ovnkube-node.
     */
    static void writeRotatedPem(
            SimHost host, String dir, String kind, String certificatePem, String keyPem, Instant now) {
        Path pki = host.path(dir);
        String fileName = kind + "-" + KUBELET_PEM_STAMP.format(now.atZone(ZoneOffset.UTC)) + ".pem";
        write(pki.resolve(fileName), certificatePem + keyPem);
        Path current = pki.resolve(kind + "-current.pem");
        try {
            Files.deleteIfExists(current);
            // Relative target: the real kubelet links to the absolute /var/lib/kubelet/pki/… path, which would leave a
            // sandbox host's directory; a relative link resolves the same way on both kinds of hosts.
            Files.createSymbolicLink(current, Path.of(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + current, e);
        }
    }

    /** The first certificate of a kubelet PEM (following the -current.pem link), or empty when absent or unreadable. */
    static Optional<X509Certificate> kubeletCertificate(SimHost host, String kind) {
        return currentCertificate(host, KUBELET_PKI, kind);
    }

    /** The first certificate of {@code <dir>/<kind>-current.pem}, or empty when absent or unreadable. */
    static Optional<X509Certificate> currentCertificate(SimHost host, String dir, String kind) {
        Path current = host.path(dir).resolve(kind + "-current.pem");
        if (!Files.exists(current)) {
            return Optional.empty();
        }
        return read(current)
                .flatMap(text -> Pki.parseCertificates(text).stream().findFirst());
    }

    static boolean validAt(X509Certificate certificate, Instant now) {
        return !now.isBefore(certificate.getNotBefore().toInstant())
                && now.isBefore(certificate.getNotAfter().toInstant());
    }

    /** A static pod manifest in the shape the operators write: volumes {@code resource-dir} and {@code cert-dir}. */
    static String staticPodManifest(
            String podName,
            String namespace,
            String containerName,
            String image,
            String resourceDir,
            String certDir,
            int revision) {
        ObjectNode pod = Kubeconfig.JSON.createObjectNode();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode metadata = pod.putObject("metadata");
        metadata.put("name", podName);
        metadata.put("namespace", namespace);
        metadata.putObject("labels").put("app", namespace).put("revision", String.valueOf(revision));
        ObjectNode spec = pod.putObject("spec");
        spec.put("hostNetwork", true);
        spec.put("priorityClassName", "system-node-critical");
        ObjectNode container = spec.putArray("containers").addObject();
        container.put("name", containerName);
        container.put("image", image);
        container
                .putArray("volumeMounts")
                .addObject()
                .put("mountPath", RESOURCES)
                .put("name", "resource-dir");
        var volumes = spec.putArray("volumes");
        volumes.addObject().put("name", "resource-dir").putObject("hostPath").put("path", resourceDir);
        volumes.addObject().put("name", "cert-dir").putObject("hostPath").put("path", certDir);
        return yaml(pod);
    }

    static String yaml(JsonNode node) {
        try {
            return Kubeconfig.YAML.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a pod manifest; empty when missing or not a Pod. */
    static Optional<JsonNode> readPod(Path file) {
        return read(file).flatMap(text -> {
            try {
                JsonNode node = Kubeconfig.YAML.readTree(text);
                return node != null && "Pod".equals(node.path("kind").asText()) ? Optional.of(node) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /** The hostPath of a named volume of a pod, or null (KAO recovery.GetVolumeHostPathPath). */
    static String volumeHostPath(JsonNode pod, String volume) {
        for (JsonNode entry : pod.path("spec").path("volumes")) {
            if (volume.equals(entry.path("name").asText())) {
                String path = entry.path("hostPath").path("path").asText("");
                return path.isEmpty() ? null : path;
            }
        }
        return null;
    }

    /** A pull secret with the registries the release needs. */
    static String pullSecret(Map<String, String> auths) {
        ObjectNode root = Kubeconfig.JSON.createObjectNode();
        ObjectNode all = root.putObject("auths");
        auths.forEach(
                (registry, auth) -> all.putObject(registry).put("auth", auth).put("email", "sandbox@example.com"));
        try {
            return Kubeconfig.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when a user other than the owner may read the file (what a non-root {@code oc} needs for a root-owned file). */
    static boolean isOthersReadable(Path file) {
        try {
            return Files.getPosixFilePermissions(file)
                    .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
        } catch (IOException e) {
            return false;
        }
    }
}
