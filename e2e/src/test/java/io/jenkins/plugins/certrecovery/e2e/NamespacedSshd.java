package io.jenkins.plugins.certrecovery.e2e;

import io.jenkins.plugins.certrecovery.ssh.ShellQuoting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One real OpenSSH sshd in its own mount namespace: the host's private /etc/kubernetes, /var/lib/kubelet, /run,
 * /var/lib/ocp-cert-recovery and the simulated tools over /usr/local/bin (first on PATH for logins and in sudo's secure_path).
 * Mounts made in a private namespace disappear with its last process, so stopping every process of the namespace removes them.
 */
final class NamespacedSshd {
    /** Real paths bind-mounted from the host's root dir, so the inventory uses the real host layout. */
    static final List<String> PRIVATE_PATHS =
            List.of("/etc/kubernetes", "/var/lib/kubelet", "/var/lib/ocp-cert-recovery", "/run");

    static final String TOOLS_MOUNT = "/usr/local/bin";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final HostSpec spec;
    private final int port;
    private final Path config;
    private final Path log;
    private Process process;
    private String namespace;

    NamespacedSshd(HostSpec spec, int port, Path config, Path log) {
        this.spec = spec;
        this.port = port;
        this.config = config;
        this.log = log;
    }

    HostSpec spec() {
        return spec;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** The sshd listener's process id (unshare and sh exec into it, so it is the id of the process started here). */
    long pid() {
        return process.pid();
    }

    /** Starts sshd in a new private mount namespace and waits until it accepts connections. */
    void start() {
        List<String> script = new ArrayList<>();
        script.add("set -e");
        for (String path : PRIVATE_PATHS) {
            script.add("mount --bind " + ShellQuoting.quote(spec.rootDir() + path) + " " + ShellQuoting.quote(path));
        }
        // sshd's privilege separation directory lives in /run, which is this host's fresh one now.
        script.add("mkdir -p /run/sshd && chmod 0755 /run/sshd");
        script.add("mount --bind " + ShellQuoting.quote(spec.toolsDir().toString()) + " " + TOOLS_MOUNT);
        script.add("exec " + E2eRequirements.SSHD + " -D -e -f " + ShellQuoting.quote(config.toString()));
        try {
            for (String path : PRIVATE_PATHS) {
                Files.createDirectories(Path.of(spec.rootDir() + path));
            }
            process = new ProcessBuilder(
                            E2eRequirements.UNSHARE.toString(),
                            "--mount",
                            "--propagation",
                            "private",
                            "/bin/sh",
                            "-c",
                            String.join("\n", script))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start sshd for " + spec.name(), e);
        }
        awaitListening();
        String own = namespaceOf(process.pid());
        // Only a namespace other than ours may be set: stop() kills every process in it.
        if (own == null || own.equals(namespaceOf(ProcessHandle.current().pid()))) {
            stop();
            throw new IllegalStateException(
                    "sshd of " + spec.name() + " is not in a mount namespace of its own; see " + log);
        }
        namespace = own;
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd of " + spec.name() + " on " + spec.address() + ":" + port
                        + " exited with " + process.exitValue() + ": " + tail(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(spec.address(), port), 200);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        stop();
        throw new IllegalStateException("sshd of " + spec.name() + " did not listen on " + spec.address() + ":" + port
                + " within " + START_TIMEOUT.toSeconds() + " s: " + tail(log));
    }

    /** Every process in this host's namespace: the listener and the per-connection sshd processes, shells and sudo. */
    List<Long> processes() {
        if (namespace == null) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> namespace.equals(namespaceOf(pid)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a signal (STOP, CONT, KILL) to every process of this host, by process id. */
    void signalAll(String signal) {
        List<Long> pids = processes();
        if (pids.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> argv.add(Long.toString(pid)));
        LocalCommand.run(argv, Duration.ofSeconds(10));
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Stops every process of the namespace by id (SIGCONT first, in case a test froze it), waits until none is left, and so removes
     * the namespace's mounts. Safe to call twice.
     */
    void stop() {
        if (process == null) {
            return;
        }
        signalAll("CONT");
        process.destroy();
        for (long pid : processes()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!processes().isEmpty() && System.nanoTime() < deadline) {
            pause();
        }
        for (long pid : processes()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!processes().isEmpty() && System.nanoTime() < deadline) {
            pause();
        }
        if (!processes().isEmpty()) {
            throw new IllegalStateException(
                    "processes of " + spec.name() + " still running after SIGKILL: " + processes());
        }
    }

    /** The mount namespace identity of a process ("mnt:[4026532…]"), or null when it is gone. */
    static String namespaceOf(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "mnt"))
                    .toString();
        } catch (IOException | SecurityException gone) {
            return null;
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
