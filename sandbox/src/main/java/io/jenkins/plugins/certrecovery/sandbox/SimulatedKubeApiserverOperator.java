package io.jenkins.plugins.certrecovery.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The recovery commands of the cluster-kube-apiserver-operator image, run in a container whose {@code /etc/kubernetes} is
 * {@code kubernetesDir} on the host. Messages and file layout from openshift/cluster-kube-apiserver-operator release-4.3:
 * pkg/cmd/recoveryapiserver/create.go, destroy.go, pkg/recovery/apiserver.go, helpers.go,
 * pkg/cmd/regeneratecerts/regenerate_certificates.go, and cmd/cluster-kube-apiserver-operator/main.go (which prints a returned
 * error on stderr and exits 1).
 */
final class SimulatedKubeApiserverOperator {
    static final String CONTAINER_KUBERNETES = "/etc/kubernetes";
    static final String ADMIN_KUBECONFIG = HostFiles.RECOVERY_DIR + "/admin.kubeconfig";
    /** The secrets and configmaps regenerate-certificates writes to disk, with the manifest volume they go under (its definitions). */
    record RegeneratedObject(String object, String manifest, String volume) {}

    static final List<RegeneratedObject> REGENERATED = List.of(
            new RegeneratedObject("secrets/service-network-serving-certkey", HostFiles.KAS_MANIFEST, "cert-dir"),
            new RegeneratedObject("configmaps/client-ca", HostFiles.KAS_MANIFEST, "cert-dir"),
            new RegeneratedObject("secrets/localhost-serving-cert-certkey", HostFiles.KAS_MANIFEST, "cert-dir"),
            new RegeneratedObject("secrets/internal-loadbalancer-serving-certkey", HostFiles.KAS_MANIFEST, "cert-dir"),
            new RegeneratedObject(
                    "secrets/kube-controller-manager-client-cert-key", HostFiles.KCM_MANIFEST, "resource-dir"),
            new RegeneratedObject("secrets/csr-signer", HostFiles.KCM_MANIFEST, "resource-dir"),
            new RegeneratedObject(
                    "secrets/kube-scheduler-client-cert-key", HostFiles.SCHEDULER_MANIFEST, "resource-dir"));

    private final ClusterState state;

    SimulatedKubeApiserverOperator(ClusterState state) {
        this.state = state;
    }

    /** Runs the operator binary with {@code args}; {@code kubernetesDir} is null when nothing is mounted at /etc/kubernetes. */
    int run(SimHost host, Path kubernetesDir, boolean hostNetwork, List<String> args, ToolOutput out) {
        Container container = new Container(host, kubernetesDir);
        if (!state.version.hasRecoveryApiserver()) {
            return runWithoutRecoveryCommands(args, out);
        }
        if (args.size() == 2
                && args.get(0).equals("recovery-apiserver")
                && args.get(1).equals("create")) {
            return create(container, out);
        }
        if (args.size() == 2
                && args.get(0).equals("recovery-apiserver")
                && args.get(1).equals("destroy")) {
            return destroy(container, out);
        }
        if (args.size() == 1 && args.get(0).equals("regenerate-certificates")) {
            return regenerate(container, hostNetwork, out);
        }
        // cobra: unknown command, then main.go prints the error again.
        String message = "unknown command \"" + (args.isEmpty() ? "" : args.get(args.size() - 1)) + "\" for \""
                + "cluster-kube-apiserver-operator" + (args.size() > 1 ? " " + args.get(0) : "") + "\"";
        out.err("Error: " + message + "\nRun 'cluster-kube-apiserver-operator --help' for usage.\n" + message + "\n");
        return 1;
    }

    /** KAS-op release-4.18 cmd/cluster-kube-apiserver-operator/main.go: the subcommands of the 4.6+ image (openshift-4x-facts §1.3). */
    private static final List<String> COMMANDS_4_6 = List.of(
            "operator",
            "render",
            "installer",
            "prune",
            "resource-graph",
            "cert-syncer",
            "cert-regeneration-controller",
            "insecure-readyz",
            "check-endpoints",
            "startup-monitor");

