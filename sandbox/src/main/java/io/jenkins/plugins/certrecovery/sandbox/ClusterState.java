package io.jenkins.plugins.certrecovery.sandbox;

import java.nio.file.Files;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The one cluster state behind every host's tools: recovery API server, certificates, operators, nodes, kubelets and CSRs.
 * What the cluster does by itself (kubelets, CSR issuing, rollouts) happens when it reconciles: in real time on a 50 ms tick; in
 * simulated time before each tool call and whenever its {@link SandboxClock} moves. Every method is synchronized on this object.
 */
final class ClusterState implements AutoCloseable {
    static final String BOOTSTRAPPER = "system:serviceaccount:openshift-machine-config-operator:node-bootstrapper";
    static final List<String> BOOTSTRAPPER_GROUPS = List.of(
            "system:serviceaccounts:openshift-machine-config-operator",
            "system:serviceaccounts",
            "system:authenticated");
    static final List<String> NODE_GROUPS = List.of("system:nodes", "system:authenticated");
    static final List<String> CLIENT_USAGES = List.of("digital signature", "key encipherment", "client auth");
    static final List<String> SERVER_USAGES = List.of("digital signature", "key encipherment", "server auth");
    /** certificates.k8s.io/v1 signer names (4.6+; Kubernetes "Certificates and Certificate Signing Requests"). */
    static final String CLIENT_KUBELET_SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";

    static final String KUBELET_SERVING_SIGNER = "kubernetes.io/kubelet-serving";
    static final String APISERVER_CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client";
    /** ovn-kubernetes go-controller/pkg/util/kube.go: CN prefix, organization, usages, 24 h requested (openshift-4x-facts §5.4). */
    static final String OVN_NODE_PREFIX = "system:ovn-node:";

    static final String OVN_NODES = "system:ovn-nodes";
    static final List<String> OVN_USAGES = List.of("digital signature", "client auth");
    static final Duration OVN_CERT_LIFETIME = Duration.ofHours(24);
    static final String OVN_PEM_KIND = "ovnkube-client";
    static final String[] OPERATORS = {"kubeapiserver", "kubecontrollermanager", "kubescheduler"};
    private static final Duration TICK = Duration.ofMillis(50);
    /** k8s.io/apimachinery/pkg/util/rand: the alphabet of generated name suffixes. */
    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    /** The kubelet of one host. */
    static final class Kubelet {
        String state = "active";
        Instant startedAt;
        Instant bootstrapPossibleSince;
        Instant servingDueAt;
        String clientCsr;
        /** 4.6+: when the pending client CSR was posted; the kubelet posts a new one csrRetryInterval later. */
        Instant clientCsrPostedAt;

        String servingCsr;
        /** 4.14+: ovnkube-node's kube-apiserver-client CSR, posted with the serving CSR. */
        String ovnCsr;

        String problem = "";
        boolean ready;
    }

    /** One CSR object. */
    static final class Csr {
        final String name;
        final Instant created;
        final String username;
        final List<String> groups;
        final List<String> usages;
        final String requestPem;
        final KeyPair keyPair;
        final String node;
        final RogueCsr rogue;
        final Pki.RequestContents contents;
        /** certificates.k8s.io/v1 spec.signerName; null on 4.3 (v1beta1). */
        final String signerName;
        /** spec.expirationSeconds, or null. */
        final Long expirationSeconds;
        // Written under the state's lock, read by the tools without it: volatile keeps those reads current.
        volatile boolean approved;
        volatile boolean denied;
        volatile Instant approvedAt;
        volatile String certificatePem;

        Csr(
                String name,
                Instant created,
                String username,
                List<String> groups,
                List<String> usages,
                Pki.Request request,
                String node,
                RogueCsr rogue,
                String signerName,
                Long expirationSeconds) {
            this.signerName = signerName;
            this.expirationSeconds = expirationSeconds;
            this.name = name;
            this.created = created;
            this.username = username;
            this.groups = List.copyOf(groups);
            this.usages = List.copyOf(usages);
            this.requestPem = request.pem();
            this.keyPair = request.keyPair();
            this.node = node;
            this.rogue = rogue;
            this.contents = Pki.contents(Pki.parseRequest(request.pem()));
        }

        CsrStatus status() {
            return new CsrStatus(
                    name,
                    created,
                    username,
                    groups,
                    usages,
                    contents.commonName(),
                    contents.organizations(),
                    contents.dnsNames(),
                    contents.ipAddresses(),
                    approved,
                    denied,
                    certificatePem != null,
                    rogue,
                    signerName);
        }
    }

