package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.audit.AuditTrail;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.sandbox.ExecEvent;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.ToolEvent;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.SshIdentity;
import io.jenkins.plugins.certrecovery.ssh.SshOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * A sandbox cluster with the engine's real SSH transport connected to it, a listener that keeps every line, and an audit trail in
 * memory. Each {@link #context} is a new run (new run id) on the same connections.
 */
final class SandboxCluster implements AutoCloseable {
    final Sandbox sandbox;
    final Inventory inventory;
    final SshClusterHosts hosts;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final ByteArrayOutputStream auditBytes = new ByteArrayOutputStream();
    final AuditTrail audit;
    final RecordingListener listener = new RecordingListener();
    /** Where each operation's tool calls and SSH commands begin and end in the sandbox's logs, by operation name (its last run). */
    final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** The part of the sandbox's logs one operation's {@code execute()} made: indexes into its tool and exec event lists. */
    record Window(int toolsFrom, int toolsTo, int execsFrom, int execsTo) {
        List<ToolEvent> tools(Sandbox sandbox) {
            return sandbox.toolEvents().subList(toolsFrom, toolsTo);
        }

        List<ExecEvent> execs(Sandbox sandbox) {
            return sandbox.execEvents().subList(execsFrom, execsTo);
        }
    }

    SandboxCluster(SandboxSpec spec) throws IOException {
        sandbox = Sandbox.start(spec);
        inventory = InventoryLoader.forCli().fromYaml(sandbox.inventoryYaml(), "sandbox inventory");
        SecretMasker masker = new SecretMasker();
        hosts = new SshClusterHosts(
                inventory,
                SshIdentity.privateKey(sandbox.clientPrivateKey(), null),
                SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(10)),
                masker,
                (host, stream, line) -> lines.add("[" + host + "] " + line));
        audit = new AuditTrail(auditBytes, "memory", masker, Clock.systemUTC());
        listener.onOperation = (operation, started) -> {
            int tools = sandbox.toolEvents().size();
            int execs = sandbox.execEvents().size();
            if (started) {
                windows.put(operation, new Window(tools, tools, execs, execs));
            } else {
                windows.computeIfPresent(
                        operation, (name, w) -> new Window(w.toolsFrom(), tools, w.execsFrom(), execs));
            }
        };
    }

    /** Options for tests: the sandbox's delays are short, so poll often and give up early. */
    static RecoveryOptions fastOptions() {
        return RecoveryOptions.defaults().toBuilder()
                .owner("test@sandbox")
                .pollInterval(Duration.ofMillis(50))
                .progressInterval(Duration.ofMillis(500))
                .apiserverTimeout(Duration.ofSeconds(30))
                .nodesReadyTimeout(Duration.ofSeconds(60))
                .build();
    }

    RecoveryContext context(RecoveryOptions options) {
        return new RecoveryContext(inventory, hosts, listener, options, audit, Clock.systemUTC());
    }

    RecoveryContext context() {
        return context(fastOptions());
    }

    String auditText() {
        synchronized (audit) {
            return auditBytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Simulated tool calls since {@code from} (an index into the event log). */
    List<ToolEvent> toolEventsSince(int from) {
        List<ToolEvent> events = sandbox.toolEvents();
        return events.subList(from, events.size());
    }

    /** Calls whose tool and arguments contain all of these words, in the whole log. */
    long count(List<ToolEvent> events, String tool, String... words) {
        return events.stream()
                .filter(e -> e.tool().equals(tool) && e.argv().containsAll(List.of(words)))
                .count();
    }

    @Override
    public void close() throws IOException {
        // into the test's report output (surefire redirects it), for whoever reads a failure
        synchronized (listener.lines) {
            listener.lines.forEach(System.out::println);
        }
        hosts.close();
        audit.close();
        sandbox.close();
    }

    /** Keeps every listener call as a line. */
    static final class RecordingListener implements RecoveryListener {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final long start = System.nanoTime();

        private void add(String line) {
            lines.add(String.format("%6d ms %s", (System.nanoTime() - start) / 1_000_000, line));
        }

        /** An operation at whose start the run is cancelled (as Ctrl-C or a Jenkins abort would), once. */
        volatile String cancelAt;
        /** Told when an operation starts (true) and ends (false). */
        volatile BiConsumer<String, Boolean> onOperation = (operation, started) -> {};

        @Override
        public void operationStarted(String operation, String description) {
            onOperation.accept(operation, true);
            add("start " + operation);
            if (operation.equals(cancelAt)) {
                cancelAt = null;
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void operationFinished(String operation, boolean succeeded, String outcome, Duration took) {
            onOperation.accept(operation, false);
            add("end " + operation + " " + (succeeded ? "ok" : "FAILED") + " " + outcome);
        }

        @Override
        public void hostLine(String host, String line) {
            add("[" + host + "] " + line);
        }

        @Override
        public void progress(String waitingFor, Duration elapsed, Duration timeout, String lastState) {
            add("progress " + waitingFor + " " + elapsed.toMillis() + "ms: " + lastState);
        }

        @Override
        public void info(String line) {
            add("info " + line);
        }

        @Override
        public void warning(String line) {
            add("warning " + line);
        }
    }
}
