package io.jenkins.plugins.certrecovery.e2e;

import io.jenkins.plugins.certrecovery.cluster.NodeRole;
import java.nio.file.Path;

/**
 * One cluster host to start as a real sshd.
 *
 * @param name     inventory node name ({@code master-0})
 * @param role     master or worker
 * @param address  its own loopback address (127.0.1.x)
 * @param rootDir  the directory that stands for this host's {@code /}: its etc/kubernetes, var/lib/kubelet, run and
 *                 var/lib/ocp-cert-recovery are bind-mounted over the real paths inside the host's mount namespace
 * @param toolsDir the simulated tools (oc, podman, systemctl, recover-kubeconfig.sh), bind-mounted over /usr/local/bin
 */
record HostSpec(String name, NodeRole role, String address, Path rootDir, Path toolsDir) {}