    final SandboxSpec spec;
    final ClusterCertificates certificates;
    final ControlPlane controlPlane;
    final Instant installedAt;
    /** When the hosts were switched on again: the sandbox's start. */
    final Instant bootedAt;

    final OpenShiftVersion version;
    final String bootstrapperToken;
    final String operatorImage;
    private final Map<String, SimHost> hosts = new LinkedHashMap<>();
    private final Map<String, Kubelet> kubelets = new LinkedHashMap<>();
    private final Map<String, Csr> csrs = new LinkedHashMap<>();
    private final Map<String, String> forceRedeploymentReasons = new LinkedHashMap<>();
    private final Map<String, Set<String>> pulledImages = new LinkedHashMap<>();
    private final List<ToolEvent> toolEvents = new ArrayList<>();
    private final List<ExecEvent> execEvents = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    final SandboxClock clock;
    /** Only in real time: the tick that makes the cluster catch up with the clock. */
    private final ScheduledExecutorService ticker;

    private String recoveryHost;
    private Instant recoveryCreatedAt;
    private boolean regenerated;
    private boolean apiserverNeverAnswers;
    private final Set<String> kubeletFailsOn;

    ClusterState(SandboxSpec spec, ClusterCertificates certificates, Instant now, List<SimHost> hostList) {
        this.spec = spec;
        this.certificates = certificates;
        this.clock = new SandboxClock(spec.clock(), now, this);
        this.installedAt = now.minus(Duration.ofDays(400));
        this.bootedAt = now;
        this.version = spec.ocpVersion();
        this.bootstrapperToken = fakeServiceAccountToken();
        this.operatorImage = "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:" + hex(32);
        this.controlPlane = new ControlPlane(
                certificates,
                spec.ocpVersion(),
                spec.clusterName() + "." + spec.baseDomain(),
                "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:" + hex(32),
                now);
        this.apiserverNeverAnswers = spec.apiserverNeverAnswers();
        this.kubeletFailsOn = new HashSet<>(spec.kubeletFailsOn());
        for (SimHost host : hostList) {
            hosts.put(host.name(), host);
            Kubelet kubelet = new Kubelet();
            // 4.3: the kubelets have been running since long before (they wait for regenerate-certificates); 4.6+: they
            // start
            // with the hosts.
            kubelet.startedAt = version.csrV1() ? now : installedAt;
            kubelets.put(host.name(), kubelet);
            pulledImages.put(host.name(), new HashSet<>());
        }
        // A release without ovnkube-node CSRs (before 4.14) has no forged ones either: withRogueCsrs(RogueCsr.values())
        // means
        // the rogues of this release.
        for (RogueCsr rogue : spec.rogueCsrs()) {
            if (!rogue.ovn() || version.ovnNodeCsrs()) {
                addRogue(rogue, now.minus(Duration.ofMinutes(5)));
            }
        }
        if (clock.simulated()) {
            ticker = null;
        } else {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "sandbox-cluster-tick");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleWithFixedDelay(this::reconcile, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private String fakeServiceAccountToken() {
        // A service-account token has the shape of a JWT: header.payload.signature, base64url.
        var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"RS256\",\"kid\":\"\"}".getBytes()) + "."
                + encoder.encodeToString(
                        ("{\"iss\":\"kubernetes/serviceaccount\",\"sub\":\"" + BOOTSTRAPPER + "\"}").getBytes())
                + "." + hex(64);
    }

    String hex(int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        StringBuilder text = new StringBuilder();
        for (byte b : data) {
            text.append(String.format("%02x", b));
        }
        return text.toString();
    }

    synchronized String randomSuffix(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
        }
        return text.toString();
    }

    // ---- hosts
    // --------------------------------------------------------------------------------------------------------

    SimHost host(String name) {
        SimHost host = hosts.get(name);
        if (host == null) {
            throw new IllegalArgumentException("no sandbox host named '" + name + "': hosts are " + hosts.keySet());
        }
        return host;
    }

    List<SimHost> hosts() {
        return List.copyOf(hosts.values());
    }

    List<SimHost> masters() {
        return hosts.values().stream().filter(SimHost::isMaster).toList();
    }

    // ---- events
    // -------------------------------------------------------------------------------------------------------

    synchronized void record(ToolEvent event) {
        toolEvents.add(event);
    }

    synchronized void record(ExecEvent event) {
        execEvents.add(event);
    }

