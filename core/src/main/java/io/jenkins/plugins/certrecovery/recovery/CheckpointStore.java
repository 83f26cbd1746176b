package io.jenkins.plugins.certrecovery.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the {@link RecoveryCheckpoint} as {@code checkpoint.json} in the state directory of the first master, where any machine that
 * runs the next attempt finds it (the CLI on a laptop, a Jenkins agent).
 */
final class CheckpointStore {
    private final RecoveryContext context;
    private final ObjectMapper json = Oc.JSON;

    CheckpointStore(RecoveryContext context) {
        this.context = context;
    }

    /** Asked each time: a preflight that skips an unreachable first master hands its part to the next master. */
    private ClusterNode node() {
        return context.firstMaster();
    }

    String path() {
        return context.layout(node()).stateDir() + "/checkpoint.json";
    }

    List<PlanStep> loadPlan() {
        return List.of(PlanStep.run(node().name(), HostExecutor.readIfExistsScript(path())));
    }

    /** The checkpoint of an unfinished recovery, if one is there. */
    Optional<RecoveryCheckpoint> unfinished() throws RecoveryException, InterruptedException {
        Optional<String> saved = context.executor().readIfExists(node(), "checkpoint", path());
        if (saved.isEmpty()) {
            return Optional.empty();
        }
        try {
            RecoveryCheckpoint checkpoint = json.readValue(saved.get(), RecoveryCheckpoint.class);
            return checkpoint.finished() ? Optional.empty() : Optional.of(checkpoint);
        } catch (IOException e) {
            throw new RecoveryException(
                    node().name(),
                    "checkpoint",
                    path() + " is unreadable (" + e.getClass().getSimpleName()
                            + "); move it away to start the recovery from the beginning");
        }
    }

    void save(RecoveryCheckpoint checkpoint) throws RecoveryException, InterruptedException {
        try {
            context.backups()
                    .writeStateFile(
                            node(),
                            "checkpoint",
                            path(),
                            json.writerWithDefaultPrettyPrinter().writeValueAsBytes(checkpoint));
        } catch (IOException e) {
            throw new IllegalStateException("a checkpoint cannot fail to serialise", e);
        }
    }
}
