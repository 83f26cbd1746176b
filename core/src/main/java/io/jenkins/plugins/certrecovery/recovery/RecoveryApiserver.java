package io.jenkins.plugins.certrecovery.recovery;

/**
 * A recovery API server that answers.
 *
 * @param host          the master it runs on (the first master)
 * @param kubeconfig    the host path of its admin kubeconfig (what the operator printed, mapped to the host)
 * @param operatorImage the cluster-kube-apiserver-operator image it was created with, or null when a running one was reused
 * @param reused        true when a leftover recovery API server answered and was reused instead of created
 */
public record RecoveryApiserver(String host, String kubeconfig, String operatorImage, boolean reused) {}
