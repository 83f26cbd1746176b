package io.jenkins.plugins.certrecovery.sandbox;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The control-plane secrets and configmaps as the cluster's API holds them (one copy for all masters, as the real secrets are),
 * and the three static-pod operators that lay them out on the masters.
 * <p>Rotation: {@code regenerate-certificates} runs the cert-rotation controllers once through the recovery API server and
 * refreshes the derivative objects (KAO release-4.3 pkg/cmd/regeneratecerts/regenerate_certificates.go; targets and lifetimes from
 * pkg/operator/certrotationcontroller and the carried kube-controller-manager certrotationcontroller/targetconfigcontroller:
 * {@code csr-signer} goes to openshift-kube-controller-manager by ManageCSRSigner). That changes the objects here; on disk it
 * writes only its seven definitions on the master where it runs.
 * <p>Rollout: a changed {@code forceRedeploymentReason} makes an operator create a new revision; its installer pod copies the
 * revision's secrets and configmaps into {@code <component>-pod-<N>/}, the cert secrets and configmaps into the component's
 * cert-dir (overwritten in place) and writes the static pod manifest (openshift/library-go
 * pkg/operator/staticpod/installerpod/cmd.go, copyContent). An installer pod runs on a master only once that master's kubelet
 * is back (it is a pod like any other), so the sandbox installs the latest revision on a master when its node turns Ready. Older
 * revision directories stay on disk, as they do until the operator's prune controller removes them (not simulated).
 */
final class ControlPlane {
    /**
     * One static-pod component as the sandbox lays it out for OCP 4.3: which objects go into each revision directory and which
     * into the cert-dir (the operators' RevisionSecrets/RevisionConfigMaps and CertSecrets/CertConfigMaps, reduced to the
     * certificate-bearing objects the recovery is about).
     */
    record Component(
            String operator,
            String podName,
            String namespace,
            String revisionPrefix,
            String manifest,
            String certDir,
            int initialRevision,
            List<String> revisionObjects,
            List<String> certObjects) {
        String revisionDir(int revision) {
            return HostFiles.RESOURCES + "/" + revisionPrefix + "-" + revision;
        }

        /** 4.3 names the containers after the revision (kube-apiserver-7); 4.4 renamed it kube-apiserver (KAO PR #755). */
        String containerName(int revision, OpenShiftVersion version) {
            if (operator.equals("kubescheduler")) {
                return version.csrV1() ? "kube-scheduler" : "scheduler";
            }
            return version.csrV1() ? podName : podName + "-" + revision;
        }
    }

    /** OCP 4.3 (KAO, KCM-operator and KS-operator release-4.3 starter.go, reduced to the certificate-bearing objects). */
    private static final List<Component> COMPONENTS_4_3 = List.of(
            new Component(
                    "kubeapiserver",
                    "kube-apiserver",
                    "openshift-kube-apiserver",
                    "kube-apiserver-pod",
                    HostFiles.KAS_MANIFEST,
                    HostFiles.KAS_CERT_DIR,
                    7,
                    List.of(
                            "secrets/kubelet-client",
                            "secrets/etcd-client",
                            "configmaps/etcd-serving-ca",
                            "configmaps/kubelet-serving-ca"),
                    List.of(
                            "secrets/service-network-serving-certkey",
                            "secrets/localhost-serving-cert-certkey",
                            "secrets/internal-loadbalancer-serving-certkey",
                            "secrets/external-loadbalancer-serving-certkey",
                            "configmaps/client-ca")),
            new Component(
                    "kubecontrollermanager",
                    "kube-controller-manager",
                    "openshift-kube-controller-manager",
                    "kube-controller-manager-pod",
                    HostFiles.KCM_MANIFEST,
                    HostFiles.KCM_CERT_DIR,
                    5,
                    List.of("secrets/csr-signer", "secrets/kube-controller-manager-client-cert-key"),
                    // The kube-controller-manager signs CSRs with static-pod-certs/secrets/csr-signer (its cert-dir).
                    List.of("secrets/csr-signer")),
            new Component(
                    "kubescheduler",
                    "openshift-kube-scheduler",
                    "openshift-kube-scheduler",
                    "kube-scheduler-pod",
                    HostFiles.SCHEDULER_MANIFEST,
                    HostFiles.SCHEDULER_CERT_DIR,
                    6,
                    List.of("secrets/kube-scheduler-client-cert-key"),
                    List.of()));

