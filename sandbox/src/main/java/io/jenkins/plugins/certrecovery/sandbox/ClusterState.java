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
    static final List<String> BOOTSTRAPPER_GROUPS = List.of("system:serviceaccounts:openshift-machine-config-operator",
            "system:serviceaccounts", "system:authenticated");
    static final List<String> NODE_GROUPS = List.of("system:nodes", "system:authenticated");
    static final List<String> CLIENT_USAGES = List.of("digital signature", "key encipherment", "client auth");
    static final List<String> SERVER_USAGES = List.of("digital signature", "key encipherment", "server auth");
    static final String KUBERNETES_VERSION = "v1.16.2";
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
        String servingCsr;
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
        // Written under the state's lock, read by the tools without it: volatile keeps those reads current.
        volatile boolean approved;
        volatile boolean denied;
        volatile Instant approvedAt;
        volatile String certificatePem;

        Csr(String name, Instant created, String username, List<String> groups, List<String> usages, Pki.Request request,
            String node, RogueCsr rogue) {
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
            return new CsrStatus(name, created, username, groups, usages, contents.commonName(), contents.organizations(),
                    contents.dnsNames(), contents.ipAddresses(), approved, denied, certificatePem != null, rogue);
        }
    }

    final SandboxSpec spec;
    final ClusterCertificates certificates;
    final ControlPlane controlPlane;
    final Instant installedAt;
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
        this.bootstrapperToken = fakeServiceAccountToken();
        this.operatorImage = "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:" + hex(32);
        this.controlPlane = new ControlPlane(certificates, spec.clusterName() + "." + spec.baseDomain(),
                "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:" + hex(32), now);
        this.apiserverNeverAnswers = spec.apiserverNeverAnswers();
        this.kubeletFailsOn = new HashSet<>(spec.kubeletFailsOn());
        for (SimHost host : hostList) {
            hosts.put(host.name(), host);
            Kubelet kubelet = new Kubelet();
            kubelet.startedAt = installedAt;
            kubelets.put(host.name(), kubelet);
            pulledImages.put(host.name(), new HashSet<>());
        }
        for (RogueCsr rogue : spec.rogueCsrs()) {
            addRogue(rogue, now.minus(Duration.ofMinutes(5)));
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
                + encoder.encodeToString(("{\"iss\":\"kubernetes/serviceaccount\",\"sub\":\"" + BOOTSTRAPPER + "\"}").getBytes())
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

    // ---- hosts --------------------------------------------------------------------------------------------------------

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

    // ---- events -------------------------------------------------------------------------------------------------------

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

    // ---- images -------------------------------------------------------------------------------------------------------

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

    // ---- kubelets -----------------------------------------------------------------------------------------------------

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

    /** All nodes Ready, certificates regenerated, the three operators told to redeploy, no recovery API server left. */
    synchronized boolean healthy() {
        boolean recoveryGone = masters().stream().noneMatch(m -> Files.exists(m.path(HostFiles.RECOVERY_MANIFEST)));
        boolean reasons = List.of(OPERATORS).stream().allMatch(forceRedeploymentReasons::containsKey);
        return regenerated && reasons && recoveryGone && kubelets.values().stream().allMatch(k -> k.ready);
    }

    /** The cluster's time now. */
    Instant now() {
        return clock.instant();
    }

    /** Does what is due at the clock's time and what the hosts' files allow now. */
    synchronized void reconcile() {
        Instant now = clock.instant();
        try {
            for (SimHost host : hosts.values()) {
                Kubelet kubelet = kubelets.get(host.name());
                reconcileKubelet(host, kubelet, now);
                if (host.isMaster() && kubelet.ready) {
                    // The operators' installer pods run on a master once its kubelet is back.
                    controlPlane.rollOut(host);
                }
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
        for (Optional<Instant> next = nextChange(); next.isPresent() && !next.get().isAfter(target); next = nextChange()) {
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
        for (Kubelet kubelet : kubelets.values()) {
            if ("active".equals(kubelet.state) && !kubelet.ready) {
                due.add(kubelet.startedAt.plus(spec.kubeletStartDelay()));
                if (kubelet.bootstrapPossibleSince != null) {
                    due.add(kubelet.bootstrapPossibleSince.plus(spec.csrDelay()));
                }
                if (kubelet.servingDueAt != null) {
                    due.add(kubelet.servingDueAt);
                }
            }
        }
        return due.stream().filter(t -> t.isAfter(now)).min(Instant::compareTo);
    }

    /** What a test that waited in vain needs to know: the clock, the recovery API server, the nodes and the CSRs. */
    synchronized String describe() {
        StringBuilder text = new StringBuilder("cluster time ").append(clock.instant());
        text.append("; recovery API server: ").append(recoveryHost == null ? "none" : "on " + recoveryHost + ", "
                + (recoveryApiserverAnswers(clock.instant()) ? "answering" : "not answering"));
        text.append("; certificates regenerated: ").append(regenerated ? "yes" : "no");
        for (SimulatedNode node : nodes()) {
            text.append("; ").append(node.name()).append(node.ready() ? " Ready" : " NotReady").append(", kubelet ")
                    .append(node.kubeletState());
            if (!node.kubeletProblem().isEmpty()) {
                text.append(": ").append(node.kubeletProblem());
            }
        }
        for (Csr csr : csrObjects()) {
            text.append("; ").append(csr.name).append(' ').append(csr.status().condition()).append(" (").append(csr.username)
                    .append(" for ").append(csr.contents.commonName()).append(')');
        }
        return text.toString();
    }

    /**
     * One step of a kubelet. Nothing works before the API server's certificates are regenerated. Without a valid client certificate it bootstraps (bootstrap kubeconfig with the bootstrapper token,
     * a kubelet-ca.crt matching the cluster's kube-apiserver-to-kubelet CA) and posts a client CSR; once that is issued it
     * writes the certificate into pki/ and, after a delay, posts a serving CSR; with both certificates valid and the control
     * plane serving, the node is Ready.
     */
    private void reconcileKubelet(SimHost host, Kubelet kubelet, Instant now) {
        if (!"active".equals(kubelet.state) || kubelet.ready || now.isBefore(kubelet.startedAt.plus(spec.kubeletStartDelay()))) {
            return;
        }
        if (!regenerated) {
            // The kubelet reaches the API through api-int, whose serving certificate stays expired until regenerate-certificates.
            kubelet.problem = "Unable to register node with API server: x509: certificate has expired or is not yet valid";
            return;
        }
        Optional<X509Certificate> client = HostFiles.kubeletCertificate(host, "kubelet-client")
                .filter(c -> HostFiles.validAt(c, now) && Pki.commonName(c).equals("system:node:" + host.name()));
        if (client.isEmpty()) {
            Csr own = kubelet.clientCsr == null ? null : csrs.get(kubelet.clientCsr);
            if (own != null && own.certificatePem != null) {
                HostFiles.writeKubeletPem(host, "kubelet-client", own.certificatePem, Pki.pem(own.keyPair.getPrivate()), now);
                writeKubeletKubeconfig(host);
                kubelet.servingDueAt = now.plus(spec.servingCsrDelay());
                kubelet.problem = "";
                return;
            }
            if (own != null && !own.denied) {
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
            if (!now.isBefore(kubelet.bootstrapPossibleSince.plus(spec.csrDelay()))) {
                Pki.Request request = certificates.pki.certificateRequest(Pki.Subject.of("system:node:" + host.name(),
                        "system:nodes"), List.of(), List.of());
                Csr csr = addCsr(BOOTSTRAPPER, BOOTSTRAPPER_GROUPS, CLIENT_USAGES, request, host.name(), null, now);
                kubelet.clientCsr = csr.name;
                kubelet.problem = "waiting for the client CSR " + csr.name + " to be approved and issued";
            }
            return;
        }
        Optional<X509Certificate> serving = HostFiles.kubeletCertificate(host, "kubelet-server")
                .filter(c -> HostFiles.validAt(c, now) && Pki.commonName(c).equals("system:node:" + host.name()));
        if (serving.isPresent()) {
            kubelet.ready = true;
            kubelet.problem = "";
            return;
        }
        Csr own = kubelet.servingCsr == null ? null : csrs.get(kubelet.servingCsr);
        if (own != null && own.certificatePem != null) {
            HostFiles.writeKubeletPem(host, "kubelet-server", own.certificatePem, Pki.pem(own.keyPair.getPrivate()), now);
            kubelet.ready = true;
            kubelet.problem = "";
            return;
        }
        if (own != null && !own.denied) {
            kubelet.problem = "waiting for the serving CSR " + own.name + " to be approved and issued";
            return;
        }
        if (kubelet.servingDueAt == null) {
            kubelet.servingDueAt = now.plus(spec.servingCsrDelay());
        }
        if (!now.isBefore(kubelet.servingDueAt)) {
            Pki.Request request = certificates.pki.certificateRequest(Pki.Subject.of("system:node:" + host.name(), "system:nodes"),
                    List.of(host.name()), List.of(host.ip()));
            Csr csr = addCsr("system:node:" + host.name(), NODE_GROUPS, SERVER_USAGES, request, host.name(), null, now);
            kubelet.servingCsr = csr.name;
            kubelet.problem = "waiting for the serving CSR " + csr.name + " to be approved and issued";
        }
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
        if (!bootstrapperToken.equals(kubeconfig.token())) {
            return "Failed while requesting a signed certificate from the master: cannot create certificate signing request: "
                    + "Unauthorized";
        }
        X509Certificate ca = kubeconfig.certificateAuthority();
        if (ca == null || !ca.equals(certificates.rootCa.certificate())) {
            return "Failed while requesting a signed certificate from the master: x509: certificate signed by unknown authority";
        }
        List<X509Certificate> kubeletCa = HostFiles.read(host.path(HostFiles.KUBELET_CA)).map(Pki::parseCertificates)
                .orElse(List.of());
        if (!kubeletCa.contains(certificates.kubeletClientSigner().certificate())) {
            return "failed to run Kubelet: " + HostFiles.KUBELET_CA + " does not hold the cluster's kube-apiserver-to-kubelet CA"
                    + " (kube-apiserver-to-kubelet-client-ca)";
        }
        return "";
    }

    private void writeKubeletKubeconfig(SimHost host) {
        String pem = HostFiles.KUBELET_PKI + "/kubelet-client-current.pem";
        Kubeconfig kubeconfig = new Kubeconfig("default-cluster", spec.apiServerInternalUri(),
                Kubeconfig.base64(certificates.rootCa.certificatePem()), "default-auth", null, null, null, pem);
        HostFiles.write(host.path(HostFiles.KUBELET_KUBECONFIG), kubeconfig.toYaml("default-context"));
    }

    // ---- CSRs -----------------------------------------------------------------------------------------------------

    private Csr addCsr(String username, List<String> groups, List<String> usages, Pki.Request request, String node, RogueCsr rogue,
                       Instant now) {
        String name;
        do {
            name = "csr-" + randomSuffix(5);
        } while (csrs.containsKey(name));
        Csr csr = new Csr(name, now, username, groups, usages, request, node, rogue);
        csrs.put(name, csr);
        return csr;
    }

    synchronized CsrStatus addRogue(RogueCsr rogue, Instant now) {
        String firstMaster = masters().get(0).name();
        String someWorker = hosts.values().stream().filter(h -> !h.isMaster()).map(SimHost::name).reduce((a, b) -> b)
                .orElse(firstMaster);
        Pki.Subject subject;
        String user;
        List<String> groups;
        List<String> usages;
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
            default -> throw new IllegalArgumentException("unknown rogue CSR " + rogue);
        }
        Pki.Request request = certificates.pki.certificateRequest(subject, List.of(), List.of());
        return addCsr(user, groups, usages, request, null, rogue, now).status();
    }

    /** CSRs by name, the order in which the API server lists them (etcd key order). */
    synchronized List<Csr> csrObjects() {
        return csrs.values().stream().sorted(java.util.Comparator.comparing(c -> c.name)).toList();
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
        KeyPurposeId usage = csr.usages.contains("server auth") ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth;
        X509Certificate certificate = certificates.pki.signRequest(certificates.csrSigner(), Pki.parseRequest(csr.requestPem),
                now.minus(Duration.ofMinutes(1)), now.plus(ClusterCertificates.LEAF), usage, csr.contents.dnsNames(),
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
