package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which cluster a step works on and how it logs in: the {@code cluster} map or the {@code inventory} file, the credentials id and,
 * inside {@code withOpenShiftCluster}, the token of the block's cluster lock. The block adds it to its body's context, so it stays on
 * the controller and is saved with the build's program (program.dat): it holds ids, never a secret and never a connection. The
 * credential is resolved again by id by every step that needs it.
 */
public final class OpenShiftCluster implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Object> cluster;
    private final String inventory;
    private final String credentialsId;
    private final String lockToken;

    private OpenShiftCluster(Map<String, Object> cluster, String inventory, String credentialsId, String lockToken) {
        this.cluster = cluster == null ? null : new LinkedHashMap<>(cluster);
        this.inventory = inventory;
        this.credentialsId = credentialsId;
        this.lockToken = lockToken;
    }

    /**
     * The cluster of a step's or the block's own arguments, checked: exactly one of {@code cluster} and {@code inventory}, and the
     * credential as {@code credentialsId} or {@code ssh.credentialsId} of the map (for an inventory file the argument is required:
     * the file is read on the agent, after the credential is resolved here).
     *
     * @param lockToken the token of the lock held for this cluster, or null
     */
    static OpenShiftCluster of(
            Map<String, Object> cluster,
            String inventory,
            String credentialsId,
            EnvVars env,
            String lockToken,
            boolean clustersGivenOtherwise)
            throws AbortException {
        if (cluster != null && inventory != null || !clustersGivenOtherwise && cluster == null && inventory == null) {
            throw new AbortException(
                    cluster == null
                            ? "cluster / inventory: give the cluster, either as cluster: [ocpVersion: …, masters: […], …] or as"
                                    + " inventory: 'path/in/workspace.yaml'"
                            : "cluster / inventory: give one of them, not both");
        }
        Map<String, Object> plainCluster = cluster == null ? null : PipelineValues.plainMap(cluster);
        Object inMap = plainCluster != null && plainCluster.get("ssh") instanceof Map<?, ?> ssh
                ? ssh.get("credentialsId")
                : null;
        if (credentialsId != null && inMap != null && !credentialsId.equals(inMap)) {
            throw new AbortException("credentialsId: '" + credentialsId + "' differs from cluster.ssh.credentialsId '"
                    + inMap + "'; give it once");
        }
        String id = credentialsId != null ? credentialsId : inMap == null ? null : inMap.toString();
        if (id == null || id.isBlank()) {
            throw new AbortException("credentialsId: missing; give the id of an " + LoginSecretResolver.ACCEPTED_TYPES
                    + " credential (as credentialsId: '…'"
                    + (plainCluster != null ? " or cluster.ssh.credentialsId)" : ")"));
        }
        // findCredentialById replaces '${NAME}' by the value of NAME only when NAME is a credentials parameter of the
        // build
        return new OpenShiftCluster(plainCluster, inventory == null ? null : env.expand(inventory), id, lockToken);
    }

    /**
     * The block's cluster for a step inside it. The step may leave out {@code cluster}, {@code inventory} and {@code credentialsId};
     * what it gives must be what the block gives.
     */
    OpenShiftCluster forStep(
            Map<String, Object> stepCluster, String stepInventory, String stepCredentialsId, EnvVars env)
            throws AbortException {
        if (stepCluster != null && !PipelineValues.plainMap(stepCluster).equals(cluster)) {
            throw differs("cluster", "a different cluster map");
        }
        if (stepInventory != null && !env.expand(stepInventory).equals(inventory)) {
            throw differs("inventory", "'" + stepInventory + "'");
        }
        if (stepCredentialsId != null && !stepCredentialsId.equals(credentialsId)) {
            throw differs("credentialsId", "'" + stepCredentialsId + "'");
        }
        return this;
    }

    private AbortException differs(String argument, String given) {
        return new AbortException(
                argument + ": " + given + " differs from the enclosing withOpenShiftCluster, which works on "
                        + describe() + " with credentialsId '" + credentialsId + "'; leave " + argument
                        + " out inside the block, or"
                        + " move the step out of it");
    }

    Map<String, Object> cluster() {
        return cluster;
    }

    String inventory() {
        return inventory;
    }

    String credentialsId() {
        return credentialsId;
    }

    String lockToken() {
        return lockToken;
    }

    /** The cluster as the graph labels it: the first master and the host count, or the inventory file; nothing from {@code ssh}. */
    String describe() {
        return inventory != null ? "inventory " + inventory : "cluster " + ClusterStepDescriptor.clusterLabel(cluster);
    }

    @Override
    public String toString() {
        return "OpenShiftCluster[" + describe() + ", credentialsId " + credentialsId + "]";
    }
}