    synchronized List<ToolEvent> toolEvents() {
        return List.copyOf(toolEvents);
    }

    synchronized List<ExecEvent> execEvents() {
        return List.copyOf(execEvents);
    }

    // ---- images
    // -------------------------------------------------------------------------------------------------------

    synchronized void pulled(String host, String image) {
        pulledImages.get(host).add(image);
    }

    synchronized boolean hasImage(String host, String image) {
        return pulledImages.get(host).contains(image);
    }

    // ---- recovery API server and the control plane -----------------------------------------------------------------

    synchronized void recoveryCreated(String host, Instant now) {
        recoveryHost = host;
        recoveryCreatedAt = now;
    }

    synchronized void recoveryDestroyed(String host) {
        if (host.equals(recoveryHost)) {
            recoveryHost = null;
            recoveryCreatedAt = null;
        }
    }

    /** The recovery API server answers once its delay has passed, while its static pod manifest is on its master. */
    synchronized boolean recoveryApiserverAnswers(Instant now) {
        if (recoveryHost == null || apiserverNeverAnswers) {
            return false;
        }
        if (!Files.exists(hosts.get(recoveryHost).path(HostFiles.RECOVERY_MANIFEST))) {
            return false;
        }
        return !now.isBefore(recoveryCreatedAt.plus(spec.apiserverStartDelay()));
    }

    synchronized Optional<String> recoveryHost() {
        return Optional.ofNullable(recoveryHost);
    }

    synchronized void setApiserverNeverAnswers(boolean never) {
        apiserverNeverAnswers = never;
    }

    /**
     * 4.6+: each master's kube-apiserver answers on localhost:6443 (and through api-int) once it has started,
     * {@code apiserverStartDelay} after the boot; at that moment its cert-regeneration controller and the kube-controller-manager's
     * recovery controller regenerate what expired ({@link #reconcile}).
     */
    synchronized boolean apiserverAnswers(Instant now) {
        return version.csrV1() && !apiserverNeverAnswers && !now.isBefore(apiserverStartsAt());
    }

    private Instant apiserverStartsAt() {
        return bootedAt.plus(spec.apiserverStartDelay());
    }

    /** regenerate-certificates ran: the cluster's own API server serves valid certificates again and the csr-signer works. */
    synchronized void certificatesRegenerated(Instant now) {
        certificates.regenerate(now);
        controlPlane.regenerate(now);
        regenerated = true;
    }

    synchronized boolean regenerated() {
        return regenerated;
    }

    synchronized Optional<String> forceRedeploymentReason(String operator) {
        return Optional.ofNullable(forceRedeploymentReasons.get(operator));
    }

    /**
     * A changed reason makes the operator roll out a new revision.
     *
     * @return false when the value did not change (kubectl's "patched (no change)")
     */
    synchronized boolean setForceRedeploymentReason(String operator, String reason) {
        boolean changed = !reason.equals(forceRedeploymentReasons.put(operator, reason));
        if (changed) {
            controlPlane.newRevision(operator);
        }
        return changed;
    }

    // ---- kubelets
    // -----------------------------------------------------------------------------------------------------

    synchronized String kubeletState(String host) {
        return kubelets.get(host).state;
    }

    /** @return false when the kubelet failed to start (fault) */
    synchronized boolean startKubelet(String host, Instant now) {
        Kubelet kubelet = kubelets.get(host);
        if (kubeletFailsOn.contains(host)) {
            kubelet.state = "failed";
            kubelet.ready = false;
            kubelet.problem = "kubelet.service: Main process exited, code=exited, status=255/EXCEPTION";
            return false;
        }
        if (!"active".equals(kubelet.state)) {
            kubelet.state = "active";
            kubelet.startedAt = now;
            kubelet.bootstrapPossibleSince = null;
            kubelet.servingDueAt = null;
            kubelet.problem = "";
        }
        return true;
    }

    synchronized void stopKubelet(String host) {
        Kubelet kubelet = kubelets.get(host);
        kubelet.state = "inactive";
        kubelet.ready = false;
    }

    synchronized void setKubeletFails(String host, boolean fails) {
        host(host);
        if (fails) {
            kubeletFailsOn.add(host);
        } else {
            kubeletFailsOn.remove(host);
        }
    }

    synchronized List<SimulatedNode> nodes() {
        List<SimulatedNode> nodes = new ArrayList<>();
        for (SimHost host : hosts.values()) {
            Kubelet kubelet = kubelets.get(host.name());
            nodes.add(new SimulatedNode(host.name(), host.role(), kubelet.ready, kubelet.state, kubelet.problem));
        }
        return nodes;
    }

