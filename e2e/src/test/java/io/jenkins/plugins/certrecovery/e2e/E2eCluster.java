package io.jenkins.plugins.certrecovery.e2e;

import io.jenkins.plugins.certrecovery.cluster.NodeRole;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.ToolEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A simulated OpenShift cluster (4.3 unless the spec says another release) behind real OpenSSH hosts: the sandbox without its MINA servers (controller, host root dirs,
 * tools) and one namespaced sshd per node whose real paths are the sandbox host's directories. The scenario's directory keeps the
 * inventory, the CLI's output, reports, audit files and sshd logs for inspection.
 */
final class E2eCluster implements AutoCloseable {
    private final Path dir;
    private final Sandbox sandbox;
    private final OpenSshCluster hosts;
    private final List<AutoCloseable> beforeHostsStart;

    private E2eCluster(Path dir, Sandbox sandbox, OpenSshCluster hosts, List<AutoCloseable> beforeHostsStart) {
        this.dir = dir;
        this.sandbox = sandbox;
        this.hosts = hosts;
        this.beforeHostsStart = beforeHostsStart;
    }

    /** Starts a cluster for one scenario, in a fresh {@code target/e2e/<scenario>}. */
    static E2eCluster start(String scenario, SandboxSpec spec) {
        return start(scenario, spec, sandbox -> {});
    }

