package io.jenkins.plugins.certrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.sandbox.ToolEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The CSR waves of a cluster with many workers: whole-cluster listings and one approval per wave. */
class LargeClusterSandboxTest {
    @Test
    void eachCsrWaveListsNodesAndCsrsOnceAndApprovesItsCsrsInOneCommand() throws Exception {
        try (SandboxCluster cluster =
                new SandboxCluster(SandboxSpec.defaults().withNodes(3, 12).withClockSteppedByToolCalls())) {
            RecoverySummary summary = new RecoveryProcedure(
                            cluster.context(SandboxCluster.fastOptions().toBuilder()
                                    .progressInterval(Duration.ofMillis(1))
                                    .build()),
                            CsrApprovalPolicy.ALL_VALID)
                    .execute();
            assertTrue(
                    summary.allNodesReady() && cluster.sandbox.healthy(),
                    summary.lines().toString());

            List<ToolEvent> waves = cluster.windows.get(ApproveCsrs.NAME).tools(cluster.sandbox);
            long nodeListings = cluster.count(waves, "oc", "get", "nodes");
            long csrListings = cluster.count(waves, "oc", "get", "csr");
            long approvals = cluster.count(waves, "oc", "approve");
            assertEquals(
                    nodeListings - 1, csrListings, "one CSR listing per wave; the last wave finds every node Ready");
            assertTrue(
                    approvals <= csrListings && approvals >= 2, approvals + " approvals in " + csrListings + " waves");
            assertEquals(
                    summary.csrs().approved().size(),
                    waves.stream()
                            .filter(e -> e.argv().contains("approve"))
                            .mapToInt(e -> e.argv().size() - e.argv().indexOf("approve") - 1)
                            .sum(),
                    "every approved name in those commands");
            synchronized (cluster.listener.lines) {
                assertTrue(
                        cluster.listener.lines.stream().anyMatch(l -> l.matches(".*not Ready: \\d+ of 15 nodes;.*")),
                        "counts, not names, above ten nodes");
            }
        }
    }

    @Test
    void approvalsAreSplitOnlyWhenTheCommandLineWouldBeTooLong() {
        List<String> few = List.of("csr-a", "csr-b");
        assertEquals(List.of(few), ApproveCsrs.approvalBatches(few));
        List<String> many = new ArrayList<>(IntStream.range(0, 5000)
                .mapToObj(i -> "csr-" + "x".repeat(10) + i)
                .toList());
        List<List<String>> batches = ApproveCsrs.approvalBatches(many);
        assertTrue(batches.size() > 1, "5000 names do not fit one command line");
        assertEquals(many, batches.stream().flatMap(List::stream).toList(), "every name once, in order");
        // each name quoted and followed by a space: 'csr-a' 'csr-b'
        batches.forEach(b ->
                assertTrue(b.stream().mapToInt(n -> n.length() + 3).sum() <= ApproveCsrs.APPROVE_COMMAND_LIMIT));
    }
}
