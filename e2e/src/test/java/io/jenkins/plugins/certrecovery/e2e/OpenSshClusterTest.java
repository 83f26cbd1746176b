package io.jenkins.plugins.certrecovery.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness itself: five real sshd hosts, each with its private paths and tools, reachable as the core user (sudo) and as root
 * with verified host keys; after close no process of theirs is left, their mounts are gone and the machine is as before.
 */
class OpenSshClusterTest {
    @TempDir
    Path work;

    @BeforeAll
    static void requirements() {
        E2eRequirements.assumeMet();
    }

    @Test
    void hostsArePrivateReachableAsCoreAndRootAndLeaveNothingBehind() throws IOException {
        Path tools = work.resolve("tools");
        Files.createDirectories(tools);
        Path oc = tools.resolve("oc");
        Files.writeString(oc, "#!/bin/sh\necho simulated-oc \"$@\"\n");
        oc.toFile().setExecutable(true, false);
        List<HostSpec> specs = OpenSshCluster.threeMastersTwoWorkers(work.resolve("roots"), tools);
        for (HostSpec spec : specs) {
            Files.createDirectories(spec.rootDir().resolve("etc/kubernetes"));
            Files.writeString(spec.rootDir().resolve("etc/kubernetes/which-host"), spec.name() + "\n");
        }
        boolean kubernetesDirExisted = Files.exists(Path.of("/etc/kubernetes"));
        List<Long> started = new ArrayList<>();
        String ownMounts = Files.readString(Path.of("/proc/self/mountinfo"));

        try (OpenSshCluster cluster =
                OpenSshCluster.start(specs, E2eSettings.workDir().resolve("harness-logs"), E2eSettings.sshPort())) {
            for (NamespacedSshd host : cluster.hosts()) {
                String name = host.spec().name();
                started.addAll(host.processes());
                LocalCommand.Result asCore = cluster.ssh(
                                E2eRequirements.CORE_USER,
                                name,
                                "id -un; sudo -n sh -c 'id -un; cat /etc/kubernetes/which-host; command -v oc; oc get nodes'")
                        .requireSuccess();
                assertEquals(
                        List.of(E2eRequirements.CORE_USER, "root", name, "/usr/local/bin/oc", "simulated-oc get nodes"),
                        asCore.stdout().lines().toList(),
                        "core user with sudo on " + name);
                LocalCommand.Result asRoot = cluster.ssh("root", name, "id -un; cat /etc/kubernetes/which-host")
                        .requireSuccess();
                assertEquals(List.of("root", name), asRoot.stdout().lines().toList(), "root on " + name);
            }
            cluster.ssh(
                            E2eRequirements.CORE_USER,
                            "master-1",
                            "sudo -n touch /etc/kubernetes/written-on-master-1 /run/flag")
                    .requireSuccess();
            assertTrue(Files.exists(work.resolve("roots/master-1/etc/kubernetes/written-on-master-1")));
            assertTrue(Files.exists(work.resolve("roots/master-1/run/flag")), "/run is the host's own");
            assertFalse(Files.exists(work.resolve("roots/master-0/etc/kubernetes/written-on-master-1")));
            assertFalse(Files.exists(Path.of("/run/flag")), "the machine's /run is untouched");
            assertNotEquals(
                    NamespacedSshd.namespaceOf(cluster.host("master-0").pid()),
                    NamespacedSshd.namespaceOf(cluster.host("master-1").pid()));
        }

        for (long pid : started) {
            assertTrue(ProcessHandle.of(pid).isEmpty(), "process " + pid + " of the cluster still runs");
        }
        assertEquals(
                kubernetesDirExisted,
                Files.exists(Path.of("/etc/kubernetes")),
                "mount points created for the suite are removed");
        assertEquals(
                ownMounts, Files.readString(Path.of("/proc/self/mountinfo")), "the machine's mounts are unchanged");
        Outcomes.record(
                "harness-hosts",
                "harness",
                "3 masters + 2 workers as real sshd, each in its own mount namespace on 127.0.1.x",
                "logins as " + E2eRequirements.CORE_USER
                        + " (sudo -n) and root with strict host keys; private /etc/kubernetes and /run"
                        + " per host; after close: " + started.size()
                        + " processes gone, mounts gone, no mount point left");
    }
}
