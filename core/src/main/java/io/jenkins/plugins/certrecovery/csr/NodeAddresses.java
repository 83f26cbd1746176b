package io.jenkins.plugins.certrecovery.csr;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.NetworkNames;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names and addresses one node may put in its serving certificate: its node name, its inventory host, and the addresses
 * the cluster reports for it in {@code oc get nodes -o json} status.addresses.
 *
 * @param node        the node name
 * @param dnsNames    allowed DNS SANs, lower case
 * @param ipAddresses allowed IP SANs
 */
public record NodeAddresses(String node, Set<String> dnsNames, Set<InetAddress> ipAddresses) {
    public NodeAddresses {
        dnsNames = Set.copyOf(dnsNames);
        ipAddresses = Set.copyOf(ipAddresses);
    }

    public boolean allowsDnsName(String name) {
        return dnsNames.contains(name.toLowerCase(Locale.ROOT));
    }

    public boolean allowsIp(InetAddress address) {
        return ipAddresses.contains(address);
    }

    /** One entry per inventory node (and only those): what each may name in a serving CSR. */
    public static Map<String, NodeAddresses> forInventory(Inventory inventory, List<NodeStatus> reported) {
        Map<String, NodeAddresses> byNode = new LinkedHashMap<>();
        for (ClusterNode node : inventory.nodes()) {
            Set<String> dns = new LinkedHashSet<>();
            Set<InetAddress> ips = new LinkedHashSet<>();
            dns.add(node.name());
            addHost(node.host(), dns, ips);
            reported.stream()
                    .filter(s -> s.name().equals(node.name()))
                    .flatMap(s -> s.addresses().stream())
                    .forEach(a -> {
                        if (a.isIp()) {
                            NetworkNames.ipLiteral(a.address()).ifPresent(ips::add);
                        } else if (a.isDnsName()
                                && NetworkNames.hostProblem(a.address()).isEmpty()) {
                            dns.add(a.address().toLowerCase(Locale.ROOT));
                        }
                    });
            byNode.put(node.name(), new NodeAddresses(node.name(), dns, ips));
        }
        return byNode;
    }

    private static void addHost(String host, Set<String> dns, Set<InetAddress> ips) {
        Optional<InetAddress> ip = NetworkNames.ipLiteral(host);
        if (ip.isPresent()) {
            ips.add(ip.get());
        } else {
            dns.add(host.toLowerCase(Locale.ROOT));
        }
    }
}