    /**
     * The components as the 4.6+ operators lay them out (openshift-4x-facts §2.2, §2.3): the localhost-recovery serving
     * certificate is revisioned, node-kubeconfigs and the control-plane client certificates are cert secrets, kubelet-client is
     * revisioned up to 4.8 and a cert secret from 4.9.
     */
    static List<Component> components(OpenShiftVersion version) {
        if (!version.csrV1()) {
            return COMPONENTS_4_3;
        }
        List<String> kasRevision = new java.util.ArrayList<>(List.of(
                "secrets/etcd-client",
                "configmaps/etcd-serving-ca",
                "configmaps/kubelet-serving-ca",
                "secrets/localhost-recovery-serving-certkey"));
        List<String> kasCerts = new java.util.ArrayList<>(List.of(
                "secrets/service-network-serving-certkey",
                "secrets/localhost-serving-cert-certkey",
                "secrets/internal-loadbalancer-serving-certkey",
                "secrets/external-loadbalancer-serving-certkey",
                "configmaps/client-ca",
                "secrets/node-kubeconfigs",
                "secrets/aggregator-client",
                "configmaps/aggregator-client-ca",
                "secrets/control-plane-node-admin-client-cert-key",
                "secrets/check-endpoints-client-cert-key"));
        (version.kubeletClientInCertDir() ? kasCerts : kasRevision).add("secrets/kubelet-client");
        return List.of(
                new Component(
                        "kubeapiserver",
                        "kube-apiserver",
                        "openshift-kube-apiserver",
                        "kube-apiserver-pod",
                        HostFiles.KAS_MANIFEST,
                        HostFiles.KAS_CERT_DIR,
                        7,
                        List.copyOf(kasRevision),
                        List.copyOf(kasCerts)),
                new Component(
                        "kubecontrollermanager",
                        "kube-controller-manager",
                        "openshift-kube-controller-manager",
                        "kube-controller-manager-pod",
                        HostFiles.KCM_MANIFEST,
                        HostFiles.KCM_CERT_DIR,
                        5,
                        List.of(),
                        List.of(
                                "secrets/kube-controller-manager-client-cert-key",
                                "secrets/csr-signer",
                                "configmaps/aggregator-client-ca",
                                "configmaps/client-ca")),
                new Component(
                        "kubescheduler",
                        "openshift-kube-scheduler",
                        "openshift-kube-scheduler",
                        "kube-scheduler-pod",
                        HostFiles.SCHEDULER_MANIFEST,
                        HostFiles.SCHEDULER_CERT_DIR,
                        6,
                        List.of(),
                        List.of("secrets/kube-scheduler-client-cert-key")));
    }

    /** The objects the cert-rotation RunOnce and the derivative steps of regenerate-certificates renew. */
    private static final List<String> RENEWED = List.of(
            "secrets/service-network-serving-certkey",
            "secrets/localhost-serving-cert-certkey",
            "secrets/internal-loadbalancer-serving-certkey",
            "secrets/external-loadbalancer-serving-certkey",
            "secrets/kubelet-client",
            "secrets/kube-controller-manager-client-cert-key",
            "secrets/kube-scheduler-client-cert-key",
            "secrets/csr-signer",
            "secrets/aggregator-client",
            "secrets/control-plane-node-admin-client-cert-key",
            "secrets/check-endpoints-client-cert-key",
            "configmaps/client-ca",
            "configmaps/kubelet-serving-ca",
            "configmaps/aggregator-client-ca");
    /** The objects whose files are kubeconfigs, not certificates: rebuilt when node-system-admin-client changes. */
    static final String NODE_KUBECONFIGS = "secrets/node-kubeconfigs";

    private final OpenShiftVersion version;
    private final List<Component> components;

    private final ClusterCertificates certs;
    private final String clusterDomain;
    private final String image;
    private final Map<String, Map<String, String>> objects = new LinkedHashMap<>();
    private final Map<String, Integer> latestRevision = new HashMap<>();
    private final Map<String, Map<String, Integer>> installed = new HashMap<>();

