package io.jenkins.plugins.certrecovery.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jenkins.plugins.certrecovery.csr.ApprovalSelection;
import io.jenkins.plugins.certrecovery.csr.CsrVerdict;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The audit trail of one run, as JSON lines: run start and end, operation start and end, every remote command, every file changed
 * with its backup, every CSR verdict, approval and refusal, and warnings. Each line is one JSON object with {@code time},
 * {@code seq} and {@code event}; it is written in one piece and flushed at once, so an interrupted run leaves a file that is
 * complete up to its last event. Every text is passed through the run's {@link SecretMasker} before it is serialized. Safe to
 * call from several threads; lines appear in {@code seq} order.
 */
public final class AuditTrail implements Closeable {
    private final ObjectMapper mapper = new ObjectMapper();
    private final OutputStream out;
    private final String target;
    private final SecretMasker masker;
    private final Clock clock;
    private final AuditSummary summary = new AuditSummary();
    private long seq;
    private boolean closed;

    /**
     * @param out    where the lines go; closed by {@link #close()}
     * @param target what {@code out} is, for error messages (a file path, "standard output")
     * @param masker the run's masker
     * @param clock  the clock stamping each line
     */
    public AuditTrail(OutputStream out, String target, SecretMasker masker, Clock clock) {
        this.out = out;
        this.target = target;
        this.masker = masker;
        this.clock = clock;
    }

    /** Appends to {@code file} (created with its parent directories when missing). */
    public static AuditTrail toFile(Path file, SecretMasker masker, Clock clock) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new AuditTrail(
                    Files.newOutputStream(
                            file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE),
                    file.toString(),
                    masker,
                    clock);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot open the audit file " + file + ": " + e.getMessage() + "; choose a writable path", e);
        }
    }

    /** The run begins: its id, the tool and version, and what it was asked to do (e.g. inventory path, options). */
    public void runStarted(String runId, String tool, Map<String, String> details) {
        ObjectNode event = event("run-start").put("runId", runId).put("tool", tool);
        ObjectNode detailNode = event.putObject("details");
        details.forEach(detailNode::put);
        write(event, () -> summary.runStarted(runId));
    }

    /** The run ends; the line carries the readable summary as well. */
    public void runFinished(boolean succeeded, String outcome) {
        synchronized (this) {
            summary.runFinished(succeeded, masker.mask(outcome));
        }
        write(
                event("run-end")
                        .put("succeeded", succeeded)
                        .put("outcome", outcome)
                        .put("summary", summary()),
                () -> {});
    }

    public void operationStarted(String operation, String description) {
        write(event("operation-start").put("operation", operation).put("description", description), () -> {});
    }

    public void operationFinished(String operation, boolean succeeded, String outcome, Duration took) {
        write(
                event("operation-end")
                        .put("operation", operation)
                        .put("succeeded", succeeded)
                        .put("outcome", outcome)
                        .put("durationMs", took.toMillis()),
                () -> summary.operationFinished(operation, succeeded, masker.mask(outcome), took));
    }

    /** A remote command that ran to its exit. */
    public void command(CommandResult result) {
        command(result.host(), result.command(), result.exitCode(), null, result.duration());
    }

    /** A remote command that did not get an exit status (connection lost, timed out): {@code error} says what happened. */
    public void commandFailed(String host, RemoteCommand command, String error, Duration took) {
        command(host, command, null, error, took);
    }

    private void command(String host, RemoteCommand command, Integer exitCode, String error, Duration took) {
        ObjectNode event = event("command")
                .put("host", host)
                .put("command", command.display())
                .put("readOnly", command.readOnly());
        ArrayNode argv = event.putArray("argv");
        command.argv().forEach(argv::add);
        if (exitCode != null) {
            event.put("exitCode", exitCode.intValue());
        } else {
            event.putNull("exitCode").put("error", error);
        }
        event.put("durationMs", took.toMillis());
        boolean succeeded = exitCode != null && exitCode == 0;
        write(event, () -> summary.command(host, succeeded));
    }

    /**
     * A file on a host was written, moved or removed.
     *
     * @param change what happened ("written", "moved", "touched", …)
     * @param backup where the previous content was kept; null or empty when there was none
     */
    public void fileChanged(String host, String path, String change, String backup) {
        String backupPath = backup == null || backup.isEmpty() ? null : backup;
        write(
                event("file-changed")
                        .put("host", host)
                        .put("path", path)
                        .put("change", change)
                        .put("backup", backupPath),
                () -> summary.fileChanged(
                        host, masker.mask(path), change, backupPath == null ? null : masker.mask(backupPath)));
    }

    public void csrVerdict(CsrVerdict verdict) {
        write(verdictEvent("csr-verdict", verdict), () -> summary.csrVerdict(verdict.valid()));
    }

    /** A CSR was approved ({@code oc adm certificate approve} succeeded for it). */
    public void csrApproved(CsrVerdict verdict) {
        write(
                verdictEvent("csr-approved", verdict),
                () -> summary.csrApproved(masker.mask(verdict.name()), verdict.node()));
    }

    /** A CSR asked for approval was refused. */
    public void csrRefused(ApprovalSelection.Refusal refusal) {
        ObjectNode event = event("csr-refused").put("name", refusal.name());
        ArrayNode reasons = event.putArray("reasons");
        refusal.reasons().forEach(reasons::add);
        write(
                event,
                () -> summary.csrRefused(
                        masker.mask(refusal.name()),
                        refusal.reasons().stream().map(masker::mask).toList()));
    }

    public void warning(String text) {
        write(event("warning").put("text", text), () -> summary.warning(masker.mask(text)));
    }

    /** The readable summary of everything recorded so far. */
    public synchronized String summary() {
        return masker.mask(summary.render());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the audit trail " + target + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode verdictEvent(String type, CsrVerdict verdict) {
        ObjectNode event = event(type)
                .put("name", verdict.name())
                .put("kind", verdict.kind().name())
                .put("node", verdict.node())
                .put("requestor", verdict.requestor())
                .put("condition", verdict.condition())
                .put("valid", verdict.valid())
                .put("skipped", verdict.skipped());
        ArrayNode reasons = event.putArray("reasons");
        verdict.reasons().forEach(reasons::add);
        return event;
    }

    private ObjectNode event(String type) {
        return mapper.createObjectNode().put("event", type);
    }

    /** Stamps, masks and writes one line in one write call, then updates the summary; all under this trail's lock. */
    private synchronized void write(ObjectNode event, Runnable summarize) {
        if (closed) {
            throw new IllegalStateException("the audit trail " + target + " is closed");
        }
        ObjectNode line = mapper.createObjectNode()
                .put("time", Instant.now(clock).toString())
                .put("seq", ++seq);
        line.setAll(event);
        mask(line);
        byte[] bytes;
        try {
            bytes = (mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit event could not be serialized: " + e.getOriginalMessage(), e);
        }
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit trail " + target + ": " + e.getMessage(), e);
        }
        summarize.run();
    }

    /** Masks every text value in place, before serialization: escaping must not hide a secret from the masker. */
    private void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
                if (field.getValue().isTextual()) {
                    object.set(
                            field.getKey(),
                            TextNode.valueOf(masker.mask(field.getValue().asText())));
                } else {
                    mask(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(masker.mask(array.get(i).asText())));
                } else {
                    mask(array.get(i));
                }
            }
        }
    }
}
