package io.jenkins.plugins.certrecovery.jenkins;

import java.util.List;
import java.util.Map;

/**
 * Everything the agent needs to reach the cluster for one step; it crosses the channel as its {@link ChannelForm}.
 *
 * @param cluster               the {@code cluster} argument as plain maps, lists and scalars, or null
 * @param inventoryFile         the {@code inventory} argument: a YAML file relative to the workspace, or null
 * @param login                 the login material of {@code credentialsId}
 * @param workspace             the workspace directory on the agent
 * @param dryRun                print the plan, change nothing
 * @param commandTimeoutSeconds limit for each remote command; 0 for the transport's default
 * @param auditFile             the audit file, relative to the workspace
 * @param runId                 the build ({@code job#number}), recorded as the owner of the cluster lock and in the audit
 * @param lockToken             inside {@code withOpenShiftCluster}: the token of the block's cluster lock, which the step re-enters
 *                              instead of taking the lock; null outside a block
 * @param adminKubeconfig       an admin kubeconfig on the first master ({@code adminKubeconfig} argument), or null for the version's
 *                              default (the inventory's {@code adminKubeconfig} key, the master's localhost-recovery kubeconfig)
 * @param onlyNodes             the {@code nodes} argument: only these nodes' kubelets and CSRs; empty for every node
 * @param skipUnreachable       go on without the hosts the preflight cannot reach
 */
public record ClusterRequest(
        Map<String, Object> cluster,
        String inventoryFile,
        LoginSecret login,
        String workspace,
        boolean dryRun,
        int commandTimeoutSeconds,
        String auditFile,
        String runId,
        String lockToken,
        String adminKubeconfig,
        List<String> onlyNodes,
        boolean skipUnreachable) {}