    /**
     * 4.3: all nodes Ready, certificates regenerated, the three operators told to redeploy, no recovery API server left. 4.6+: the
     * API answers, all nodes Ready and every master runs the latest revisions.
     */
    synchronized boolean healthy() {
        if (version.csrV1()) {
            return regenerated
                    && kubelets.values().stream().allMatch(k -> k.ready)
                    && controlPlane.rolledOut(masters());
        }
        boolean recoveryGone = masters().stream().noneMatch(m -> Files.exists(m.path(HostFiles.RECOVERY_MANIFEST)));
        boolean reasons = List.of(OPERATORS).stream().allMatch(forceRedeploymentReasons::containsKey);
        return regenerated
                && reasons
                && recoveryGone
                && kubelets.values().stream().allMatch(k -> k.ready);
    }

    /** The cluster's time now. */
    Instant now() {
        return clock.instant();
    }

    /** Does what is due at the clock's time and what the hosts' files allow now. */
    synchronized void reconcile() {
        Instant now = clock.instant();
        try {
            if (!regenerated && apiserverAnswers(now)) {
                // 4.6+ automatic recovery (openshift-4x-facts §3.7, §7): the cert-regeneration controllers renew what
                // expired,
                // the cert-syncers write the cert secrets to every master.
                certificates.regenerate(now);
                controlPlane.regenerate(now);
                controlPlane.syncCertDirs(masters());
                regenerated = true;
            }
            for (SimHost host : hosts.values()) {
                Kubelet kubelet = kubelets.get(host.name());
                reconcileKubelet(host, kubelet, now);
                if (host.isMaster() && kubelet.ready) {
                    // The operators' installer pods run on a master once its kubelet is back.
                    controlPlane.rollOut(host);
                }
            }
            if (version.csrV1()
                    && masters().stream().allMatch(m -> kubelets.get(m.name()).ready)
                    && certificates.renewNodeSystemAdminClientIfExpired(now)) {
                // DERIVED: with the masters Ready the operator runs again; its rotation renews node-system-admin-client
                // and
                // NodeKubeconfigController rebuilds node-kubeconfigs, which the cert-syncers write to disk.
                controlPlane.rebuildNodeKubeconfigs(now);
                controlPlane.syncCertDirs(masters());
            }
            if (regenerated) {
                for (Csr csr : csrs.values()) {
                    if (csr.approved && !csr.denied && csr.certificatePem == null) {
                        issue(csr, now);
                    }
                }
            }
        } catch (RuntimeException e) {
            // A broken host directory (removed by a test) must not stop the other hosts' kubelets.
            System.err.println("sandbox: cluster reconcile failed: " + e);
        }
    }

    /** Simulated time: a tool call sees the cluster caught up with the hosts' files (written over SSH since the last call). */
    void toolCallArrived() {
        if (clock.simulated()) {
            reconcile();
        }
    }

    /** Stepped time: the answered call lets the cluster's time move on to its next change. */
    void toolCallAnswered() {
        if (clock.mode() == SandboxClock.Mode.STEPPED_BY_TOOL_CALLS) {
            advanceToNextChange();
        }
    }

    /** Simulated time moves forward, stopping at each moment something falls due. */
    synchronized void advance(Duration duration) {
        Instant target = clock.instant().plus(duration);
        reconcile();
        for (Optional<Instant> next = nextChange();
                next.isPresent() && !next.get().isAfter(target);
                next = nextChange()) {
            clock.set(next.get());
            reconcile();
        }
        clock.set(target);
        reconcile();
    }

    /**
     * Simulated time moves to the next moment at which the cluster changes by itself.
     *
     * @return false when nothing is due: nothing changes until someone acts (approves a CSR, writes a file, starts a kubelet)
     */
    synchronized boolean advanceToNextChange() {
        reconcile();
        Optional<Instant> next = nextChange();
        if (next.isEmpty()) {
            return false;
        }
        clock.set(next.get());
        reconcile();
        return true;
    }

