package io.jenkins.plugins.certrecovery.sandbox;

/**
 * A node as the sandbox sees it.
 *
 * @param name          node name
 * @param role          master or worker
 * @param ready         true when its Ready condition is True
 * @param kubeletState  {@code active}, {@code inactive} or {@code failed}, as {@code systemctl is-active kubelet} says
 * @param kubeletProblem what keeps the kubelet from joining, as its journal would say; empty when nothing does
 */
public record SimulatedNode(String name, HostRole role, boolean ready, String kubeletState, String kubeletProblem) {}