    /**
     * The 4.6+ image has no recovery-apiserver or regenerate-certificates. Cobra's legacyArgs rejects an unknown first argument of
     * a root command with subcommands ({@code unknown command %q for %q}, no suggestion within distance 2); ExecuteC prints it
     * with {@code Error: } and the usage hint on stderr, then main.go prints the error once more and exits 1.
     */
    private static int runWithoutRecoveryCommands(List<String> args, ToolOutput out) {
        if (args.isEmpty() || COMMANDS_4_6.contains(args.get(0))) {
            out.err(
                    "sandbox: the simulated 4.6+ cluster-kube-apiserver-operator image runs only to show that the recovery "
                            + "commands are gone; '" + String.join(" ", args) + "' is not simulated\n");
            return 1;
        }
        String message = "unknown command \"" + (args.isEmpty() ? "" : args.get(0))
                + "\" for \"cluster-kube-apiserver-operator\"";
        out.err("Error: " + message + "\nRun 'cluster-kube-apiserver-operator --help' for usage.\n" + message + "\n");
        return 1;
    }

    /** The container's view of the host: paths under /etc/kubernetes map into the mounted directory, others do not exist. */
    private record Container(SimHost host, Path kubernetesDir) {
        Path path(String containerPath) {
            if (kubernetesDir == null || !containerPath.startsWith(CONTAINER_KUBERNETES + "/")) {
                return Path.of("/nonexistent-in-container" + containerPath);
            }
            return kubernetesDir.resolve(containerPath.substring(CONTAINER_KUBERNETES.length() + 1));
        }
    }

    private static String noSuchFile(String containerPath) {
        return "open " + containerPath + ": no such file or directory";
    }

    private int fail(ToolOutput out, String message) {
        out.err(message + "\n");
        return 1;
    }

