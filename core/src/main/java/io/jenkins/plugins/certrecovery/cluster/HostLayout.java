package io.jenkins.plugins.certrecovery.cluster;

/**
 * Where things live on a cluster host. The defaults are the real OCP paths (see openshift-recovery-facts.md); {@link #under(String)}
 * roots every path in a directory, which is how the sandbox gives each simulated host its own {@code /}.
 */
public record HostLayout(
        String prefix,
        String kubernetesDir,
        String manifestsDir,
        String kubeApiserverManifest,
        String recoveryApiserverManifest,
        String staticPodResourcesDir,
        String recoveryResourceDir,
        String kubeletPullSecret,
        String bootstrapKubeconfig,
        String kubeletCa,
        String kubeletPkiDir,
        String kubeletKubeconfig,
        String machineConfigDaemonForce,
        String recoverKubeconfigScript,
        String localhostRecoveryKubeconfig,
        String stateDir) {

    /** The in-container mount point of {@link #kubernetesDir()} in the operator's {@code podman run}. */
    public static final String CONTAINER_KUBERNETES_DIR = "/etc/kubernetes";

    public static HostLayout forVersion(OcpVersion version) {
        String resources = "/etc/kubernetes/static-pod-resources";
        return new HostLayout(
                "",
                "/etc/kubernetes",
                "/etc/kubernetes/manifests",
                "/etc/kubernetes/manifests/kube-apiserver-pod.yaml",
                "/etc/kubernetes/manifests/recovery-kube-apiserver-pod.yaml",
                resources,
                resources + "/recovery-kube-apiserver-pod",
                "/var/lib/kubelet/config.json",
                "/etc/kubernetes/kubeconfig",
                // 4.1 clusters recovered with kubevirtci's scripts kept the kubelet CA as /etc/kubernetes/ca.crt.
                version.minor() == 1 && version.major() == 4
                        ? "/etc/kubernetes/ca.crt"
                        : "/etc/kubernetes/kubelet-ca.crt",
                "/var/lib/kubelet/pki",
                "/var/lib/kubelet/kubeconfig",
                "/run/machine-config-daemon-force",
                "/usr/local/bin/recover-kubeconfig.sh",
                resources + "/kube-apiserver-certs/secrets/node-kubeconfigs/localhost-recovery.kubeconfig",
                "/var/lib/ocp-cert-recovery");
    }

    /** The same layout with every path under {@code root} (empty: unchanged). */
    public HostLayout under(String root) {
        if (root == null || root.isEmpty()) {
            return this;
        }
        String r = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        return new HostLayout(
                r,
                r + kubernetesDir,
                r + manifestsDir,
                r + kubeApiserverManifest,
                r + recoveryApiserverManifest,
                r + staticPodResourcesDir,
                r + recoveryResourceDir,
                r + kubeletPullSecret,
                r + bootstrapKubeconfig,
                r + kubeletCa,
                r + kubeletPkiDir,
                r + kubeletKubeconfig,
                r + machineConfigDaemonForce,
                r + recoverKubeconfigScript,
                r + localhostRecoveryKubeconfig,
                r + stateDir);
    }

    /** Maps a path printed inside the operator container (under /etc/kubernetes) to the host path it is mounted from. */
    public String hostPathOfContainerPath(String containerPath) {
        if (containerPath.equals(CONTAINER_KUBERNETES_DIR)
                || containerPath.startsWith(CONTAINER_KUBERNETES_DIR + "/")) {
            return kubernetesDir + containerPath.substring(CONTAINER_KUBERNETES_DIR.length());
        }
        return prefix + containerPath;
    }

    /** kube-apiserver certificates and CA bundles ({@code secrets/<name>/tls.crt}, {@code configmaps/<name>/ca-bundle.crt}). */
    public String kubeApiserverCertsDir() {
        return staticPodResourcesDir + "/kube-apiserver-certs";
    }

    /** kube-controller-manager certificates, among them the CSR signer ({@code secrets/csr-signer/tls.crt}). */
    public String kubeControllerManagerCertsDir() {
        return staticPodResourcesDir + "/kube-controller-manager-certs";
    }

    public String kubeSchedulerCertsDir() {
        return staticPodResourcesDir + "/kube-scheduler-certs";
    }

    /** The manifest the kubelet runs a static pod from: {@code pod} is {@code kube-apiserver-pod}, {@code etcd-pod} … */
    public String staticPodManifest(String pod) {
        return manifestsDir + "/" + pod + ".yaml";
    }

    /** A static pod's revisioned resources are in {@code <this>-N}, N the revision its manifest names (library-go installer). */
    public String staticPodRevisionPrefix(String pod) {
        return staticPodResourcesDir + "/" + pod;
    }

    /** etcd's certificates and CA bundles (OCP 4.6+: {@code secrets/etcd-all-certs/…}, before 4.8 {@code secrets/etcd-all-peer/…}). */
    public String etcdCertsDir() {
        return staticPodResourcesDir + "/etcd-certs";
    }

    /** Per-master kubeconfigs ({@code localhost-recovery.kubeconfig}, {@code lb-int.kubeconfig} …), present from OCP 4.6 on. */
    public String nodeKubeconfigsDir() {
        return kubeApiserverCertsDir() + "/secrets/node-kubeconfigs";
    }

    /** The path as the host itself sees it: {@link #prefix()} removed (unchanged on real hosts). */
    public String unprefixed(String path) {
        return !prefix.isEmpty() && path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
    }

    /** Backups of this run go under here, one directory per run. */
    public String backupDir(String runId) {
        return stateDir + "/backups/" + runId;
    }

    /** The cluster lock, kept on the first master. */
    public String lockFile() {
        return stateDir + "/lock";
    }
}
