package io.jenkins.plugins.certrecovery.csr;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides which pending CSRs may be approved. The checks follow openshift/cluster-machine-approver release-4.3 csr_check.go
 * (validateCSRContents, isReqFromNodeBootstrapper) and kubernetes' isNodeClientCert, made stricter where recovery allows it:
 * exact username, groups and usages per kind; subject O exactly {@code system:nodes} and CN {@code system:node:<inventory node>};
 * no SANs on client requests; serving SANs only the node's own names and addresses; serving CN equal to the requestor; and a cap
 * on how many pending CSRs are considered at once. Nothing is ever approved for being pending alone.
 * <p>certificates.k8s.io/v1 (OpenShift 4.6+, openshift-4x-facts.md sections 4.4 and 5): the {@code signerName} decides the kind and
 * must agree with what the request holds; an ovn-kubernetes per-node client request (4.14+, section 5.4) is a kind of its own,
 * valid only when an inventory node asks for its own {@code system:ovn-node:<node>} identity; and no request may ask for a longer
 * {@code expirationSeconds} than the cluster signs ({@code cluster-signing-duration}).
 * <p>Longer than 300 lines on purpose: every rule that decides an approval is here, a short method per rule, so that what may be
 * approved is reviewed in one file (CsrValidatorTest follows it rule by rule).
 */
public final class CsrValidator {
    /** cluster-machine-approver's maxPendingCSRs (release-4.3 csr_check.go). */
    public static final int DEFAULT_MAX_PENDING = 100;

    static final String NODE_BOOTSTRAPPER = "system:serviceaccount:openshift-machine-config-operator:node-bootstrapper";
    static final Set<String> NODE_BOOTSTRAPPER_GROUPS = Set.of(
            "system:serviceaccounts:openshift-machine-config-operator",
            "system:serviceaccounts",
            "system:authenticated");
    static final Set<String> NODE_GROUPS = Set.of("system:nodes", "system:authenticated");
    static final List<String> CLIENT_USAGES = List.of("digital signature", "key encipherment", "client auth");
    static final List<String> SERVING_USAGES = List.of("digital signature", "key encipherment", "server auth");
    static final String NODE_USER_PREFIX = "system:node:";
    static final String NODES_ORGANIZATION = "system:nodes";
    // certificates.k8s.io/v1 signer names (kubernetes.io/docs: certificate signing requests, signers).
    static final String CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";
    static final String SERVING_SIGNER = "kubernetes.io/kubelet-serving";
    static final String LEGACY_SIGNER = "kubernetes.io/legacy-unknown";
    static final String KUBE_APISERVER_CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client";
    // ovn-org/ovn-kubernetes go-controller/pkg/util/kube.go (facts section 5.4).
    static final String OVN_USER_PREFIX = "system:ovn-node:";
    static final String OVN_ORGANIZATION = "system:ovn-nodes";
    static final List<String> OVN_USAGES = List.of("digital signature", "client auth");
    /**
     * kube-controller-manager's {@code cluster-signing-duration: 720h} (cluster-kube-controller-manager-operator
     * bindata/assets/config/defaultconfig.yaml, 4.6 to 4.18): the longest certificate the in-tree signers issue.
     */
    public static final Duration DEFAULT_CLUSTER_SIGNING_DURATION = Duration.ofHours(720);

    private final Map<String, NodeAddresses> nodes;
    private final int maxPending;
    private final Duration clusterSigningDuration;

