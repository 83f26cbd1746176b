package io.jenkins.plugins.certrecovery.recovery;

/**
 * One preflight check on one host.
 *
 * @param host   inventory name
 * @param check  what was checked (e.g. {@code reachable}, {@code sudo}, {@code file /etc/kubernetes/manifests/kube-apiserver-pod.yaml})
 * @param ok     whether it passed
 * @param detail what was found, or what to do about it
 */
public record PreflightFinding(String host, String check, boolean ok, String detail) {}