    /** The earliest moment after now at which a timer of the cluster falls due: the recovery API server's start, a kubelet's. */
    private Optional<Instant> nextChange() {
        Instant now = clock.instant();
        List<Instant> due = new ArrayList<>();
        if (recoveryHost != null && !apiserverNeverAnswers) {
            due.add(recoveryCreatedAt.plus(spec.apiserverStartDelay()));
        }
        if (version.csrV1() && !regenerated && !apiserverNeverAnswers) {
            due.add(apiserverStartsAt());
        }
        for (Kubelet kubelet : kubelets.values()) {
            if ("active".equals(kubelet.state) && !kubelet.ready) {
                due.add(kubelet.startedAt.plus(spec.kubeletStartDelay()));
                if (kubelet.bootstrapPossibleSince != null) {
                    due.add(kubelet.bootstrapPossibleSince.plus(spec.csrDelay()));
                }
                if (kubelet.servingDueAt != null) {
                    due.add(kubelet.servingDueAt);
                }
                if (version.csrV1() && kubelet.clientCsrPostedAt != null) {
                    due.add(kubelet.clientCsrPostedAt.plus(spec.csrRetryInterval()));
                }
            }
        }
        return due.stream().filter(t -> t.isAfter(now)).min(Instant::compareTo);
    }

    /** What a test that waited in vain needs to know: the clock, the recovery API server, the nodes and the CSRs. */
    synchronized String describe() {
        StringBuilder text = new StringBuilder("cluster time ").append(clock.instant());
        text.append("; OpenShift ").append(version.text());
        if (version.csrV1()) {
            text.append("; kube-apiserver: ").append(apiserverAnswers(clock.instant()) ? "answering" : "not answering");
        } else {
            text.append("; recovery API server: ")
                    .append(
                            recoveryHost == null
                                    ? "none"
                                    : "on " + recoveryHost + ", "
                                            + (recoveryApiserverAnswers(clock.instant())
                                                    ? "answering"
                                                    : "not answering"));
        }
        text.append("; certificates regenerated: ").append(regenerated ? "yes" : "no");
        for (SimulatedNode node : nodes()) {
            text.append("; ")
                    .append(node.name())
                    .append(node.ready() ? " Ready" : " NotReady")
                    .append(", kubelet ")
                    .append(node.kubeletState());
            if (!node.kubeletProblem().isEmpty()) {
                text.append(": ").append(node.kubeletProblem());
            }
        }
        for (Csr csr : csrObjects()) {
            text.append("; ")
                    .append(csr.name)
                    .append(' ')
                    .append(csr.status().condition())
                    .append(" (")
                    .append(csr.username)
                    .append(" for ")
                    .append(csr.contents.commonName())
                    .append(')');
        }
        return text.toString();
    }

