package io.jenkins.plugins.certrecovery.csr;

/** What a certificate signing request asks for, as far as recovery is concerned. */
public enum CsrKind {
    /** A kubelet's client certificate, requested through the node-bootstrapper (first wave after a kubelet restart). */
    NODE_CLIENT,
    /** A kubelet's serving certificate, requested by the node itself (second wave). */
    NODE_SERVING,
    /**
     * An ovn-kubernetes per-node client certificate (OpenShift 4.14+ with OVN interconnect): signer
     * {@code kubernetes.io/kube-apiserver-client}, CN {@code system:ovn-node:<node>}, requested by the node itself.
     */
    OVN_NODE_CLIENT,
    /** Anything else: never approved by this tool. */
    OTHER
}
