package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import java.util.ArrayList;
import java.util.List;

/**
 * A TLS port whose presented chain is checked from the runner.
 *
 * @param host DNS name or IP literal (sent as SNI when it is a name)
 * @param port TCP port
 */
public record TlsEndpoint(String host, int port) {
    /** The API server port on masters and the api/api-int load balancers. */
    public static final int API_PORT = 6443;
    /** The kubelet's serving port on every node. */
    public static final int KUBELET_PORT = 10250;

    public TlsEndpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a TLS endpoint needs a host name or address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    "TLS endpoint " + host + ": port " + port + " is not between 1 and 65535");
        }
    }

    /** Parses {@code host:port} or {@code [v6-address]:port}. */
    public static TlsEndpoint parse(String text) {
        String value = text == null ? "" : text.strip();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException(
                    "TLS endpoint '" + value + "' is not host:port (e.g. api.mycluster.example.com:6443)");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new TlsEndpoint(host, Integer.parseInt(value.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TLS endpoint '" + value + "': the port is not a number");
        }
    }

    /**
     * The usual endpoints of a cluster: the API on 6443 at each of {@code apiNames} (e.g. {@code api.<cluster>.<domain>} and
     * {@code api-int.…}) or, when none is given, at each master; and every node's kubelet on 10250.
     */
    public static List<TlsEndpoint> defaultsFor(Inventory inventory, List<String> apiNames) {
        List<TlsEndpoint> endpoints = new ArrayList<>();
        if (apiNames.isEmpty()) {
            inventory.masters().forEach(master -> endpoints.add(new TlsEndpoint(master.host(), API_PORT)));
        } else {
            apiNames.forEach(name -> endpoints.add(new TlsEndpoint(name, API_PORT)));
        }
        for (ClusterNode node : inventory.nodes()) {
            endpoints.add(new TlsEndpoint(node.host(), KUBELET_PORT));
        }
        return List.copyOf(endpoints);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