    /**
     * @param nodes                  the inventory's nodes by name, each with what it may name in a serving certificate
     * @param maxPending             how many pending CSRs are examined at once; the rest are reported as skipped
     * @param clusterSigningDuration the cluster's {@code cluster-signing-duration}: a request asking for more is refused
     */
    public CsrValidator(Map<String, NodeAddresses> nodes, int maxPending, Duration clusterSigningDuration) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1, was " + maxPending);
        }
        if (clusterSigningDuration.isNegative() || clusterSigningDuration.isZero()) {
            throw new IllegalArgumentException(
                    "clusterSigningDuration must be positive, was " + clusterSigningDuration);
        }
        this.nodes = Map.copyOf(nodes);
        this.maxPending = maxPending;
        this.clusterSigningDuration = clusterSigningDuration;
    }

    /**
     * A validator for the inventory's nodes, with the addresses {@code oc get nodes -o json} reported for them and the default
     * signing duration of OpenShift 4.6 to 4.18.
     */
    public static CsrValidator forInventory(Inventory inventory, List<NodeStatus> reported) {
        return new CsrValidator(
                NodeAddresses.forInventory(inventory, reported), DEFAULT_MAX_PENDING, DEFAULT_CLUSTER_SIGNING_DURATION);
    }

    /**
     * A verdict for every pending CSR of a listing, in listing order. The newest {@code maxPending} are examined (a kubelet whose
     * request waits re-creates it, so the newest are the live ones); older ones get a skipped verdict.
     */
    public List<CsrVerdict> review(List<CertificateSigningRequest> listed) {
        List<CertificateSigningRequest> pending =
                listed.stream().filter(CertificateSigningRequest::isPending).toList();
        Set<String> examined = new HashSet<>();
        pending.stream()
                .sorted(Comparator.comparing(
                                CertificateSigningRequest::created,
                                Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                        .thenComparing(CertificateSigningRequest::name))
                .limit(maxPending)
                .forEach(c -> examined.add(c.name()));
        List<CsrVerdict> verdicts = new ArrayList<>();
        for (CertificateSigningRequest csr : pending) {
            verdicts.add(examined.contains(csr.name()) ? verdict(csr) : skipped(csr, pending.size()));
        }
        return verdicts;
    }

    /**
     * Which of the names asked for may be approved now, checked against a fresh listing: only those still pending AND valid.
     * Every other name asked for is refused with its reasons.
     */
    public ApprovalSelection select(Collection<String> asked, List<CertificateSigningRequest> fresh) {
        Map<String, CertificateSigningRequest> byName = new LinkedHashMap<>();
        fresh.forEach(c -> byName.put(c.name(), c));
        Map<String, CsrVerdict> verdicts = new LinkedHashMap<>();
        review(fresh).forEach(v -> verdicts.put(v.name(), v));
        List<CsrVerdict> approve = new ArrayList<>();
        List<ApprovalSelection.Refusal> refused = new ArrayList<>();
        for (String name : new LinkedHashSet<>(asked)) {
            CertificateSigningRequest csr = byName.get(name);
            CsrVerdict verdict = verdicts.get(name);
            if (csr == null) {
                refused.add(new ApprovalSelection.Refusal(
                        name,
                        List.of("no CSR named '" + name + "' exists now; list the CSRs "
                                + "again and ask for a name from that list")));
            } else if (!csr.isPending()) {
                refused.add(new ApprovalSelection.Refusal(
                        name, List.of("is " + csr.condition() + ", not Pending: there is " + "nothing to approve")));
            } else if (!verdict.valid()) {
                refused.add(new ApprovalSelection.Refusal(name, verdict.reasons()));
            } else {
                approve.add(verdict);
            }
        }
        return new ApprovalSelection(approve, refused);
    }

    /** Classifies and validates one CSR, whatever its condition. */
    public CsrVerdict verdict(CertificateSigningRequest csr) {
        List<String> reasons = new ArrayList<>();
        RequestedCertificate requested = null;
        try {
            requested = RequestedCertificate.decode(csr.request());
        } catch (IllegalArgumentException e) {
            reasons.add(e.getMessage());
        }
        CsrKind kind = classify(csr, requested);
        String node = null;
        if (requested != null) {
            node = kind == CsrKind.OVN_NODE_CLIENT
                    ? checkSubject(requested, OVN_ORGANIZATION, OVN_USER_PREFIX, reasons)
                    : checkSubject(requested, NODES_ORGANIZATION, NODE_USER_PREFIX, reasons);
        }
        checkSignerMatchesRequest(csr, requested, kind, reasons);
        checkExpiration(csr, reasons);
        switch (kind) {
            case NODE_CLIENT -> checkClient(csr, requested, reasons);
            case NODE_SERVING -> checkServing(csr, requested, node, reasons);
            case OVN_NODE_CLIENT -> checkOvnClient(csr, requested, node, reasons);
            default ->
                reasons.add(
                        "is neither a node client, a node serving nor an OVN node client request (signer "
                                + (csr.signerName() == null ? "none" : csr.signerName()) + ", requested by "
                                + csr.username()
                                + "); this tool never approves it — check it yourself and use `oc adm certificate approve` if it is wanted");
        }
        return new CsrVerdict(
                csr.name(), kind, node, csr.username(), csr.condition(), reasons.isEmpty(), false, reasons);
    }

    private CsrVerdict skipped(CertificateSigningRequest csr, int pendingCount) {
        return new CsrVerdict(
                csr.name(),
                classify(csr, null),
                null,
                csr.username(),
                csr.condition(),
                false,
                true,
                List.of("not examined: " + pendingCount + " CSRs are pending and at most " + maxPending
                        + " are considered at "
                        + "once; deny the unwanted ones (`oc adm certificate deny`) and list again"));
    }

    /** True when the CSR names a specific signer (certificates.k8s.io/v1); false for v1beta1 without one or with the legacy one. */
    private static boolean namesSigner(CertificateSigningRequest csr) {
        String signer = csr.signerName();
        return signer != null && !signer.isEmpty() && !signer.equals(LEGACY_SIGNER);
    }

    /** By signer name when the API gives a specific one (v1), else by requestor, subject and usages (v1beta1). */
    private static CsrKind classify(CertificateSigningRequest csr, RequestedCertificate requested) {
        if (!namesSigner(csr)) {
            return classifyByContent(csr, requested);
        }
        return switch (csr.signerName()) {
            case CLIENT_SIGNER -> CsrKind.NODE_CLIENT;
            case SERVING_SIGNER -> CsrKind.NODE_SERVING;
            case KUBE_APISERVER_CLIENT_SIGNER ->
                asksForOvnIdentity(requested) ? CsrKind.OVN_NODE_CLIENT : CsrKind.OTHER;
            default -> CsrKind.OTHER;
        };
    }

    /** The v1beta1 rules: what the requestor, subject and usages say the request is. */
    private static CsrKind classifyByContent(CertificateSigningRequest csr, RequestedCertificate requested) {
        if (NODE_BOOTSTRAPPER.equals(csr.username())) {
            return CsrKind.NODE_CLIENT;
        }
        boolean nodeSubject = requested != null
                && (requested.organizations().contains(NODES_ORGANIZATION)
                        || requested.commonNames().stream().anyMatch(cn -> cn.startsWith(NODE_USER_PREFIX)));
        if (!csr.username().startsWith(NODE_USER_PREFIX) && !nodeSubject) {
            return CsrKind.OTHER;
        }
        return csr.usages().contains("server auth") ? CsrKind.NODE_SERVING : CsrKind.NODE_CLIENT;
    }

    /** An OVN identity is asked for by its CN or its O; a forged one is still classified as such, and refused by its checks. */
    private static boolean asksForOvnIdentity(RequestedCertificate requested) {
        return requested != null
                && (requested.organizations().contains(OVN_ORGANIZATION)
                        || requested.commonNames().stream().anyMatch(cn -> cn.startsWith(OVN_USER_PREFIX)));
    }

    /** v1: a kubelet signer must carry the kind of request it is for, e.g. no serving request under the client signer. */
    private static void checkSignerMatchesRequest(
            CertificateSigningRequest csr, RequestedCertificate requested, CsrKind kind, List<String> reasons) {
        if (!namesSigner(csr) || (kind != CsrKind.NODE_CLIENT && kind != CsrKind.NODE_SERVING)) {
            return;
        }
        CsrKind content = classifyByContent(csr, requested);
        if (content != kind) {
            reasons.add("signerName " + csr.signerName() + " is for " + describe(kind)
                    + " requests, but this one (requested by "
                    + csr.username() + ", usages " + csr.usages() + ") is "
                    + (content == CsrKind.OTHER ? "not a node request" : "a " + describe(content) + " request"));
        }
    }

    private static String describe(CsrKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private void checkExpiration(CertificateSigningRequest csr, List<String> reasons) {
        Long seconds = csr.expirationSeconds();
        if (seconds != null && seconds > clusterSigningDuration.toSeconds()) {
            reasons.add("spec.expirationSeconds " + seconds + " ("
                    + Duration.ofSeconds(seconds).toHours() + "h) is above the "
                    + "cluster's signing duration " + clusterSigningDuration.toHours() + "h (kube-controller-manager "
                    + "cluster-signing-duration): no node asks for a longer certificate than the cluster issues");
        }
    }

    /**
     * Checks O (exactly {@code organization}) and CN (one, {@code prefix<node>}); returns the node name the CN asks for (whether
     * or not it is in the inventory), or null.
     */
    private String checkSubject(
            RequestedCertificate requested, String organization, String prefix, List<String> reasons) {
        if (!requested.organizations().equals(List.of(organization))) {
            reasons.add("subject O is " + requested.organizations() + ", must be exactly [" + organization + "]");
        }
        if (requested.commonNames().size() != 1
                || !requested.commonNames().get(0).startsWith(prefix)
                || requested.commonNames().get(0).length() == prefix.length()) {
            reasons.add("subject CN is " + requested.commonNames() + ", must be one " + prefix + "<node name>");
            return null;
        }
        String node = requested.commonNames().get(0).substring(prefix.length());
        if (!nodes.containsKey(node)) {
            reasons.add("asks for node '" + node + "', which is not in the inventory ("
                    + String.join(", ", nodes.keySet().stream().sorted().toList()) + ")");
        }
        return node;
    }

    private static void checkClient(
            CertificateSigningRequest csr, RequestedCertificate requested, List<String> reasons) {
        if (!NODE_BOOTSTRAPPER.equals(csr.username())) {
            reasons.add("requested by " + csr.username() + "; node client certificates are requested by "
                    + NODE_BOOTSTRAPPER);
        }
        checkExactly("groups", csr.groups(), NODE_BOOTSTRAPPER_GROUPS, reasons);
        checkExactly("usages", csr.usages(), Set.copyOf(CLIENT_USAGES), reasons);
        if (requested != null && requested.hasSubjectAlternativeNames()) {
            reasons.add("a node client request has no subject alternative names, this one asks for " + sans(requested));
        }
    }

    /** ovnkube-node asks with the node's own credentials for its own OVN identity, nothing else (facts section 5.4). */
    private static void checkOvnClient(
            CertificateSigningRequest csr, RequestedCertificate requested, String node, List<String> reasons) {
        if (!csr.username().startsWith(NODE_USER_PREFIX)) {
            reasons.add("requested by " + csr.username()
                    + "; an OVN node client certificate is requested by the node itself (" + NODE_USER_PREFIX
                    + "<node name>)");
        } else if (node != null && !csr.username().equals(NODE_USER_PREFIX + node)) {
            reasons.add("requested by " + csr.username() + " for node '" + node
                    + "': a node asks only for its own OVN identity");
        }
        checkExactly("groups", csr.groups(), NODE_GROUPS, reasons);
        checkExactly("usages", csr.usages(), Set.copyOf(OVN_USAGES), reasons);
        if (requested != null && requested.hasSubjectAlternativeNames()) {
            reasons.add("an OVN node client request has no subject alternative names, this one asks for "
                    + sans(requested));
        }
    }

    private void checkServing(
            CertificateSigningRequest csr, RequestedCertificate requested, String node, List<String> reasons) {
        if (!csr.username().startsWith(NODE_USER_PREFIX)) {
            reasons.add("requested by " + csr.username() + "; a serving certificate is requested by the node itself ("
                    + NODE_USER_PREFIX + "<node name>)");
        }
        if (requested != null
                && requested.commonNames().size() == 1
                && !requested.commonNames().get(0).equals(csr.username())) {
            reasons.add("subject CN " + requested.commonNames().get(0) + " differs from the requestor " + csr.username()
                    + "; a node asks only for its own serving certificate");
        }
        checkExactly("groups", csr.groups(), NODE_GROUPS, reasons);
        checkExactly("usages", csr.usages(), Set.copyOf(SERVING_USAGES), reasons);
        if (requested == null) {
            return;
        }
        if (requested.dnsNames().isEmpty() && requested.ipAddresses().isEmpty()) {
            reasons.add("a serving request names at least one DNS name or IP address, this one none");
        }
        NodeAddresses allowed = node == null ? null : nodes.get(node);
        if (allowed != null) {
            for (String dns : requested.dnsNames()) {
                if (!allowed.allowsDnsName(dns)) {
                    reasons.add("DNS name '" + dns + "' is not a name of node " + node + " (allowed: "
                            + String.join(
                                    ", ", allowed.dnsNames().stream().sorted().toList()) + ")");
                }
            }
            for (InetAddress ip : requested.ipAddresses()) {
                if (!allowed.allowsIp(ip)) {
                    reasons.add(
                            "IP address " + ip.getHostAddress() + " is not an address of node " + node + " (allowed: "
                                    + String.join(
                                            ", ",
                                            allowed.ipAddresses().stream()
                                                    .map(InetAddress::getHostAddress)
                                                    .sorted()
                                                    .toList())
                                    + ")");
                }
            }
        }
        List<String> others = new ArrayList<>(requested.emails());
        others.addAll(requested.uris());
        others.addAll(requested.otherNames());
        if (!others.isEmpty()) {
            reasons.add("a serving request names only DNS names and IP addresses, this one also " + others);
        }
    }

    private static void checkExactly(String field, List<String> actual, Set<String> expected, List<String> reasons) {
        if (actual.size() != expected.size() || !Set.copyOf(actual).equals(expected)) {
            reasons.add(field + " " + actual + " are not exactly "
                    + expected.stream().sorted().toList());
        }
    }

    private static String sans(RequestedCertificate requested) {
        List<String> all = new ArrayList<>();
        requested.dnsNames().forEach(d -> all.add("DNS:" + d));
        requested.ipAddresses().forEach(ip -> all.add("IP:" + ip.getHostAddress()));
        requested.emails().forEach(e -> all.add("email:" + e));
        requested.uris().forEach(u -> all.add("URI:" + u));
        all.addAll(requested.otherNames());
        return String.join(", ", all);
    }
}
