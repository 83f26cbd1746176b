package io.jenkins.plugins.certrecovery.recovery;

import java.util.List;

/**
 * What {@link RecoverKubelets} did, host by host (masters first, then workers, in inventory order).
 *
 * @param hosts            one row per inventory node
 * @param filesWritten     each file written, as {@code host:path}, with the backup of what was there in the message lines
 */
public record KubeletRecoveryResult(List<KubeletHostResult> hosts, List<String> filesWritten) {
    public KubeletRecoveryResult {
        hosts = List.copyOf(hosts);
        filesWritten = List.copyOf(filesWritten);
    }

    public List<String> restarted() {
        return hosts.stream().filter(h -> h.action() == KubeletHostResult.Action.RESTARTED).map(KubeletHostResult::host).toList();
    }
}