    /**
     * Starts a cluster; {@code prepare} runs after the sandbox made the host directories and before any sshd starts (mounts that
     * the hosts must see, such as a small tmpfs, go there; register them with {@link Preparation#keep(AutoCloseable)}).
     */
    static E2eCluster start(String scenario, SandboxSpec spec, Consumer<Preparation> prepare) {
        Path dir = E2eSettings.workDir().toAbsolutePath().resolve(scenario);
        OpenSshCluster.deleteTree(dir);
        long start = System.nanoTime();
        Sandbox sandbox;
        try {
            sandbox = Sandbox.startWithoutSsh(spec.withWorkDir(dir.resolve("sandbox")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox for " + scenario, e);
        }
        Preparation preparation = new Preparation(sandbox);
        try {
            long sandboxStarted = System.nanoTime();
            prepare.accept(preparation);
            OpenSshCluster hosts = OpenSshCluster.start(hostSpecs(sandbox), dir.resolve("logs"), E2eSettings.sshPort());
            System.out.printf(
                    "[e2e] %s: sandbox started in %d ms, OpenSSH hosts in %d ms%n",
                    scenario, (sandboxStarted - start) / 1_000_000, (System.nanoTime() - sandboxStarted) / 1_000_000);
            return new E2eCluster(dir, sandbox, hosts, preparation.kept);
        } catch (RuntimeException e) {
            closeAll(preparation.kept, sandbox);
            throw e;
        }
    }

    /** What a scenario may set up between the sandbox's start and the hosts' start. */
    static final class Preparation {
        private final Sandbox sandbox;
        private final List<AutoCloseable> kept = new ArrayList<>();

        private Preparation(Sandbox sandbox) {
            this.sandbox = sandbox;
        }

        Sandbox sandbox() {
            return sandbox;
        }

        /** Closed after the hosts are stopped (a mount the hosts see). */
        <T extends AutoCloseable> T keep(T resource) {
            kept.add(resource);
            return resource;
        }
    }

    /** Masters on 127.0.1.11…, workers on 127.0.1.21…, each host's real paths from its sandbox directory. */
    private static List<HostSpec> hostSpecs(Sandbox sandbox) {
        List<HostSpec> specs = new ArrayList<>();
        List<String> masters = sandbox.masterNames();
        List<String> workers = sandbox.workerNames();
        for (int i = 0; i < masters.size(); i++) {
            String name = masters.get(i);
            specs.add(new HostSpec(
                    name, NodeRole.MASTER, "127.0.1." + (11 + i), sandbox.hostRoot(name), sandbox.toolsDir(name)));
        }
        for (int i = 0; i < workers.size(); i++) {
            String name = workers.get(i);
            specs.add(new HostSpec(
                    name, NodeRole.WORKER, "127.0.1." + (21 + i), sandbox.hostRoot(name), sandbox.toolsDir(name)));
        }
        return specs;
    }

    Path dir() {
        return dir;
    }

    Sandbox sandbox() {
        return sandbox;
    }

    OpenSshCluster hosts() {
        return hosts;
    }

    /** Writes the inventory of this cluster for a login user, and returns its path. */
    Path inventory(String user) {
        return InventoryFile.write(inventoryMap(user), dir.resolve("inventory-" + user + ".yaml"));
    }

    Map<String, Object> inventoryMap(String user) {
        return InventoryFile.of(
                hosts, sandbox.spec().ocpVersion().text(), sandbox.spec().releaseImage(), user);
    }

    /** Tool calls so far on a host, as "tool arg arg" lines. */
    List<String> toolCalls(String host) {
        return sandbox.toolEvents().stream()
                .filter(e -> e.host().equals(host))
                .map(e -> e.tool() + (e.argv().isEmpty() ? "" : " " + String.join(" ", e.argv())))
                .toList();
    }

    /** Tool calls so far on a host. */
    List<ToolEvent> toolEvents(String host) {
        return sandbox.toolEvents().stream().filter(e -> e.host().equals(host)).toList();
    }

    /** Tool calls so far on a host that change the cluster: the operator image run, a patch, a kubelet stop or start. */
    List<String> changingToolCalls(String host) {
        return toolCalls(host).stream()
                .filter(c -> c.startsWith("podman run")
                        || c.contains(" patch ")
                        || c.startsWith("systemctl stop")
                        || c.startsWith("systemctl start"))
                .toList();
    }

    /** True once a host has seen a call of {@code tool} whose arguments include every one of {@code arguments}. */
    boolean called(String host, String tool, String... arguments) {
        return toolEvents(host).stream()
                .anyMatch(e -> e.tool().equals(tool) && e.argv().containsAll(List.of(arguments)));
    }

    /** Snapshots of every host's root dir (runtime noise of sshd and sudo left out). */
    Map<String, TreeSnapshot> snapshots() {
        Map<String, TreeSnapshot> snapshots = new LinkedHashMap<>();
        for (String host : sandbox.hostNames()) {
            snapshots.put(host, TreeSnapshot.of(sandbox.hostRoot(host), TreeSnapshot.RUNTIME_NOISE));
        }
        return snapshots;
    }

    /** Every file added ("+"), removed ("-") or changed ("~") on any host since {@code before}, as "host: ~ path" lines. */
    List<String> changesSince(Map<String, TreeSnapshot> before) {
        Map<String, TreeSnapshot> now = snapshots();
        List<String> changes = new ArrayList<>();
        before.forEach(
                (host, snapshot) -> snapshot.differencesTo(now.get(host)).forEach(d -> changes.add(host + ": " + d)));
        return changes;
    }

    /**
     * Runs the CLI jar to the end in this cluster's directory, as the operator (the key's passphrase from the environment), and
     * prints its exit code and duration.
     *
     * @param name a short name of this run within the scenario: its stdout and stderr land in NAME.stdout / NAME.stderr
     */
    CliProcess.Run cli(String name, Duration timeout, String... args) {
        CliProcess.Run run = CliProcess.run(dir, name, OpenSshCluster.OPERATOR_PASSPHRASE, timeout, args);
        System.out.println("[e2e] " + dir.getFileName() + "/" + name + ": exit " + run.exitCode() + " ("
                + run.duration().toSeconds() + " s)");
        return run;
    }

    /** What the CLI runs of this scenario left in its directory: NAME.stdout, NAME.stderr and the audit files (*.jsonl). */
    List<Path> cliOutputs() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.(stdout|stderr|jsonl)"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Stops the hosts (by process id), then what the scenario prepared, then the sandbox. */
    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            hosts.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            closeAll(beforeHostsStart, sandbox);
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeAll(List<AutoCloseable> resources, Sandbox sandbox) {
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable resource : reversed(resources)) {
            try {
                resource.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        try {
            sandbox.close();
        } catch (IOException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException(
                    "teardown incomplete: " + failures.get(0).getMessage());
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static List<AutoCloseable> reversed(List<AutoCloseable> resources) {
        List<AutoCloseable> copy = new ArrayList<>(resources);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