    /**
     * One step of a kubelet. Nothing works before the API server's certificates are regenerated. Without a valid client
     * certificate it bootstraps (bootstrap kubeconfig with the bootstrapper token, or on 4.6+ masters the node-bootstrapper
     * client certificate; a kubelet-ca.crt matching the cluster's kube-apiserver-to-kubelet CA) and posts a client CSR; once that is issued it
     * writes the certificate into pki/ and, after a delay, posts a serving CSR; with both certificates valid and the control
     * plane serving, the node is Ready. 4.6+: while its client CSR is pending it posts a new one every csrRetryInterval; on 4.14+
     * the node also needs ovnkube-node's client certificate, asked for with the serving CSR.
     */
    private void reconcileKubelet(SimHost host, Kubelet kubelet, Instant now) {
        if (!"active".equals(kubelet.state)
                || kubelet.ready
                || now.isBefore(kubelet.startedAt.plus(spec.kubeletStartDelay()))) {
            return;
        }
        if (!regenerated) {
            // 4.3: the kubelet reaches the API through api-int, whose serving certificate stays expired until
            // regenerate-certificates. 4.6+: no kube-apiserver answers yet.
            kubelet.problem = version.csrV1()
                    ? "Unable to register node with API server: Post \"" + spec.apiServerInternalUri()
                            + "/api/v1/nodes\": dial tcp "
                            + spec.apiServerInternalUri().replaceFirst("^https://", "")
                            + ": connect: connection refused"
                    : "Unable to register node with API server: x509: certificate has expired or is not yet valid";
            return;
        }
        Optional<X509Certificate> client = HostFiles.kubeletCertificate(host, "kubelet-client")
                .filter(c -> HostFiles.validAt(c, now) && Pki.commonName(c).equals("system:node:" + host.name()));
        if (client.isEmpty()) {
            Csr own = kubelet.clientCsr == null ? null : csrs.get(kubelet.clientCsr);
            if (own != null && own.certificatePem != null) {
                HostFiles.writeKubeletPem(
                        host, "kubelet-client", own.certificatePem, Pki.pem(own.keyPair.getPrivate()), now);
                writeKubeletKubeconfig(host);
                kubelet.servingDueAt = now.plus(spec.servingCsrDelay());
                kubelet.clientCsrPostedAt = null;
                kubelet.problem = "";
                return;
            }
            boolean retry = version.csrV1()
                    && own != null
                    && !own.denied
                    && kubelet.clientCsrPostedAt != null
                    && !now.isBefore(kubelet.clientCsrPostedAt.plus(spec.csrRetryInterval()));
            if (own != null && !own.denied && !retry) {
                kubelet.problem = "waiting for the client CSR " + own.name + " to be approved and issued";
                return;
            }
            String bootstrapProblem = bootstrapProblem(host);
            kubelet.problem = bootstrapProblem;
            if (!bootstrapProblem.isEmpty()) {
                kubelet.bootstrapPossibleSince = null;
                return;
            }
            if (kubelet.bootstrapPossibleSince == null) {
                kubelet.bootstrapPossibleSince = now;
            }
            if (retry || !now.isBefore(kubelet.bootstrapPossibleSince.plus(spec.csrDelay()))) {
                // 4.6+: a kubelet without a valid client certificate exits while its CSR is pending (transport.go
                // watchdog) and
                // systemd starts it again with a new key and a new CSR; the old CSR stays Pending.
                Pki.Request request = certificates.pki.certificateRequest(
                        Pki.Subject.of("system:node:" + host.name(), "system:nodes"), List.of(), List.of());
                Csr csr = addCsr(
                        BOOTSTRAPPER,
                        BOOTSTRAPPER_GROUPS,
                        CLIENT_USAGES,
                        request,
                        host.name(),
                        null,
                        now,
                        CLIENT_KUBELET_SIGNER,
                        null);
                kubelet.clientCsr = csr.name;
                kubelet.clientCsrPostedAt = now;
                kubelet.problem = "waiting for the client CSR " + csr.name + " to be approved and issued";
            }
            return;
        }
        boolean servingDone = HostFiles.kubeletCertificate(host, "kubelet-server")
                .filter(c -> HostFiles.validAt(c, now) && Pki.commonName(c).equals("system:node:" + host.name()))
                .isPresent();
        Csr serving = kubelet.servingCsr == null ? null : csrs.get(kubelet.servingCsr);
        if (!servingDone && serving != null && serving.certificatePem != null) {
            HostFiles.writeKubeletPem(
                    host, "kubelet-server", serving.certificatePem, Pki.pem(serving.keyPair.getPrivate()), now);
            servingDone = true;
        }
        // 4.14+ (DERIVED): without its client certificate ovnkube-node cannot start, the CNI configuration in /run is
        // not written
        // again after the reboot and the node stays NotReady.
        boolean ovnDone = !version.ovnNodeCsrs()
                || HostFiles.currentCertificate(host, HostFiles.OVN_CERT_DIR, OVN_PEM_KIND)
                        .filter(c -> HostFiles.validAt(c, now))
                        .isPresent();
        Csr ovn = kubelet.ovnCsr == null ? null : csrs.get(kubelet.ovnCsr);
        if (!ovnDone && ovn != null && ovn.certificatePem != null) {
            HostFiles.writeRotatedPem(
                    host,
                    HostFiles.OVN_CERT_DIR,
                    OVN_PEM_KIND,
                    ovn.certificatePem,
                    Pki.pem(ovn.keyPair.getPrivate()),
                    now);
            ovnDone = true;
        }
        if (servingDone && ovnDone) {
            kubelet.ready = true;
            kubelet.problem = "";
            return;
        }
        if (kubelet.servingDueAt == null) {
            kubelet.servingDueAt = now.plus(spec.servingCsrDelay());
        }
        if (now.isBefore(kubelet.servingDueAt)) {
            return;
        }
        List<String> waiting = new ArrayList<>();
        if (!servingDone) {
            if (serving == null || serving.denied) {
                Pki.Request request = certificates.pki.certificateRequest(
                        Pki.Subject.of("system:node:" + host.name(), "system:nodes"),
                        List.of(host.name()),
                        List.of(host.ip()));
                serving = addCsr(
                        "system:node:" + host.name(),
                        NODE_GROUPS,
                        SERVER_USAGES,
                        request,
                        host.name(),
                        null,
                        now,
                        KUBELET_SERVING_SIGNER,
                        null);
                kubelet.servingCsr = serving.name;
            }
            waiting.add("the serving CSR " + serving.name);
        }
        if (!ovnDone) {
            if (ovn == null || ovn.denied) {
                // ovnkube-node asks with the node's own identity (the kubelet's kubeconfig), hence requestor
                // system:node:X.
                Pki.Request request = certificates.pki.certificateRequest(
                        Pki.Subject.of(OVN_NODE_PREFIX + host.name(), OVN_NODES), List.of(), List.of());
                ovn = addCsr(
                        "system:node:" + host.name(),
                        NODE_GROUPS,
                        OVN_USAGES,
                        request,
                        host.name(),
                        null,
                        now,
                        APISERVER_CLIENT_SIGNER,
                        OVN_CERT_LIFETIME.getSeconds());
                kubelet.ovnCsr = ovn.name;
            }
            waiting.add("the ovnkube-node CSR " + ovn.name);
        }
        kubelet.problem = "waiting for " + String.join(" and ", waiting) + " to be approved and issued";
    }

