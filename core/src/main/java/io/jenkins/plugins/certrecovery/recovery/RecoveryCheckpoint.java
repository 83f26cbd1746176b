package io.jenkins.plugins.certrecovery.recovery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How far a recovery got, persisted on the first master after each operation so that a second run resumes instead of repeating
 * destructive work.
 *
 * @param runId             the id of the run that started this recovery
 * @param started           when it started (ISO-8601, UTC)
 * @param owner             who started it
 * @param completed         names of the operations finished, in order
 * @param redeployReason    the {@code forceRedeploymentReason} chosen (recorded before patching, so a resumed run reuses it)
 * @param kubeletsRestarted hosts whose kubelet was restarted
 * @param finished          true once the whole procedure ended successfully (the next run starts afresh)
 */
public record RecoveryCheckpoint(
        String runId,
        String started,
        String owner,
        List<String> completed,
        String redeployReason,
        List<String> kubeletsRestarted,
        boolean finished) {
    public RecoveryCheckpoint {
        completed = List.copyOf(completed == null ? List.of() : completed);
        kubeletsRestarted = List.copyOf(kubeletsRestarted == null ? List.of() : kubeletsRestarted);
    }

    public static RecoveryCheckpoint start(String runId, String started, String owner) {
        return new RecoveryCheckpoint(runId, started, owner, List.of(), null, List.of(), false);
    }

    public boolean isCompleted(String operation) {
        return completed.contains(operation);
    }

    public RecoveryCheckpoint withCompleted(String operation) {
        Set<String> done = new LinkedHashSet<>(completed);
        done.add(operation);
        return new RecoveryCheckpoint(
                runId, started, owner, new ArrayList<>(done), redeployReason, kubeletsRestarted, finished);
    }

    public RecoveryCheckpoint withRedeployReason(String reason) {
        return new RecoveryCheckpoint(runId, started, owner, completed, reason, kubeletsRestarted, finished);
    }

    public RecoveryCheckpoint withKubeletRestarted(String host) {
        Set<String> hosts = new LinkedHashSet<>(kubeletsRestarted);
        hosts.add(host);
        return new RecoveryCheckpoint(
                runId, started, owner, completed, redeployReason, new ArrayList<>(hosts), finished);
    }

    public RecoveryCheckpoint asFinished() {
        return new RecoveryCheckpoint(runId, started, owner, completed, redeployReason, kubeletsRestarted, true);
    }
}
