package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.certrecovery.cluster.InventoryException;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.security.MasterToSlaveCallable;

/**
 * The part of a step that runs on the agent: it crosses the remoting channel serialized, with the build's listener (whose logger
 * remoting turns into a stream back to the build log). Its request and its reply are in {@link ChannelForm} (JDK maps, lists and
 * scalars), so that Jenkins' class filter accepts them on either side. Every failure comes back as an {@link AbortException} with a
 * masked message, so that no secret and no agent-only class travels back.
 */
final class AgentCall extends MasterToSlaveCallable<Map<String, Object>, IOException> {
    @Serial
    private static final long serialVersionUID = 2L;

    private final LinkedHashMap<String, Object> request;
    private final String taskType;
    private final LinkedHashMap<String, Object> task;
    private final TaskListener listener;

    AgentCall(ClusterRequest request, ClusterTask task, TaskListener listener) {
        this(
                ChannelForm.of(request),
                task.getClass().getName(),
                ChannelForm.of((Record) task),
                listener); // every task is a record
    }

    /** The call as it travels: the request and the task's arguments in channel form, the task's record class by name. */
    AgentCall(
            LinkedHashMap<String, Object> request,
            String taskType,
            LinkedHashMap<String, Object> task,
            TaskListener listener) {
        this.request = request;
        this.taskType = taskType;
        this.task = task;
        this.listener = listener;
    }

    /** The step's outcome as the controller reads it from {@link #call()}'s reply. */
    static StepOutcome outcome(Map<?, ?> reply) {
        return ChannelForm.to(StepOutcome.class, reply);
    }

    @Override
    public Map<String, Object> call() throws IOException {
        ClusterRequest request = ChannelForm.to(ClusterRequest.class, this.request);
        ClusterTask task = (ClusterTask) ChannelForm.to(taskClass(), this.task);
        SecretMasker masker = new SecretMasker();
        request.login().registerWith(masker);
        BuildLog log = new BuildLog(listener.getLogger(), masker);
        AgentSession session;
        try {
            session = AgentSession.open(request, task, log);
        } catch (InventoryException e) {
            throw new AbortException(
                    masker.mask((request.cluster() != null ? "cluster: " : "inventory: ") + e.getMessage()));
        } catch (
                IllegalArgumentException
                        e) { // the credential's key, an SSH setting or a node name: the message says which
            throw new AbortException(masker.mask(e.getMessage()));
        }
        try {
            StepOutcome outcome = task.run(session);
            session.finish(
                    true,
                    outcome.warnings().isEmpty()
                            ? "done"
                            : "done with warnings: " + String.join("; ", outcome.warnings()));
            return ChannelForm.of(outcome);
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

    /** The task's record class, named in the request; only this plugin's tasks are accepted. */
    private Class<? extends Record> taskClass() throws IOException {
        try {
            Class<?> type = Class.forName(taskType, false, AgentCall.class.getClassLoader());
            if (!type.isRecord() || !ClusterTask.class.isAssignableFrom(type)) {
                throw new AbortException("not a step of this plugin: " + taskType);
            }
            return type.asSubclass(Record.class);
        } catch (ClassNotFoundException e) {
            throw new AbortException(
                    "the agent does not know the step " + taskType + "; is the plugin up to date there?");
        }
    }

    /** The message and its causes, without class names the user cannot act on unless there is no message at all. */
    private static String describe(Throwable e) {
        StringBuilder text =
                new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