    private int create(Container c, ToolOutput out) {
        String manifest = HostFiles.KAS_MANIFEST;
        JsonNode pod = HostFiles.readPod(c.path(manifest)).orElse(null);
        if (pod == null) {
            return fail(
                    out,
                    "failed to create recovery apiserver: failed to read kube-apiserver pod manifest at \"" + manifest
                            + "\": failed to open file \"" + manifest + "\": " + noSuchFile(manifest));
        }
        String resourceDir = HostFiles.volumeHostPath(pod, "resource-dir");
        if (resourceDir == null) {
            return fail(
                    out,
                    "failed to create recovery apiserver: failed to find resource-dir: volume \"resource-dir\" not found");
        }
        String recoveryDir = HostFiles.RECOVERY_DIR;
        Path recovery = c.path(recoveryDir);
        if (Files.exists(recovery)) {
            out.err(
                    Klog.line(
                            'E',
                            state.now(),
                            "apiserver.go:174",
                            "Recovery dir \"" + recoveryDir
                                    + "\" already exist. Please use `recovery-apiserver destroy` command or remove the dir manually."));
            return fail(
                    out,
                    "failed to create recovery apiserver: failed to create recovery dir \"" + recoveryDir + "\": mkdir "
                            + recoveryDir + ": file exists");
        }
        try {
            Files.createDirectories(recovery);
            // The operator passes decimal 755 and 600 where octal was meant, so the modes come out odd: 755 = 0o1363,
            // 600 = 0o1130.
            Files.setPosixFilePermissions(recovery, PosixFilePermissions.fromString("-wxrw--wx"));
            for (Map.Entry<String, String> copy : Map.of(
                            "secrets/etcd-client/tls.key",
                            "etcd-client.key",
                            "secrets/etcd-client/tls.crt",
                            "etcd-client.crt",
                            "configmaps/etcd-serving-ca/ca-bundle.crt",
                            "etcd-serving-ca-bundle.crt")
                    .entrySet()) {
                Path source = c.path(resourceDir + "/" + copy.getKey());
                if (!Files.isRegularFile(source)) {
                    String shown = resourceDir + "/" + copy.getKey();
                    return fail(
                            out,
                            "failed to create recovery apiserver: failed to open file \"" + shown + "\": "
                                    + noSuchFile(shown));
                }
                Files.copy(source, recovery.resolve(copy.getValue()));
            }
            out.err(Klog.line(
                    'I',
                    state.now(),
                    "apiserver.go:201",
                    "Recovery apiserver certificates will be valid for 168h0m0s"));
            Instant now = state.now();
            Pki pki = state.certificates.pki;
            Pki.Issued servingCa =
                    pki.selfSignedCa("localhost", now.minus(1, ChronoUnit.MINUTES), now.plus(7, ChronoUnit.DAYS));
            HostFiles.write(recovery.resolve("serving-ca.crt"), servingCa.certificatePem());
            HostFiles.write(recovery.resolve("serving-ca.key"), servingCa.keyPem());
            HostFiles.write(
                    recovery.resolve("config.yaml"),
                    "apiVersion: kubecontrolplane.config.openshift.io/v1\n"
                            + "kind: KubeAPIServerConfig\nservingInfo:\n  bindAddress: 127.0.0.1:7443\n");
            HostFiles.write(c.path(HostFiles.RECOVERY_MANIFEST), recoveryPod(pod, recoveryDir));
            Pki.Issued admin = pki.leaf(
                    servingCa,
                    Pki.Subject.of("system:admin", "system:masters"),
                    now.minus(1, ChronoUnit.MINUTES),
                    now.plus(7, ChronoUnit.DAYS),
                    KeyPurposeId.id_kp_clientAuth,
                    List.of(),
                    List.of());
            Path kubeconfig = recovery.resolve("admin.kubeconfig");
            HostFiles.write(kubeconfig, adminKubeconfig(recoveryDir + "/serving-ca.crt", admin));
            Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("--x-wx---"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state.recoveryCreated(c.host().name(), state.now());
        out.err(Klog.line('I', state.now(), "create.go:83", "To access the server."));
        out.err(Klog.line('I', state.now(), "create.go:84", "    export KUBECONFIG=" + ADMIN_KUBECONFIG));
        return 0;
    }

    private static String recoveryPod(JsonNode kubeApiserverPod, String recoveryDir) {
        String image = "";
        for (JsonNode container : kubeApiserverPod.path("spec").path("containers")) {
            if (container.path("name").asText().matches("^kube-apiserver-[a-zA-Z0-9]+$")) {
                image = container.path("image").asText();
            }
        }
        ObjectNode pod = Kubeconfig.JSON.createObjectNode();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode metadata = pod.putObject("metadata");
        metadata.put("name", "kube-apiserver-recovery");
        metadata.put("namespace", "openshift-kube-apiserver");
        metadata.putObject("labels").put("revision", "recovery");
        ObjectNode spec = pod.putObject("spec");
        ObjectNode container = spec.putArray("containers").addObject();
        container.put("name", "kube-apiserver-recovery");
        container.put("image", image);
        container.putArray("command").add("hypershift").add("openshift-kube-apiserver");
        container.putArray("args").add("--config=" + recoveryDir + "/config.yaml");
        container.putArray("ports").addObject().put("containerPort", 7443);
        container
                .putArray("volumeMounts")
                .addObject()
                .put("mountPath", recoveryDir)
                .put("name", "resource-dir");
        spec.put("hostNetwork", true);
        spec.putArray("volumes")
                .addObject()
                .put("name", "resource-dir")
                .putObject("hostPath")
                .put("path", recoveryDir);
        return HostFiles.yaml(pod);
    }

    private static String adminKubeconfig(String caFile, Pki.Issued admin) {
        ObjectNode root = Kubeconfig.JSON.createObjectNode();
        root.put("apiVersion", "v1");
        ObjectNode cluster = root.putArray("clusters").addObject();
        cluster.put("name", "recovery");
        cluster.putObject("cluster").put("certificate-authority", caFile).put("server", "https://localhost:7443");
        ObjectNode context = root.putArray("contexts").addObject();
        context.put("name", "admin");
        context.putObject("context").put("cluster", "recovery").put("user", "admin");
        root.put("current-context", "admin");
        root.putObject("preferences");
        ObjectNode user = root.putArray("users").addObject();
        user.put("name", "admin");
        user.putObject("user")
                .put("client-certificate-data", Kubeconfig.base64(admin.certificatePem()))
                .put("client-key-data", Kubeconfig.base64(admin.keyPem()));
        return HostFiles.yaml(root);
    }

    private int destroy(Container c, ToolOutput out) {
        String manifest = HostFiles.RECOVERY_MANIFEST;
        JsonNode pod = HostFiles.readPod(c.path(manifest)).orElse(null);
        if (pod == null) {
            String message = "failed to destroy recovery apiserver: failed to decode file \"" + manifest
                    + "\": failed to open file \"" + manifest + "\": " + noSuchFile(manifest);
            // destroy does not silence cobra: cobra prints "Error: …" and the usage, then main.go prints the error
            // again.
            out.err("Error: " + message
                    + "\nUsage:\n  cluster-kube-apiserver-operator recovery-apiserver destroy [flags]\n\n"
                    + "Flags:\n  -h, --help   help for destroy\n\n");
            return fail(out, message);
        }
        String resourceDir = HostFiles.volumeHostPath(pod, "resource-dir");
        if (resourceDir == null) {
            return fail(
                    out,
                    "failed to destroy recovery apiserver: failed to find resource-dir volume for pod manifest \""
                            + manifest + "\": volume \"resource-dir\" not found");
        }
        out.err(Klog.line('I', state.now(), "apiserver.go:281", "Deleting resource-dir \"" + resourceDir + "\""));
        deleteTree(c.path(resourceDir));
        out.err(Klog.line('I', state.now(), "apiserver.go:287", "Deleting recovery pod manifest \"" + manifest + "\""));
        try {
            Files.deleteIfExists(c.path(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state.recoveryDestroyed(c.host().name());
        return 0;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }

    private int regenerate(Container c, boolean hostNetwork, ToolOutput out) {
        if (!Files.isRegularFile(c.path(ADMIN_KUBECONFIG))) {
            return fail(
                    out,
                    "failed to get kubernetes rest config: stat " + ADMIN_KUBECONFIG + ": no such file or directory");
        }
        Instant now = state.now();
        if (!hostNetwork
                || !state.recoveryApiserverAnswers(now)
                || !state.recoveryHost().map(c.host().name()::equals).orElse(false)) {
            // The real command waits for its informers forever, logging this; the sandbox logs it once and gives up
            // (exit 1).
            out.err(Klog.line(
                    'E',
                    state.now(),
                    "reflector.go:123",
                    "k8s.io/client-go/informers/factory.go:133: Failed to list *v1.ConfigMap: Get https://localhost:7443/api/v1/"
                            + "namespaces/openshift-kube-apiserver/configmaps?limit=500&resourceVersion=0: dial tcp [::1]:7443: connect: "
                            + "connection refused"));
            return fail(
                    out,
                    "failed to wait for caches to sync: the recovery API server at https://localhost:7443 does not answer");
        }
        out.err(Klog.line('I', state.now(), "regenerate_certificates.go:201", "Refreshing certificates."));
        state.certificatesRegenerated(now);
        out.err(Klog.line('I', state.now(), "regenerate_certificates.go:208", "Certificates refreshed."));
        out.err(Klog.line('I', state.now(), "regenerate_certificates.go:210", "Refreshing derivative resources."));
        out.err(Klog.line('I', state.now(), "regenerate_certificates.go:243", "Derivative resources refreshed."));

        Map<String, JsonNode> pods = new java.util.LinkedHashMap<>();
        for (String manifest : List.of(HostFiles.KAS_MANIFEST, HostFiles.KCM_MANIFEST, HostFiles.SCHEDULER_MANIFEST)) {
            JsonNode pod = HostFiles.readPod(c.path(manifest)).orElse(null);
            if (pod == null) {
                String component =
                        manifest.substring(manifest.lastIndexOf('/') + 1).replace("-pod.yaml", "");
                return fail(
                        out,
                        "failed to read " + component + " manifest at \"" + manifest + "\": failed to open file \""
                                + manifest + "\": " + noSuchFile(manifest));
            }
            pods.put(manifest, pod);
        }
        for (RegeneratedObject object : REGENERATED) {
            String top = HostFiles.volumeHostPath(pods.get(object.manifest()), object.volume());
            if (top == null) {
                return fail(out, "failed to find certs dir: volume \"" + object.volume() + "\" not found");
            }
            String dir = top + "/" + object.object();
            // The content the rotation just put into the API (regenerate reads each object back through the recovery
            // API server).
            for (Map.Entry<String, String> file :
                    state.controlPlane.files(object.object()).entrySet()) {
                String containerPath = dir + "/" + file.getKey();
                for (String line :
                        HostFiles.ensureFileContent(c.path(containerPath), containerPath, file.getValue(), now)) {
                    out.err(Klog.line(line.charAt(0), state.now(), "helpers.go:110", line.substring(2)));
                }
            }
        }
        String stamp = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                now.truncatedTo(ChronoUnit.SECONDS).atZone(java.time.ZoneOffset.UTC));
        for (Map.Entry<String, JsonNode> pod : pods.entrySet()) {
            ((ObjectNode) pod.getValue().path("metadata"))
                    .with("annotations")
                    .put("force-triggered-by-fix-certs-at", stamp);
            HostFiles.write(c.path(pod.getKey()), HostFiles.yaml(pod.getValue()));
        }
        return 0;
    }
}
