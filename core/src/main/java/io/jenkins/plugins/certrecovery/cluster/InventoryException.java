package io.jenkins.plugins.certrecovery.cluster;

import java.util.List;
import java.util.stream.Collectors;

/** An inventory was refused. Carries every problem found, not just the first; the message lists them one per line. */
public final class InventoryException extends IllegalArgumentException {
    private final String source;
    private final transient List<InventoryProblem> problems;

    public InventoryException(String source, List<InventoryProblem> problems) {
        super(describe(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    private static String describe(String source, List<InventoryProblem> problems) {
        String header =
                "inventory " + source + " has " + problems.size() + (problems.size() == 1 ? " problem:" : " problems:");
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", header + "\n", ""));
    }

    /** Where the inventory came from: a file path or a description such as "the cluster argument". */
    public String source() {
        return source;
    }

    public List<InventoryProblem> problems() {
        return problems;
    }
}
