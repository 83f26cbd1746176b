package io.jenkins.plugins.certrecovery.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cluster as the user describes it: one model for the CLI's YAML file and the Jenkins steps' map (same keys).
 *
 * @param name         the cluster's name in reports and metrics: the {@code name} key, else the inventory file's name without its
 *                     extension, else (a map without a file) the first master's name
 * @param ocpVersion   the cluster's OpenShift version
 * @param releaseImage the cluster's own release image (the operator image is resolved from it)
 * @param ssh          login settings
 * @param masters      control-plane nodes, at least one
 * @param workers      worker nodes, possibly none
 * @param adminKubeconfig the path of a kubeconfig with cluster-admin rights on the first master (the installer's
 *                     {@code auth/kubeconfig} copied there), or null: required on 4.4 and 4.5, on 4.6+ instead of the master's
 *                     {@code localhost-recovery.kubeconfig} (whose client certificate expires after 120 days off up to 4.15)
 */
public record Inventory(
        String name,
        OcpVersion ocpVersion,
        String releaseImage,
        SshSettings ssh,
        List<ClusterNode> masters,
        List<ClusterNode> workers,
        String adminKubeconfig) {
    public Inventory {
        masters = List.copyOf(masters);
        workers = List.copyOf(workers == null ? List.of() : workers);
    }

    /** An inventory without an admin kubeconfig. */
    public Inventory(
            String name,
            OcpVersion ocpVersion,
            String releaseImage,
            SshSettings ssh,
            List<ClusterNode> masters,
            List<ClusterNode> workers) {
        this(name, ocpVersion, releaseImage, ssh, masters, workers, null);
    }

    /** Masters first, then workers, in inventory order. */
    public List<ClusterNode> nodes() {
        List<ClusterNode> all = new ArrayList<>(masters);
        all.addAll(workers);
        return List.copyOf(all);
    }

    public ClusterNode firstMaster() {
        return masters.get(0);
    }

    public Optional<ClusterNode> node(String name) {
        return nodes().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The layout of paths on one node's host. */
    public HostLayout layout(ClusterNode node) {
        return HostLayout.forVersion(ocpVersion).under(node.pathPrefix());
    }
}