    /** Why this host's kubelet cannot bootstrap, in the words of its journal; empty when it can. */
    private String bootstrapProblem(SimHost host) {
        Optional<String> text = HostFiles.read(host.path(HostFiles.BOOTSTRAP_KUBECONFIG));
        if (text.isEmpty()) {
            return "failed to run Kubelet: unable to load bootstrap kubeconfig: stat " + HostFiles.BOOTSTRAP_KUBECONFIG
                    + ": no such file or directory";
        }
        Kubeconfig kubeconfig;
        try {
            kubeconfig = Kubeconfig.parse(text.get());
        } catch (IllegalArgumentException e) {
            return "failed to run Kubelet: unable to load bootstrap kubeconfig: " + e.getMessage();
        }
        X509Certificate bootstrapCertificate = kubeconfig.clientCertificate();
        boolean certificateOk = version.csrV1()
                && bootstrapCertificate != null
                && HostFiles.validAt(bootstrapCertificate, now())
                && Pki.commonName(bootstrapCertificate).equals(BOOTSTRAPPER);
        if (!certificateOk && !bootstrapperToken.equals(kubeconfig.token())) {
            return "Failed while requesting a signed certificate from the master: cannot create certificate signing request: "
                    + "Unauthorized";
        }
        X509Certificate ca = kubeconfig.certificateAuthority();
        if (ca == null || !ca.equals(certificates.rootCa.certificate())) {
            return "Failed while requesting a signed certificate from the master: x509: certificate signed by unknown authority";
        }
        List<X509Certificate> kubeletCa = HostFiles.read(host.path(HostFiles.KUBELET_CA))
                .map(Pki::parseCertificates)
                .orElse(List.of());
        if (!kubeletCa.contains(certificates.kubeletClientSigner().certificate())) {
            return "failed to run Kubelet: " + HostFiles.KUBELET_CA
                    + " does not hold the cluster's kube-apiserver-to-kubelet CA"
                    + " (kube-apiserver-to-kubelet-client-ca)";
        }
        return "";
    }

    private void writeKubeletKubeconfig(SimHost host) {
        String pem = HostFiles.KUBELET_PKI + "/kubelet-client-current.pem";
        Kubeconfig kubeconfig = new Kubeconfig(
                "default-cluster",
                spec.apiServerInternalUri(),
                Kubeconfig.base64(certificates.rootCa.certificatePem()),
                null,
                "default-auth",
                null,
                null,
                null,
                pem);
        HostFiles.write(host.path(HostFiles.KUBELET_KUBECONFIG), kubeconfig.toYaml("default-context"));
    }

    // ---- CSRs -----------------------------------------------------------------------------------------------------

    private Csr addCsr(
            String username,
            List<String> groups,
            List<String> usages,
            Pki.Request request,
            String node,
            RogueCsr rogue,
            Instant now,
            String signerName,
            Long expirationSeconds) {
        String name;
        do {
            name = "csr-" + randomSuffix(5);
        } while (csrs.containsKey(name));
        // v1beta1 (4.3) has no signerName in this simulation's output; v1 requires it.
        Csr csr = new Csr(
                name,
                now,
                username,
                groups,
                usages,
                request,
                node,
                rogue,
                version.csrV1() ? signerName : null,
                version.requestedDuration() ? expirationSeconds : null);
        csrs.put(name, csr);
        return csr;
    }

