package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.certrecovery.cluster.InventoryException;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.io.Serial;
import jenkins.security.MasterToSlaveCallable;

/**
 * The part of a step that runs on the agent: it crosses the remoting channel serialized, with the build's listener (whose logger
 * remoting turns into a stream back to the build log). Every failure comes back as an {@link AbortException} with a masked message,
 * so that no secret and no agent-only class travels back.
 */
final class AgentCall extends MasterToSlaveCallable<StepOutcome, IOException> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final ClusterRequest request;
    private final ClusterTask task;
    private final TaskListener listener;

    AgentCall(ClusterRequest request, ClusterTask task, TaskListener listener) {
        this.request = request;
        this.task = task;
        this.listener = listener;
    }

    @Override
    public StepOutcome call() throws IOException {
        SecretMasker masker = new SecretMasker();
        request.login().registerWith(masker);
        BuildLog log = new BuildLog(listener.getLogger(), masker);
        AgentSession session;
        try {
            session = AgentSession.open(request, task.stepName(), log);
        } catch (InventoryException e) {
            throw new AbortException(masker.mask((request.cluster() != null ? "cluster: " : "inventory: ") + e.getMessage()));
        }
        try {
            StepOutcome outcome = task.run(session);
            session.finish(true, outcome.warnings().isEmpty() ? "done" : "done with warnings: " + String.join("; ", outcome.warnings()));
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            String message = "interrupted; the cluster is as the log above shows (run the step again to continue)";
            session.finish(false, message);
            throw new AbortException(message);
        } catch (Exception e) {
            String message = masker.mask(e instanceof AbortException ? e.getMessage() : describe(e));
            session.finish(false, message);
            throw new AbortException(message);
        }
    }

    /** The message and its causes, without class names the user cannot act on unless there is no message at all. */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