    ControlPlane(ClusterCertificates certs, OpenShiftVersion version, String clusterDomain, String image, Instant now) {
        this.certs = certs;
        this.version = version;
        this.components = components(version);
        this.clusterDomain = clusterDomain;
        this.image = image;
        for (Component component : components) {
            latestRevision.put(component.operator(), component.initialRevision());
            for (String object : concat(component.revisionObjects(), component.certObjects())) {
                // 4.3: etcd's client certificate is etcd's business and not part of this recovery: it starts valid.
                // 4.6+: every
                // object is from before the shutdown, expired or not by its lifetime (etcd-client: 3 years).
                boolean old = version.csrV1() || certs.initiallyExpired() && !object.equals("secrets/etcd-client");
                objects.computeIfAbsent(object, o -> make(o, old, now));
            }
        }
    }

    List<Component> components() {
        return components;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** The files of one object ({@code secrets/NAME} or {@code configmaps/NAME}) as the API holds it now. */
    synchronized Map<String, String> files(String object) {
        Map<String, String> files = objects.get(object);
        if (files == null) {
            throw new IllegalArgumentException("no control-plane object " + object);
        }
        return files;
    }

    /**
     * 4.3 regenerate-certificates: the signers are renewed first ({@link ClusterCertificates#regenerate}), then these objects.
     * 4.6+ cert-regeneration controllers: only the expired ones (and client-ca and kubelet-serving-ca, rebuilt from the signers);
     * a changed revisioned object (kubelet-serving-ca, and kubelet-client up to 4.8) makes the operator's revision controller
     * create a new kube-apiserver revision.
     */
    synchronized void regenerate(Instant now) {
        boolean revisionedChanged = false;
        for (String object : RENEWED) {
            if (!objects.containsKey(object)) {
                continue; // 4.3 has no aggregator-client, check-endpoints or control-plane-node-admin objects
            }
            boolean bundle = object.startsWith("configmaps/");
            if (!version.csrV1() || bundle || expired(object, now)) {
                Map<String, String> renewed = make(object, false, now);
                revisionedChanged |= !renewed.equals(objects.put(object, renewed))
                        && components.get(0).revisionObjects().contains(object);
            }
        }
        if (version.csrV1() && revisionedChanged) {
            newRevision("kubeapiserver");
        }
    }

    private boolean expired(String object, Instant now) {
        return Pki.parseCertificates(objects.get(object).get("tls.crt")).stream()
                .anyMatch(c -> !c.getNotAfter().toInstant().isAfter(now));
    }

    /** 4.6+: node-system-admin-client was renewed: NodeKubeconfigController rebuilds node-kubeconfigs. */
    synchronized void rebuildNodeKubeconfigs(Instant now) {
        objects.put(NODE_KUBECONFIGS, make(NODE_KUBECONFIGS, false, now));
    }

    /**
     * 4.6+: the cert-syncer container of each running static pod writes its component's cert secrets and configmaps into the
     * cert dir as soon as they change in the API (library-go certsyncpod); revisioned objects wait for an installer.
     */
    void syncCertDirs(List<SimHost> masters) {
        Map<String, Map<String, String>> snapshot;
        synchronized (this) {
            snapshot = new LinkedHashMap<>(objects);
        }
        for (SimHost master : masters) {
            for (Component component : components) {
                for (String object : component.certObjects()) {
                    snapshot.get(object)
                            .forEach((file, content) -> HostFiles.write(
                                    master.path(component.certDir() + "/" + object + "/" + file), content));
                }
            }
        }
    }

    /** True when every master runs the latest revision of every component. */
    synchronized boolean rolledOut(List<SimHost> masters) {
        return masters.stream()
                .allMatch(m -> components.stream()
                        .allMatch(c -> installedRevision(m.name(), c.operator()) >= latestRevision.get(c.operator())));
    }

    /** A changed forceRedeploymentReason: the operator creates the next revision, to be installed on every master. */
    synchronized void newRevision(String operator) {
        latestRevision.merge(operator, 1, Integer::sum);
    }

    /** The revision of a component the master runs (its manifest's), or 0 for a host without static pods. */
    synchronized int installedRevision(String host, String operator) {
        return installed.getOrDefault(host, Map.of()).getOrDefault(operator, 0);
    }

    /** The revision installer of every component whose latest revision the master does not run yet. */
    void rollOut(SimHost master) {
        for (Component component : components) {
            int latest;
            synchronized (this) {
                latest = latestRevision.get(component.operator());
                if (installedRevision(master.name(), component.operator()) >= latest) {
                    continue;
                }
            }
            install(master, component, latest);
        }
    }

    /** Lays out one revision of a component on a master, as its installer pod does. */
    void install(SimHost master, Component component, int revision) {
        Map<String, Map<String, String>> snapshot;
        synchronized (this) {
            snapshot = new LinkedHashMap<>(objects);
        }
        String revisionDir = component.revisionDir(revision);
        for (String object : component.revisionObjects()) {
            snapshot.get(object)
                    .forEach((file, content) ->
                            HostFiles.write(master.path(revisionDir + "/" + object + "/" + file), content));
        }
        for (String object : component.certObjects()) {
            snapshot.get(object)
                    .forEach((file, content) ->
                            HostFiles.write(master.path(component.certDir() + "/" + object + "/" + file), content));
        }
        String manifest = HostFiles.staticPodManifest(
                component.podName(),
                component.namespace(),
                component.containerName(revision, version),
                image,
                revisionDir,
                component.certDir(),
                revision);
        String manifestName =
                component.manifest().substring(component.manifest().lastIndexOf('/') + 1);
        HostFiles.write(master.path(revisionDir + "/" + manifestName), manifest);
        HostFiles.write(master.path(component.manifest()), manifest);
        synchronized (this) {
            installed.computeIfAbsent(master.name(), h -> new HashMap<>()).put(component.operator(), revision);
        }
    }

    /** An object's content, issued before the shutdown ({@code old}, expired when the spec says so) or now. */
    private Map<String, String> make(String object, boolean old, Instant now) {
        Map<String, String> files = new LinkedHashMap<>();
        switch (object) {
            case "configmaps/client-ca" -> files.put("ca-bundle.crt", certs.clientCaBundle());
            case "configmaps/aggregator-client-ca" ->
                files.put("ca-bundle.crt", certs.aggregatorClientSigner().certificatePem());
            case "configmaps/etcd-serving-ca" -> files.put("ca-bundle.crt", certs.etcdSigner.certificatePem());
            // openshift-config-managed/csr-controller-ca synced into kube-apiserver's kubelet-serving-ca: the CSR
            // signer's CA.
            case "configmaps/kubelet-serving-ca" ->
                files.put("ca-bundle.crt", certs.csrSigner().certificatePem());
            case NODE_KUBECONFIGS -> nodeKubeconfigs().forEach(files::put);
            default -> {
                Pki.Issued issued = secret(object.substring("secrets/".length()), old, now);
                files.put("tls.crt", issued.certificatePem());
                files.put("tls.key", issued.keyPem());
            }
        }
        return files;
    }

    private Pki.Issued secret(String name, boolean old, Instant now) {
        return switch (name) {
            case "service-network-serving-certkey" ->
                certs.leaf(
                        certs.servingSigner,
                        Pki.Subject.of("172.30.0.1"),
                        old,
                        now,
                        KeyPurposeId.id_kp_serverAuth,
                        List.of(
                                "kubernetes",
                                "kubernetes.default",
                                "kubernetes.default.svc",
                                "kubernetes.default.svc.cluster.local",
                                "openshift",
                                "openshift.default",
                                "openshift.default.svc"),
                        List.of("172.30.0.1"));
            case "localhost-serving-cert-certkey" ->
                certs.leaf(
                        certs.servingSigner,
                        Pki.Subject.of("127.0.0.1"),
                        old,
                        now,
                        KeyPurposeId.id_kp_serverAuth,
                        List.of("localhost"),
                        List.of("127.0.0.1", "::1"));
            case "internal-loadbalancer-serving-certkey" ->
                certs.leaf(
                        certs.servingSigner,
                        Pki.Subject.of("api-int." + clusterDomain),
                        old,
                        now,
                        KeyPurposeId.id_kp_serverAuth,
                        List.of("api-int." + clusterDomain),
                        List.of());
            case "external-loadbalancer-serving-certkey" ->
                certs.leaf(
                        certs.servingSigner,
                        Pki.Subject.of("api." + clusterDomain),
                        old,
                        now,
                        KeyPurposeId.id_kp_serverAuth,
                        List.of("api." + clusterDomain),
                        List.of());
            case "kube-controller-manager-client-cert-key" ->
                clientLeaf(certs.controlPlaneSigner(), Pki.Subject.of("system:kube-controller-manager"), old, now);
            case "kube-scheduler-client-cert-key" ->
                clientLeaf(certs.controlPlaneSigner(), Pki.Subject.of("system:kube-scheduler"), old, now);
            case "kubelet-client" ->
                clientLeaf(
                        certs.kubeletClientSigner(), Pki.Subject.of("system:kube-apiserver", "kube-master"), old, now);
            case "etcd-client" ->
                certs.leaf(
                        certs.etcdSigner,
                        Pki.Subject.of("etcd", "etcd"),
                        version.csrV1() ? ClusterCertificates.ETCD_LEAF : ClusterCertificates.LEAF,
                        old,
                        now,
                        KeyPurposeId.id_kp_clientAuth,
                        List.of(),
                        List.of());
            case "csr-signer" -> certs.csrSigner();
            // The front-proxy client to aggregated APIs and the two 4.6+ control-plane clients (openshift-4x-facts
            // §2.2, §3.2).
            case "aggregator-client" ->
                clientLeaf(certs.aggregatorClientSigner(), Pki.Subject.of("system:openshift-aggregator"), old, now);
            case "control-plane-node-admin-client-cert-key" ->
                clientLeaf(
                        certs.controlPlaneSigner(),
                        Pki.Subject.of("system:control-plane-node-admin", "system:masters"),
                        old,
                        now);
            case "check-endpoints-client-cert-key" ->
                clientLeaf(
                        certs.controlPlaneSigner(),
                        Pki.Subject.of("system:serviceaccount:openshift-kube-apiserver:check-endpoints"),
                        old,
                        now);
            // 10 years: the SNI certificate that keeps localhost:6443 reachable whatever else expired (facts §3.2).
            case "localhost-recovery-serving-certkey" ->
                certs.leaf(
                        certs.servingSigner,
                        Pki.Subject.of("localhost-recovery"),
                        ClusterCertificates.LONG_SIGNER,
                        old,
                        now,
                        KeyPurposeId.id_kp_serverAuth,
                        List.of("localhost-recovery"),
                        List.of());
            default -> throw new IllegalArgumentException("no control-plane secret named " + name);
        };
    }

    /** A 30-day client certificate (no SANs), issued before the shutdown when {@code old}. */
    private Pki.Issued clientLeaf(Pki.Issued signer, Pki.Subject subject, boolean old, Instant now) {
        return certs.leaf(signer, subject, old, now, KeyPurposeId.id_kp_clientAuth, List.of(), List.of());
    }

    /**
     * The four kubeconfigs of secret node-kubeconfigs (KAS-op bindata/assets/kube-apiserver/node-kubeconfigs.yaml): user
     * system:admin with node-system-admin-client embedded, CA kube-apiserver-server-ca; localhost-recovery adds
     * tls-server-name localhost-recovery.
     */
    private Map<String, String> nodeKubeconfigs() {
        Pki.Issued admin = certs.nodeSystemAdminClient();
        String ca = Kubeconfig.base64(certs.servingSigner.certificatePem());
        String cert = Kubeconfig.base64(admin.certificatePem());
        String key = Kubeconfig.base64(admin.keyPem());
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "localhost.kubeconfig",
                new Kubeconfig("localhost", "https://localhost:6443", ca, null, "system:admin", null, cert, key, null)
                        .toYaml("system:admin"));
        files.put(
                "localhost-recovery.kubeconfig",
                new Kubeconfig(
                                "localhost-recovery",
                                "https://localhost:6443",
                                ca,
                                "localhost-recovery",
                                "system:admin",
                                null,
                                cert,
                                key,
                                null)
                        .toYaml("system:admin"));
        files.put(
                "lb-int.kubeconfig",
                new Kubeconfig(
                                "lb-int",
                                "https://api-int." + clusterDomain + ":6443",
                                ca,
                                null,
                                "system:admin",
                                null,
                                cert,
                                key,
                                null)
                        .toYaml("system:admin"));
        files.put(
                "lb-ext.kubeconfig",
                new Kubeconfig(
                                "lb-ext",
                                "https://api." + clusterDomain + ":6443",
                                ca,
                                null,
                                "system:admin",
                                null,
                                cert,
                                key,
                                null)
                        .toYaml("system:admin"));
        return files;
    }
}