    synchronized CsrStatus addRogue(RogueCsr rogue, Instant now) {
        if (rogue.ovn() && !version.ovnNodeCsrs()) {
            throw new IllegalArgumentException("rogue CSR " + rogue + " imitates ovnkube-node's CSRs, which OpenShift "
                    + version.text() + " does not have: use OpenShift 4.14 or later");
        }
        String firstMaster = masters().get(0).name();
        String someWorker = hosts.values().stream()
                .filter(h -> !h.isMaster())
                .map(SimHost::name)
                .reduce((a, b) -> b)
                .orElse(firstMaster);
        Pki.Subject subject;
        String user;
        List<String> groups;
        List<String> usages;
        String signer = CLIENT_KUBELET_SIGNER;
        Long expiration = null;
        switch (rogue) {
            case WRONG_REQUESTOR_FOR_MASTER -> {
                subject = Pki.Subject.of("system:node:" + firstMaster, "system:nodes");
                user = "system:serviceaccount:default:default";
                groups = List.of("system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated");
                usages = CLIENT_USAGES;
            }
            case BOOTSTRAPPER_FOR_UNKNOWN_NODE -> {
                subject = Pki.Subject.of("system:node:intruder-0", "system:nodes");
                user = BOOTSTRAPPER;
                groups = BOOTSTRAPPER_GROUPS;
                usages = CLIENT_USAGES;
            }
            case CLIENT_CSR_WITH_SERVER_AUTH -> {
                subject = Pki.Subject.of("system:node:" + someWorker, "system:nodes");
                user = BOOTSTRAPPER;
                groups = BOOTSTRAPPER_GROUPS;
                usages = List.of("digital signature", "key encipherment", "client auth", "server auth");
            }
            case OVN_CLIENT_FOR_ANOTHER_NODE -> {
                subject = Pki.Subject.of(OVN_NODE_PREFIX + firstMaster, OVN_NODES);
                user = "system:node:" + someWorker;
                groups = NODE_GROUPS;
                usages = OVN_USAGES;
                signer = APISERVER_CLIENT_SIGNER;
                expiration = OVN_CERT_LIFETIME.getSeconds();
            }
            case OVN_CLIENT_WRONG_ORGANIZATION -> {
                subject = Pki.Subject.of(OVN_NODE_PREFIX + someWorker, "system:nodes");
                user = "system:node:" + someWorker;
                groups = NODE_GROUPS;
                usages = OVN_USAGES;
                signer = APISERVER_CLIENT_SIGNER;
                expiration = OVN_CERT_LIFETIME.getSeconds();
            }
            default -> throw new IllegalArgumentException("unknown rogue CSR " + rogue);
        }
        Pki.Request request = certificates.pki.certificateRequest(subject, List.of(), List.of());
        return addCsr(user, groups, usages, request, null, rogue, now, signer, expiration)
                .status();
    }

    /** CSRs by name, the order in which the API server lists them (etcd key order). */
    synchronized List<Csr> csrObjects() {
        return csrs.values().stream()
                .sorted(java.util.Comparator.comparing(c -> c.name))
                .toList();
    }

    synchronized Optional<Csr> csr(String name) {
        return Optional.ofNullable(csrs.get(name));
    }

    synchronized List<CsrStatus> csrs() {
        return csrs.values().stream().map(Csr::status).toList();
    }

    /** Approves a CSR; the csr-signer issues it at once when it works (after regenerate-certificates), else never. */
    synchronized void approve(Csr csr, Instant now) {
        if (!csr.approved) {
            csr.approved = true;
            csr.approvedAt = now;
        }
        if (regenerated && csr.certificatePem == null && !csr.denied) {
            issue(csr, now);
        }
    }

    synchronized void deny(Csr csr) {
        csr.denied = true;
    }

    private void issue(Csr csr, Instant now) {
        KeyPurposeId usage =
                csr.usages.contains("server auth") ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth;
        // The in-tree signers honour expirationSeconds up to --cluster-signing-duration (720h) (openshift-4x-facts
        // §4.4).
        Duration lifetime = csr.expirationSeconds == null
                ? ClusterCertificates.LEAF
                : Duration.ofSeconds(Math.min(csr.expirationSeconds, ClusterCertificates.LEAF.getSeconds()));
        X509Certificate certificate = certificates.pki.signRequest(
                certificates.csrSigner(),
                Pki.parseRequest(csr.requestPem),
                now.minus(Duration.ofMinutes(1)),
                now.plus(lifetime),
                usage,
                csr.contents.dnsNames(),
                csr.contents.ipAddresses());
        csr.certificatePem = Pki.pem(certificate);
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
