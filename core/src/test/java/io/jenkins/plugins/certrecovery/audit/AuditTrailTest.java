package io.jenkins.plugins.certrecovery.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.certrecovery.csr.ApprovalSelection;
import io.jenkins.plugins.certrecovery.csr.CsrKind;
import io.jenkins.plugins.certrecovery.csr.CsrVerdict;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T16:00:00Z"), ZoneOffset.UTC);
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;

    private List<JsonNode> lines(Path file) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.isEmpty() || text.endsWith("\n"), "every line is complete");
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                nodes.add(mapper.readTree(line));
            }
        }
        return nodes;
    }

    private static CsrVerdict verdict(String name, boolean valid, String... reasons) {
        return new CsrVerdict(
                name,
                CsrKind.NODE_CLIENT,
                "master-0",
                "system:serviceaccount:x",
                "Pending",
                valid,
                false,
                List.of(reasons));
    }

    @Test
    void everyEventIsOneCompleteFlushedLineAsItHappens() throws IOException {
        Path file = dir.resolve("audit/run.jsonl");
        AuditTrail audit = AuditTrail.toFile(file, new SecretMasker(), CLOCK);
        audit.runStarted("20261126T160000Z", "ocp-cert-recovery 0.1.0", Map.of("inventory", "inv.yaml"));
        assertEquals(1, lines(file).size(), "written before close");
        audit.operationStarted("recover-kubelets", "restart kubelets with backups");
        audit.command(new CommandResult(
                "master-0", RemoteCommand.of("systemctl", "stop", "kubelet"), 0, "", "", Duration.ofMillis(1200)));
        audit.commandFailed(
                "worker-1", RemoteCommand.readOnly("oc", "get", "nodes"), "connection reset", Duration.ofSeconds(3));
        audit.fileChanged(
                "master-0",
                "/var/lib/kubelet/pki",
                "moved",
                "/var/lib/ocp-cert-recovery/backups/r1/var/lib/kubelet/pki");
        audit.fileChanged("worker-0", "/etc/kubernetes/kubelet-ca.crt", "written", "");
        audit.csrVerdict(verdict("csr-a", true));
        audit.csrVerdict(verdict("csr-b", false, "requested by system:serviceaccount:default:x"));
        audit.csrApproved(verdict("csr-a", true));
        audit.csrRefused(
                new ApprovalSelection.Refusal("csr-b", List.of("requested by system:serviceaccount:default:x")));
        audit.warning("worker-1 is NotReady");
        audit.operationFinished("recover-kubelets", true, "3 kubelets restarted", Duration.ofSeconds(42));
        List<JsonNode> beforeEnd = lines(file);
        assertEquals(12, beforeEnd.size(), "an interrupted run leaves every event so far");
        audit.runFinished(true, "all nodes Ready");
        audit.close();

        List<JsonNode> events = lines(file);
        assertEquals(
                List.of(
                        "run-start",
                        "operation-start",
                        "command",
                        "command",
                        "file-changed",
                        "file-changed",
                        "csr-verdict",
                        "csr-verdict",
                        "csr-approved",
                        "csr-refused",
                        "warning",
                        "operation-end",
                        "run-end"),
                events.stream().map(e -> e.get("event").asText()).toList());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).get("seq").asInt());
            assertEquals("2026-11-26T16:00:00Z", events.get(i).get("time").asText());
        }
        JsonNode command = events.get(2);
        assertEquals("master-0", command.get("host").asText());
        assertEquals("'systemctl' 'stop' 'kubelet'", command.get("command").asText());
        assertEquals(0, command.get("exitCode").asInt());
        assertEquals(1200, command.get("durationMs").asLong());
        assertTrue(events.get(3).get("exitCode").isNull());
        assertEquals("connection reset", events.get(3).get("error").asText());
        assertEquals(
                "/var/lib/ocp-cert-recovery/backups/r1/var/lib/kubelet/pki",
                events.get(4).get("backup").asText());
        assertTrue(events.get(5).get("backup").isNull());
        assertEquals("NODE_CLIENT", events.get(6).get("kind").asText());
        assertFalse(events.get(7).get("valid").asBoolean());
        assertEquals(
                "requested by system:serviceaccount:default:x",
                events.get(9).get("reasons").get(0).asText());

        String summary = events.get(12).get("summary").asText();
        assertEquals(audit.summary(), summary);
        assertTrue(summary.startsWith("Run 20261126T160000Z: succeeded — all nodes Ready\n"), summary);
        assertTrue(summary.contains("  ok     recover-kubelets (42.0 s): 3 kubelets restarted\n"), summary);
        assertTrue(summary.contains("Remote commands: 2, master-0 1, worker-1 1 (1 failed)\n"), summary);
        assertTrue(
                summary.contains("master-0 /var/lib/kubelet/pki moved, backup /var/lib/ocp-cert-recovery/backups/r1"),
                summary);
        assertTrue(summary.contains("worker-0 /etc/kubernetes/kubelet-ca.crt written (no previous file)"), summary);
        assertTrue(summary.contains("CSRs: 1 valid, 1 invalid; 1 approved, 1 refused\n"), summary);
        assertTrue(summary.contains("Warnings:\n  worker-1 is NotReady\n"), summary);
        assertThrows(IllegalStateException.class, () -> audit.warning("after close"));
    }

    @Test
    void registeredSecretsNeverReachTheFileOrTheSummary() throws IOException {
        String token = "eyJhbGciOiJSUzI1NiIsImtpZCI6InRva2VuIn0.bootstrap-token-value";
        String password = "pa\"ss\\word with\nnewline";
        String key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
                + "AAAAAAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIG\n-----END OPENSSH PRIVATE KEY-----\n";
        SecretMasker masker = new SecretMasker();
        masker.register(token);
        masker.register(password);
        masker.register(key);
        Path file = dir.resolve("audit.jsonl");
        try (AuditTrail audit = AuditTrail.toFile(file, masker, CLOCK)) {
            audit.runStarted("r", "tool", Map.of("token", token, "key", key));
            audit.operationStarted("recover-kubelets", "using token " + token);
            RemoteCommand withSecrets = RemoteCommand.of("oc", "--token=" + token, "login")
                    .withEnvironment("PASS", password)
                    .withStdin(key.getBytes());
            audit.command(new CommandResult("master-0", withSecrets, 1, token, password, Duration.ZERO));
            audit.commandFailed("master-0", withSecrets, "auth failed for " + password, Duration.ZERO);
            audit.fileChanged("master-0", "/tmp/" + token, "written", "/backup/" + token);
            audit.csrVerdict(new CsrVerdict(
                    "csr-" + token, CsrKind.OTHER, null, token, "Pending", false, false, List.of("key " + key)));
            audit.csrApproved(
                    new CsrVerdict("csr-" + token, CsrKind.OTHER, token, token, "Pending", true, false, List.of()));
            audit.csrRefused(new ApprovalSelection.Refusal(token, List.of(password, key)));
            audit.warning("leaked? " + password);
            audit.operationFinished("recover-kubelets", false, "failed: " + token, Duration.ZERO);
            audit.runFinished(false, key);
            String written = Files.readString(file);
            String summary = audit.summary();
            for (String secret : List.of(
                    token,
                    password,
                    key,
                    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ",
                    "AAAAAAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIG",
                    "bootstrap-token-value",
                    "pa\\\"ss\\\\word")) {
                assertFalse(written.contains(secret), "audit file holds " + secret);
                assertFalse(summary.contains(secret), "summary holds " + secret);
                assertFalse(written.contains(mapper.writeValueAsString(secret)), "audit file holds escaped " + secret);
            }
            assertTrue(written.contains(SecretMasker.MASK));
            assertEquals(11, lines(file).size());
        }
    }

    @Test
    void concurrentWritersProduceWholeLinesInSequence() throws Exception {
        Path file = dir.resolve("parallel.jsonl");
        int threads = 8;
        int perThread = 200;
        try (AuditTrail audit = AuditTrail.toFile(file, new SecretMasker(), CLOCK)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String host = "worker-" + t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            audit.command(new CommandResult(
                                    host,
                                    RemoteCommand.readOnly("cat", "/etc/hostname-" + i),
                                    0,
                                    "",
                                    "",
                                    Duration.ofMillis(i)));
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertTrue(audit.summary().contains("Remote commands: " + threads * perThread), audit.summary());
        }
        List<JsonNode> events = lines(file);
        assertEquals(threads * perThread, events.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).get("seq").asInt(), "lines are in sequence order");
        }
    }

    @Test
    void appendsToAnExistingFileAndRefusesAnUnwritableOne() throws IOException {
        Path file = dir.resolve("a.jsonl");
        Files.writeString(file, "{\"event\":\"earlier\"}\n");
        try (AuditTrail audit = AuditTrail.toFile(file, new SecretMasker(), CLOCK)) {
            audit.warning("second run");
        }
        assertEquals(
                List.of("earlier", "warning"),
                lines(file).stream().map(e -> e.get("event").asText()).toList());

        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "");
        UncheckedIOException e = assertThrows(
                UncheckedIOException.class,
                () -> AuditTrail.toFile(blocker.resolve("audit.jsonl"), new SecretMasker(), CLOCK));
        assertTrue(
                e.getMessage().contains("cannot open the audit file " + blocker.resolve("audit.jsonl")),
                e.getMessage());
    }
}
