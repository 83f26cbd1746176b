package io.jenkins.plugins.certrecovery.sandbox;

/**
 * Pending CSRs that a correct approver must refuse (checks of openshift/cluster-machine-approver release-4.3 csr_check.go).
 * Blind approval ({@code oc get csr -o name | xargs oc adm certificate approve}, as crc and kubevirtci do) approves them all.
 */
public enum RogueCsr {
    /** A user that is neither the node-bootstrapper nor the node itself asks for {@code system:node:<first master>}. */
    WRONG_REQUESTOR_FOR_MASTER,
    /** The node-bootstrapper asks for a client certificate of a node that is not in the inventory. */
    BOOTSTRAPPER_FOR_UNKNOWN_NODE,
    /** A client CSR (bootstrapper, for a real worker) that also asks for {@code server auth}. */
    CLIENT_CSR_WITH_SERVER_AUTH,
    /**
     * 4.14+ shape: the last worker ({@code system:node:<worker>}) asks the kube-apiserver-client signer for
     * {@code system:ovn-node:<first master>}: ovnkube-csr-approver requires the CN's node to be the requestor's.
     */
    OVN_CLIENT_FOR_ANOTHER_NODE,
    /** 4.14+ shape: an ovnkube-node CSR of the last worker with O {@code system:nodes} instead of {@code system:ovn-nodes}. */
    OVN_CLIENT_WRONG_ORGANIZATION;

    /** True for the ovnkube-node shapes, which exist only from OpenShift 4.14 (left out of earlier releases' rogue sets). */
    public boolean ovn() {
        return this == OVN_CLIENT_FOR_ANOTHER_NODE || this == OVN_CLIENT_WRONG_ORGANIZATION;
    }
}
