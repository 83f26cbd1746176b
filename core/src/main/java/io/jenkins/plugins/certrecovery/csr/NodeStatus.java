package io.jenkins.plugins.certrecovery.csr;

import java.util.List;

/**
 * One node as {@code oc get nodes -o json} reports it.
 *
 * @param name      metadata.name
 * @param addresses status.addresses (InternalIP, ExternalIP, Hostname, InternalDNS, ExternalDNS)
 * @param ready     the Ready condition's status is "True"
 */
public record NodeStatus(String name, List<Address> addresses, boolean ready) {
    public NodeStatus {
        addresses = List.copyOf(addresses);
    }

    /** One entry of status.addresses. */
    public record Address(String type, String address) {
        /** Types whose value is a DNS name, as cluster-machine-approver's csr_check.go matches DNS SANs. */
        public boolean isDnsName() {
            return type.equals("Hostname") || type.equals("InternalDNS") || type.equals("ExternalDNS");
        }

        /** Types whose value is an IP address, as csr_check.go matches IP SANs. */
        public boolean isIp() {
            return type.equals("InternalIP") || type.equals("ExternalIP");
        }
    }
}
