package io.jenkins.plugins.certrecovery.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rows of the outcome table that docs/reliability.md is written from: one file per scenario under {@code target/e2e-results/}
 * (overwritten by each run), written by a scenario only after its assertions passed, so the table shows what was observed.
 */
final class Outcomes {
    private Outcomes() {}

    /**
     * Records a scenario's observed outcome.
     *
     * @param id       file name of the row, stable across runs ({@code fault-worker-sshd-killed})
     * @param kind     harness, recovery, fault, hostile input, concurrency or secrets
     * @param scenario what was done
     * @param outcome  what the product did, quoted from its output where it matters
     */
    static void record(String id, String kind, String scenario, String outcome) {
        Path file = E2eSettings.resultsDir().resolve(id + ".md");
        String row = "| " + cell(kind) + " | " + cell(scenario) + " | " + cell(outcome) + " |\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, row, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the outcome of " + id, e);
        }
        System.out.println("[e2e] " + kind + ": " + scenario + " -> " + outcome);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ").strip();
    }
}
