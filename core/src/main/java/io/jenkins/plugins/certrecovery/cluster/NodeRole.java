package io.jenkins.plugins.certrecovery.cluster;

public enum NodeRole {
    MASTER,
    WORKER
}
