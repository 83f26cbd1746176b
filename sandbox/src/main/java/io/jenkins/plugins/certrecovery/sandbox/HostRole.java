package io.jenkins.plugins.certrecovery.sandbox;

/** Whether a simulated host is a control-plane node or a worker. */
public enum HostRole {
    MASTER,
    WORKER
}
