package io.jenkins.plugins.certrecovery.e2e;

import io.jenkins.plugins.certrecovery.cluster.NodeRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A cluster of real OpenSSH hosts on loopback addresses, each sshd in its own mount namespace. Generates every key it needs: a host
 * key per host (known_hosts is built from them), the operator's passphrase-protected login key (the one the product uses) and a
 * harness key without passphrase for the suite's own probes. Logins: {@value E2eRequirements#CORE_USER} (NOPASSWD sudo) and root.
 * {@link #close()} stops every process it started by id, which removes the namespaces' mounts, and deletes the keys.
 */
final class OpenSshCluster implements AutoCloseable {
    static final String OPERATOR_PASSPHRASE = "e2e-passphrase-" + Long.toHexString(System.nanoTime());
    private static final Duration SSH_TIMEOUT = Duration.ofSeconds(30);

    private final Path runtimeDir;
    private final Path logDir;
    private final int port;
    private final Map<String, NamespacedSshd> hosts = new LinkedHashMap<>();
    private final List<Path> createdMountPoints = new ArrayList<>();

    private OpenSshCluster(Path runtimeDir, Path logDir, int port) {
        this.runtimeDir = runtimeDir;
        this.logDir = logDir;
        this.port = port;
    }

    /** The default shape: three masters on 127.0.1.11-13 and two workers on 127.0.1.21-22, roots under {@code rootsDir}/NAME. */
    static List<HostSpec> threeMastersTwoWorkers(Path rootsDir, Path toolsDir) {
        List<HostSpec> specs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            specs.add(new HostSpec(
                    "master-" + i, NodeRole.MASTER, "127.0.1." + (11 + i), rootsDir.resolve("master-" + i), toolsDir));
        }
        for (int i = 0; i < 2; i++) {
            specs.add(new HostSpec(
                    "worker-" + i, NodeRole.WORKER, "127.0.1." + (21 + i), rootsDir.resolve("worker-" + i), toolsDir));
        }
        return specs;
    }

    /** Starts one sshd per host; on any failure everything already started is stopped again. */
    static OpenSshCluster start(List<HostSpec> specs, Path logDir, int port) {
        Path runtime;
        try {
            // Under /tmp, not the build directory: sshd reads authorized_keys as the login user, who must reach it.
            runtime = Files.createTempDirectory("ocpcr-e2e-");
            Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the e2e runtime directory", e);
        }
        OpenSshCluster cluster = new OpenSshCluster(runtime, logDir, port);
        try {
            cluster.startAll(specs);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll(List<HostSpec> specs) {
        keygen(operatorKey(), OPERATOR_PASSPHRASE);
        keygen(harnessKey(), "");
        String authorized = read(Path.of(operatorKey() + ".pub")) + read(Path.of(harnessKey() + ".pub"));
        Path authorizedDir = runtimeDir.resolve("authorized_keys");
        write(authorizedDir.resolve(E2eRequirements.CORE_USER), authorized);
        write(authorizedDir.resolve("root"), authorized);
        createMountPoints();
        StringBuilder knownHosts = new StringBuilder();
        for (HostSpec spec : specs) {
            Path hostDir = runtimeDir.resolve("hosts").resolve(spec.name());
            Path hostKey = hostDir.resolve("ssh_host_ed25519_key");
            keygen(hostKey, "");
            Path config = hostDir.resolve("sshd_config");
            write(config, sshdConfig(spec, hostKey, authorizedDir));
            NamespacedSshd sshd = new NamespacedSshd(spec, port, config, logDir.resolve(spec.name() + "-sshd.log"));
            hosts.put(spec.name(), sshd);
            sshd.start();
            String[] key = read(Path.of(hostKey + ".pub")).split(" ");
            knownHosts
                    .append(knownHostsName(spec.address()))
                    .append(' ')
                    .append(key[0])
                    .append(' ')
                    .append(key[1])
                    .append('\n');
        }
        write(knownHosts(), knownHosts.toString());
        System.out.println("[e2e] started " + hosts.size() + " OpenSSH hosts: "
                + hosts.values().stream()
                        .map(h -> h.spec().name() + "=" + h.spec().address() + ":" + port + " (pid " + h.pid() + ")")
                        .toList());
    }

    private String sshdConfig(HostSpec spec, Path hostKey, Path authorizedDir) {
        return String.join(
                "\n",
                "ListenAddress " + spec.address() + ":" + port,
                "HostKey " + hostKey,
                "PidFile none",
                // Without PAM, sshd refuses accounts whose password field starts with '!': .ci/run sets '*' for the
                // core user.
                "UsePAM no",
                // The runtime directory is under /tmp (sticky, world-writable), which StrictModes would reject.
                "StrictModes no",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "AuthorizedKeysFile " + authorizedDir + "/%u",
                "AllowUsers root " + E2eRequirements.CORE_USER,
                // The transport multiplexes every command of a run over one connection per host.
                "MaxSessions 64",
                "MaxStartups 64",
                "LogLevel VERBOSE",
                "Subsystem sftp internal-sftp",
                "");
    }

    private String knownHostsName(String address) {
        return port == 22 ? address : "[" + address + "]:" + port;
    }

    private void createMountPoints() {
        for (String path : Stream.concat(NamespacedSshd.PRIVATE_PATHS.stream(), Stream.of(NamespacedSshd.TOOLS_MOUNT))
                .toList()) {
            Path target = Path.of(path);
            if (!Files.isDirectory(target)) {
                try {
                    Files.createDirectories(target);
                    createdMountPoints.add(target);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the mount point " + target, e);
                }
            }
        }
    }

    List<NamespacedSshd> hosts() {
        return List.copyOf(hosts.values());
    }

    NamespacedSshd host(String name) {
        NamespacedSshd host = hosts.get(name);
        if (host == null) {
            throw new IllegalArgumentException("no host " + name + " in this cluster: " + hosts.keySet());
        }
        return host;
    }

    int port() {
        return port;
    }

    /** The operator's private key (OpenSSH format, protected by {@link #OPERATOR_PASSPHRASE}). */
    Path operatorKey() {
        return runtimeDir.resolve("keys").resolve("operator_ed25519");
    }

    Path harnessKey() {
        return runtimeDir.resolve("keys").resolve("harness_ed25519");
    }

    /** known_hosts with every host's real host key. */
    Path knownHosts() {
        return runtimeDir.resolve("known_hosts");
    }

    Path runtimeDir() {
        return runtimeDir;
    }

    /** Runs a shell command on a host with the OpenSSH client and the harness key, host key checked strictly. */
    LocalCommand.Result ssh(String user, String hostName, String shellCommand) {
        NamespacedSshd host = host(hostName);
        return LocalCommand.run(
                List.of(
                        "ssh",
                        "-i",
                        harnessKey().toString(),
                        "-p",
                        Integer.toString(port),
                        "-o",
                        "BatchMode=yes",
                        "-o",
                        "IdentitiesOnly=yes",
                        "-o",
                        "StrictHostKeyChecking=yes",
                        "-o",
                        "UserKnownHostsFile=" + knownHosts(),
                        "-o",
                        "ConnectTimeout=10",
                        "-o",
                        "LogLevel=ERROR",
                        user + "@" + host.spec().address(),
                        shellCommand),
                SSH_TIMEOUT);
    }

    /** Stops every host (all processes of each namespace, by id), removes mount points it created, deletes keys and configs. */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (NamespacedSshd host : hosts.values()) {
            try {
                host.stop();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        for (Path mountPoint : createdMountPoints) {
            try {
                Files.deleteIfExists(mountPoint);
            } catch (IOException e) {
                failures.add(new UncheckedIOException(
                        "cannot remove the mount point " + mountPoint + " created for the suite", e));
            }
        }
        deleteTree(runtimeDir);
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException(
                    "teardown incomplete: " + failures.get(0).getMessage());
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static void keygen(Path key, String passphrase) {
        try {
            Files.createDirectories(key.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalCommand.run(
                        List.of(
                                E2eRequirements.SSH_KEYGEN.toString(),
                                "-q",
                                "-t",
                                "ed25519",
                                "-N",
                                passphrase,
                                "-C",
                                key.getFileName().toString(),
                                "-f",
                                key.toString()),
                        Duration.ofSeconds(30))
                .requireSuccess();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
