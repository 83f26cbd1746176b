package io.jenkins.plugins.certrecovery.recovery;

import java.util.List;

/**
 * What {@link RecoverKubelets} did, host by host (masters first, then workers, in inventory order).
 *
 * @param hosts            one row per node in scope and per node skipped
 * @param filesWritten     each file written, as {@code host:path}, with the backup of what was there in the message lines
 */
public record KubeletRecoveryResult(List<KubeletHostResult> hosts, List<String> filesWritten) {
    public KubeletRecoveryResult {
        hosts = List.copyOf(hosts);
        filesWritten = List.copyOf(filesWritten);
    }

    /** The nodes FAILED or SKIPPED, masters first: not recovered by this run. */
    public List<KubeletHostResult> notRecovered() {
        return hosts.stream()
                .filter(h ->
                        h.action() == KubeletHostResult.Action.FAILED || h.action() == KubeletHostResult.Action.SKIPPED)
                .toList();
    }

    /** The option that retries only the nodes not recovered, e.g. {@code --nodes master-1,worker-7} (Jenkins: {@code nodes:}). */
    public String retryOption() {
        return "--nodes "
                + String.join(
                        ",",
                        notRecovered().stream().map(KubeletHostResult::host).toList());
    }

    public List<String> restarted() {
        return hosts.stream()
                .filter(h -> h.action() == KubeletHostResult.Action.RESTARTED)
                .map(KubeletHostResult::host)
                .toList();
    }
}
