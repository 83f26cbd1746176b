package io.jenkins.plugins.certrecovery.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The counts and lists behind {@link AuditTrail#summary()}. Not thread-safe: the trail calls it under its lock, with masked texts. */
final class AuditSummary {
    private record Operation(String name, boolean succeeded, String outcome, Duration took) {}

    private record FileChange(String host, String path, String change, String backup) {}

    private String runId = "";
    private Boolean succeeded;
    private String outcome = "";
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, int[]> commandsByHost = new LinkedHashMap<>();
    private final List<FileChange> files = new ArrayList<>();
    private int validCsrs;
    private int invalidCsrs;
    private final List<String> approved = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    void runStarted(String id) {
        runId = id;
    }

    void runFinished(boolean ok, String text) {
        succeeded = ok;
        outcome = text;
    }

    void operationFinished(String name, boolean ok, String text, Duration took) {
        operations.add(new Operation(name, ok, text, took));
    }

    void command(String host, boolean ok) {
        int[] counts = commandsByHost.computeIfAbsent(host, h -> new int[2]);
        counts[0]++;
        if (!ok) {
            counts[1]++;
        }
    }

    void fileChanged(String host, String path, String change, String backup) {
        files.add(new FileChange(host, path, change, backup));
    }

    void csrVerdict(boolean valid) {
        if (valid) {
            validCsrs++;
        } else {
            invalidCsrs++;
        }
    }

    void csrApproved(String name, String node) {
        approved.add(name + (node == null ? "" : " (" + node + ")"));
    }

    void csrRefused(String name, List<String> reasons) {
        refused.add(name + ": " + String.join("; ", reasons));
    }

    void warning(String text) {
        warnings.add(text);
    }

    String render() {
        StringBuilder text = new StringBuilder();
        text.append("Run ")
                .append(runId.isEmpty() ? "(not started)" : runId)
                .append(": ")
                .append(succeeded == null ? "in progress" : succeeded ? "succeeded" : "FAILED")
                .append(outcome.isEmpty() ? "" : " — " + outcome)
                .append('\n');
        text.append("Operations:").append(operations.isEmpty() ? " none\n" : "\n");
        for (Operation op : operations) {
            text.append("  ")
                    .append(op.succeeded ? "ok     " : "FAILED ")
                    .append(op.name)
                    .append(" (")
                    .append(op.took.toMillis() / 1000.0)
                    .append(" s)")
                    .append(op.outcome.isEmpty() ? "" : ": " + op.outcome)
                    .append('\n');
        }
        int total = commandsByHost.values().stream().mapToInt(c -> c[0]).sum();
        text.append("Remote commands: ").append(total);
        commandsByHost.forEach((host, c) -> text.append(", ")
                .append(host)
                .append(' ')
                .append(c[0])
                .append(c[1] == 0 ? "" : " (" + c[1] + " failed)"));
        text.append('\n');
        text.append("Files changed: ").append(files.size()).append('\n');
        for (FileChange f : files) {
            text.append("  ")
                    .append(f.host)
                    .append(' ')
                    .append(f.path)
                    .append(' ')
                    .append(f.change)
                    .append(f.backup == null ? " (no previous file)" : ", backup " + f.backup)
                    .append('\n');
        }
        text.append("CSRs: ")
                .append(validCsrs)
                .append(" valid, ")
                .append(invalidCsrs)
                .append(" invalid; ")
                .append(approved.size())
                .append(" approved, ")
                .append(refused.size())
                .append(" refused\n");
        approved.forEach(a -> text.append("  approved ").append(a).append('\n'));
        refused.forEach(r -> text.append("  refused  ").append(r).append('\n'));
        if (!warnings.isEmpty()) {
            text.append("Warnings:\n");
            warnings.forEach(w -> text.append("  ").append(w).append('\n'));
        }
        return text.toString();
    }
}
