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
    record Component(String operator, String podName, String namespace, String revisionPrefix, String manifest, String certDir,
                     int initialRevision, List<String> revisionObjects, List<String> certObjects) {
        String revisionDir(int revision) {
            return HostFiles.RESOURCES + "/" + revisionPrefix + "-" + revision;
        }

        /** 4.3 names the containers after the revision (kube-apiserver-7); 4.4 renamed it kube-apiserver (KAO PR #755). */
        String containerName(int revision) {
            return operator.equals("kubescheduler") ? "scheduler" : podName + "-" + revision;
        }
    }

    static final List<Component> COMPONENTS = List.of(
            new Component("kubeapiserver", "kube-apiserver", "openshift-kube-apiserver", "kube-apiserver-pod",
                    HostFiles.KAS_MANIFEST, HostFiles.KAS_CERT_DIR, 7,
                    List.of("secrets/kubelet-client", "secrets/etcd-client", "configmaps/etcd-serving-ca",
                            "configmaps/kubelet-serving-ca"),
                    List.of("secrets/service-network-serving-certkey", "secrets/localhost-serving-cert-certkey",
                            "secrets/internal-loadbalancer-serving-certkey", "secrets/external-loadbalancer-serving-certkey",
                            "configmaps/client-ca")),
            new Component("kubecontrollermanager", "kube-controller-manager", "openshift-kube-controller-manager",
                    "kube-controller-manager-pod", HostFiles.KCM_MANIFEST, HostFiles.KCM_CERT_DIR, 5,
                    List.of("secrets/csr-signer", "secrets/kube-controller-manager-client-cert-key"),
                    // The kube-controller-manager signs CSRs with static-pod-certs/secrets/csr-signer (its cert-dir).
                    List.of("secrets/csr-signer")),
            new Component("kubescheduler", "openshift-kube-scheduler", "openshift-kube-scheduler", "kube-scheduler-pod",
                    HostFiles.SCHEDULER_MANIFEST, HostFiles.SCHEDULER_CERT_DIR, 6,
                    List.of("secrets/kube-scheduler-client-cert-key"), List.of()));

    /** The objects the cert-rotation RunOnce and the derivative steps of regenerate-certificates renew. */
    private static final List<String> RENEWED = List.of("secrets/service-network-serving-certkey",
            "secrets/localhost-serving-cert-certkey", "secrets/internal-loadbalancer-serving-certkey",
            "secrets/external-loadbalancer-serving-certkey", "secrets/kubelet-client", "secrets/kube-controller-manager-client-cert-key",
            "secrets/kube-scheduler-client-cert-key", "secrets/csr-signer", "configmaps/client-ca", "configmaps/kubelet-serving-ca");

    private final ClusterCertificates certs;
    private final String clusterDomain;
    private final String image;
    private final Map<String, Map<String, String>> objects = new LinkedHashMap<>();
    private final Map<String, Integer> latestRevision = new HashMap<>();
    private final Map<String, Map<String, Integer>> installed = new HashMap<>();

    ControlPlane(ClusterCertificates certs, String clusterDomain, String image, Instant now) {
        this.certs = certs;
        this.clusterDomain = clusterDomain;
        this.image = image;
        for (Component component : COMPONENTS) {
            latestRevision.put(component.operator(), component.initialRevision());
            for (String object : concat(component.revisionObjects(), component.certObjects())) {
                // etcd's client certificate is etcd's business and not part of this recovery: it starts valid.
                objects.computeIfAbsent(object, o -> make(o, certs.initiallyExpired() && !o.equals("secrets/etcd-client"), now));
            }
        }
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

    /** regenerate-certificates: the signers are renewed first ({@link ClusterCertificates#regenerate}), then these objects. */
    synchronized void regenerate(Instant now) {
        for (String object : RENEWED) {
            objects.put(object, make(object, false, now));
        }
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
        for (Component component : COMPONENTS) {
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
            snapshot.get(object).forEach((file, content) ->
                    HostFiles.write(master.path(revisionDir + "/" + object + "/" + file), content));
        }
        for (String object : component.certObjects()) {
            snapshot.get(object).forEach((file, content) ->
                    HostFiles.write(master.path(component.certDir() + "/" + object + "/" + file), content));
        }
        String manifest = HostFiles.staticPodManifest(component.podName(), component.namespace(), component.containerName(revision),
                image, revisionDir, component.certDir(), revision);
        String manifestName = component.manifest().substring(component.manifest().lastIndexOf('/') + 1);
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
            case "configmaps/etcd-serving-ca" -> files.put("ca-bundle.crt", certs.etcdSigner.certificatePem());
            // openshift-config-managed/csr-controller-ca synced into kube-apiserver's kubelet-serving-ca: the CSR signer's CA.
            case "configmaps/kubelet-serving-ca" -> files.put("ca-bundle.crt", certs.csrSigner().certificatePem());
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
            case "service-network-serving-certkey" -> certs.leaf(certs.servingSigner, Pki.Subject.of("172.30.0.1"), old, now,
                    KeyPurposeId.id_kp_serverAuth, List.of("kubernetes", "kubernetes.default", "kubernetes.default.svc",
                            "kubernetes.default.svc.cluster.local", "openshift", "openshift.default", "openshift.default.svc"),
                    List.of("172.30.0.1"));
            case "localhost-serving-cert-certkey" -> certs.leaf(certs.servingSigner, Pki.Subject.of("127.0.0.1"), old, now,
                    KeyPurposeId.id_kp_serverAuth, List.of("localhost"), List.of("127.0.0.1", "::1"));
            case "internal-loadbalancer-serving-certkey" -> certs.leaf(certs.servingSigner, Pki.Subject.of("api-int." + clusterDomain),
                    old, now, KeyPurposeId.id_kp_serverAuth, List.of("api-int." + clusterDomain), List.of());
            case "external-loadbalancer-serving-certkey" -> certs.leaf(certs.servingSigner, Pki.Subject.of("api." + clusterDomain),
                    old, now, KeyPurposeId.id_kp_serverAuth, List.of("api." + clusterDomain), List.of());
            case "kube-controller-manager-client-cert-key" -> certs.leaf(certs.controlPlaneSigner(),
                    Pki.Subject.of("system:kube-controller-manager"), old, now, KeyPurposeId.id_kp_clientAuth, List.of(), List.of());
            case "kube-scheduler-client-cert-key" -> certs.leaf(certs.controlPlaneSigner(), Pki.Subject.of("system:kube-scheduler"),
                    old, now, KeyPurposeId.id_kp_clientAuth, List.of(), List.of());
            case "kubelet-client" -> certs.leaf(certs.kubeletClientSigner(), Pki.Subject.of("system:kube-apiserver", "kube-master"),
                    old, now, KeyPurposeId.id_kp_clientAuth, List.of(), List.of());
            case "etcd-client" -> certs.leaf(certs.etcdSigner, Pki.Subject.of("etcd", "etcd"), old, now,
                    KeyPurposeId.id_kp_clientAuth, List.of(), List.of());
            case "csr-signer" -> certs.csrSigner();
            default -> throw new IllegalArgumentException("no control-plane secret named " + name);
        };
    }
}
