package io.jenkins.plugins.certrecovery.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * A simulated OpenShift cluster (4.3, or 4.6–4.18: {@link SandboxSpec#ocpVersion()}) after a long shutdown: N masters and M
 * workers, each with its own directory standing for its {@code /}, simulated {@code oc}, {@code podman}, {@code systemctl} and {@code recover-kubeconfig.sh} sharing one cluster state,
 * and (unless started without SSH) an SSH server per host. See docs/sandbox.md.
 */
public final class Sandbox implements AutoCloseable {
    /** MINA's name of the key type of every host key and of the client key. */
    private static final String ED25519 = "ssh-ed25519";
    /** How often {@link #await} checks again when only processes on the hosts can make its condition true. */
    private static final Duration AWAIT_POLL = Duration.ofMillis(50);

    private final SandboxSpec spec;
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final ClusterState state;
    private final ToolController controller;
    private final Map<String, SshHostServer> servers = new LinkedHashMap<>();
    private final KeyPair clientKey;
    private final Path clientKeyFile;
    private final Path knownHostsFile;
    private final Path inventoryFile;

    private Sandbox(SandboxSpec spec) throws IOException {
        this.spec = spec;
        this.ownsWorkDir = spec.workDir() == null;
        this.workDir = (ownsWorkDir
                        ? Files.createTempDirectory("ocp-sandbox-")
                        : Files.createDirectories(spec.workDir()))
                .toAbsolutePath()
                .toRealPath();
        Instant now = Instant.now();
        List<SimHost> hosts = new ArrayList<>();
        int index = 0;
        for (String name : spec.nodeNames()) {
            HostRole role = name.startsWith("master-") ? HostRole.MASTER : HostRole.WORKER;
            // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): node addresses that are data only, never contacted.
            hosts.add(new SimHost(
                    name,
                    role,
                    workDir.resolve("hosts").resolve(name),
                    workDir.resolve("tools").resolve(name),
                    "192.0.2." + (10 + index++)));
        }
        // In a fresh JVM MINA's first ed25519 key costs about a second of CPU (KeyUtils registers Bouncy Castle as a
        // JCA
        // provider): make the SSH keys on a thread of their own while this one makes the cluster's certificates and
        // files.
        int sshKeyCount = 1 + (spec.ssh() ? hosts.size() : 0);
        CompletableFuture<List<KeyPair>> sshKeys =
                CompletableFuture.supplyAsync(() -> ed25519Keys(sshKeyCount), task -> {
                    Thread thread = new Thread(task, "sandbox-ssh-keys");
                    thread.setDaemon(true);
                    thread.start();
                });
        ClusterCertificates certificates = new ClusterCertificates(
                new Pki(),
                spec.ocpVersion(),
                spec.certificatesExpired(),
                spec.daysOff(),
                spec.localhostRecoveryClientExpired(),
                now);
        this.state = new ClusterState(spec, certificates, now, hosts);
        HostProvisioner provisioner = new HostProvisioner(state);
        // Hosts are independent: provisioning them in parallel halves the start on two cores.
        hosts.parallelStream().forEach(host -> provisioner.provision(host, now));
        OcTool oc = new OcTool(state);
        this.controller = new ToolController(
                state,
                Map.of(
                        "oc", oc,
                        "podman", new PodmanTool(state, new SimulatedKubeApiserverOperator(state)),
                        "systemctl", new SystemctlTool(state),
                        "recover-kubeconfig.sh", new RecoverKubeconfigTool(state, oc)));
        for (SimHost host : hosts) {
            ToolScripts.install(host, controller.port(), spec.ssh());
        }
        Path sshDir = Files.createDirectories(workDir.resolve("ssh"));
        this.clientKeyFile = sshDir.resolve("id_ed25519");
        this.knownHostsFile = sshDir.resolve("known_hosts");
        this.inventoryFile = workDir.resolve("inventory.yaml");
        List<KeyPair> keys;
        try {
            keys = sshKeys.join();
        } catch (CompletionException e) {
            throw new IOException("cannot generate ed25519 keys for the sandbox's SSH servers", e.getCause());
        }
        this.clientKey = keys.get(0);
        if (spec.ssh()) {
            for (int i = 0; i < hosts.size(); i++) {
                servers.put(
                        hosts.get(i).name(),
                        new SshHostServer(hosts.get(i), keys.get(i + 1), clientKey.getPublic(), state));
            }
            servers.values().parallelStream().forEach(SshHostServer::startUnchecked);
            for (String down : spec.sshDown()) {
                setSshDown(down, true);
            }
        }
        writeClientKey();
        Files.writeString(knownHostsFile, knownHosts());
        Files.writeString(inventoryFile, inventoryYaml());
    }

    private static List<KeyPair> ed25519Keys(int count) {
        List<KeyPair> keys = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                keys.add(KeyUtils.generateKeyPair(ED25519, 256));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return keys;
    }

    /** Starts a cluster with an SSH server per host (the spec's {@code ssh} flag decides). */
    public static Sandbox start(SandboxSpec spec) throws IOException {
        return new Sandbox(spec);
    }

    /** Starts the controller, host directories and tools only: for hosts behind other SSH servers (the end-to-end suite). */
    public static Sandbox startWithoutSsh(SandboxSpec spec) throws IOException {
        return new Sandbox(spec.withoutSsh());
    }

    private void writeClientKey() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "sandbox", null, bytes);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the sandbox's client key", e);
        }
        Files.write(clientKeyFile, bytes.toByteArray());
        Files.setPosixFilePermissions(clientKeyFile, PosixFilePermissions.fromString("rw-------"));
    }

    // ---- what a client needs ----------------------------------------------------------------------------------------

    public SandboxSpec spec() {
        return spec;
    }

    /** The cluster's time: real, or simulated and moved by the test (see {@link SandboxSpec#withManualClock()}). */
    public SandboxClock clock() {
        return state.clock;
    }

    /**
     * 4.6+ on a simulated clock: moves it on until the API answers and each bootstrapping kubelet has posted four client CSRs, of
     * which it watches the newest (the state a recovery finds after a while; see {@link SandboxSpec#openShift4xOnManualClock}).
     */
    public void bootWithSupersededCsrs() {
        clock().advance(spec.apiserverStartDelay().plus(spec.csrRetryInterval().multipliedBy(3)));
    }

    /**
     * Waits until {@code condition} holds (it may run tool calls: in simulated time each sees the cluster caught up with the hosts'
     * files). Between two checks the cluster moves on: simulated time jumps to the next moment at which the cluster changes by
     * itself; when nothing is due, or in real time, the check is repeated after 50 ms, for what processes on the hosts do.
     *
     * @param what  what is awaited, for the failure message
     * @param limit how long to wait, in real time
     * @throws AssertionError when the condition did not hold within {@code limit}, naming {@code what} and the cluster's state
     */
    public void await(String what, Duration limit, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(
                        "waited " + limit.toMillis() + " ms for " + what + " in vain; " + state.describe());
            }
            if (!(state.clock.simulated() && state.advanceToNextChange())) {
                Thread.sleep(AWAIT_POLL.toMillis());
            }
        }
    }

    /**
     * The inventory for the engine (keys as core's InventoryLoader reads them). Without SSH the ports are 0 (the loader's default
     * 22): whoever puts the hosts behind other SSH servers writes the inventory for them.
     */
    public String inventoryYaml() {
        StringBuilder yaml = new StringBuilder();
        yaml.append("ocpVersion: \"").append(spec.ocpVersion().text()).append("\"\n");
        yaml.append("releaseImage: ").append(spec.releaseImage()).append('\n');
        yaml.append("ssh:\n  user: ").append(SshHostServer.LOGIN_USER).append("\n  port: 22\n");
        yaml.append("  identityFile: ").append(clientKeyFile).append('\n');
        yaml.append("  knownHosts: ").append(knownHostsFile).append('\n');
        for (HostRole role : HostRole.values()) {
            List<SimHost> hosts =
                    state.hosts().stream().filter(h -> h.role() == role).toList();
            yaml.append(role == HostRole.MASTER ? "masters:" : "workers:").append(hosts.isEmpty() ? " []\n" : "\n");
            for (SimHost host : hosts) {
                yaml.append("  - {name: ")
                        .append(host.name())
                        .append(", host: 127.0.0.1, port: ")
                        .append(sshPort(host.name()))
                        .append(", pathPrefix: ")
                        .append(host.root())
                        .append("}\n");
            }
        }
        return yaml.toString();
    }

    public Path inventoryFile() {
        return inventoryFile;
    }

    /** The client's private key in OpenSSH format (ed25519, no passphrase). */
    public String clientPrivateKey() {
        try {
            return Files.readString(clientKeyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public KeyPair clientKeyPair() {
        return clientKey;
    }

    public Path clientKeyFile() {
        return clientKeyFile;
    }

    /** known_hosts lines, {@code [127.0.0.1]:PORT ssh-ed25519 …}, one per host with an SSH server. */
    public String knownHosts() {
        StringBuilder text = new StringBuilder();
        servers.values()
                .forEach(s -> text.append("[127.0.0.1]:")
                        .append(s.port())
                        .append(' ')
                        .append(PublicKeyEntry.toString(s.hostPublicKey()))
                        .append('\n'));
        return text.toString();
    }

    public Path knownHostsFile() {
        return knownHostsFile;
    }

    /** The SSH port of a host; 0 when started without SSH. */
    public int sshPort(String host) {
        state.host(host);
        SshHostServer server = servers.get(host);
        return server == null ? 0 : server.port();
    }

    /** Node names, masters first. */
    public List<String> hostNames() {
        return state.hosts().stream().map(SimHost::name).toList();
    }

    public List<String> masterNames() {
        return state.masters().stream().map(SimHost::name).toList();
    }

    public List<String> workerNames() {
        return state.hosts().stream()
                .filter(h -> !h.isMaster())
                .map(SimHost::name)
                .toList();
    }

    /** The directory standing for a host's {@code /}. */
    public Path hostRoot(String host) {
        return state.host(host).root();
    }

    /** A host's path ({@code /etc/kubernetes/kubeconfig}) inside its directory. */
    public Path hostPath(String host, String absolutePath) {
        return state.host(host).path(absolutePath);
    }

    /** The directory holding a host's simulated tools (and sudo, with SSH): put it first on PATH. */
    public Path toolsDir(String host) {
        return state.host(host).toolsDir();
    }

    public Path workDir() {
        return workDir;
    }

    /** Values that must never show up in logs, reports or audit trails: the bootstrap token and pull-secret credentials. */
    public List<String> secretValues() {
        List<String> secrets = new ArrayList<>();
        secrets.add(state.bootstrapperToken);
        for (SimHost host : state.hosts()) {
            HostFiles.read(host.path(HostFiles.PULL_SECRET)).ifPresent(text -> {
                try {
                    Kubeconfig.JSON
                            .readTree(text)
                            .path("auths")
                            .forEach(a -> secrets.add(a.path("auth").asText()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return secrets.stream().distinct().toList();
    }

    // ---- inspection
    // ----------------------------------------------------------------------------------------------------

    public List<ToolEvent> toolEvents() {
        return state.toolEvents();
    }

    public List<ExecEvent> execEvents() {
        return state.execEvents();
    }

    public List<SimulatedNode> nodes() {
        return state.nodes();
    }

    public SimulatedNode node(String name) {
        return state.nodes().stream()
                .filter(n -> n.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sandbox node named '" + name + "'"));
    }

    public List<CsrStatus> csrs() {
        return state.csrs();
    }

    /** spec.forceRedeploymentReason of {@code kubeapiserver}, {@code kubecontrollermanager} or {@code kubescheduler}. */
    public Optional<String> forceRedeploymentReason(String operator) {
        return state.forceRedeploymentReason(checkOperator(operator));
    }

    /**
     * The static pod revision of an operator's component that a master runs (the one its manifest names: 7, 5 and 6 at start,
     * one more after each rollout that reached it); 0 on a worker.
     */
    public int staticPodRevision(String host, String operator) {
        return state.controlPlane.installedRevision(state.host(host).name(), checkOperator(operator));
    }

    private static String checkOperator(String operator) {
        if (!List.of(ClusterState.OPERATORS).contains(operator)) {
            throw new IllegalArgumentException(
                    "operator: expected one of kubeapiserver, kubecontrollermanager, kubescheduler, got '" + operator
                            + "'");
        }
        return operator;
    }

    public boolean certificatesRegenerated() {
        return state.regenerated();
    }

    /** The master whose recovery API server answers now, if any. */
    public Optional<String> recoveryApiserverAnswering() {
        return state.recoveryHost().filter(h -> state.recoveryApiserverAnswers(state.now()));
    }

    /** All nodes Ready, certificates regenerated, the three operators told to redeploy, no recovery API server left. */
    public boolean healthy() {
        return state.healthy();
    }

    // ---- faults
    // --------------------------------------------------------------------------------------------------------

    /** Stops (true) or restarts on the same port (false) a host's SSH server. */
    public void setSshDown(String host, boolean down) throws IOException {
        SshHostServer server = servers.get(host);
        if (server == null) {
            throw new IllegalArgumentException("host '" + host + "' has no SSH server in this sandbox");
        }
        if (down) {
            server.stop();
        } else if (!server.running()) {
            server.start();
        }
    }

    public void setKubeletFailing(String host, boolean failing) {
        state.setKubeletFails(host, failing);
    }

    public void setApiserverNeverAnswers(boolean never) {
        state.setApiserverNeverAnswers(never);
    }

    /** Adds a rogue pending CSR now. */
    public CsrStatus addRogueCsr(RogueCsr rogue) {
        return state.addRogue(rogue, state.now());
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (SshHostServer server : servers.values()) {
            try {
                server.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        controller.close();
        state.close();
        if (ownsWorkDir) {
            try (Stream<Path> walk = Files.walk(workDir)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
