package io.jenkins.plugins.certrecovery.ssh;

/**
 * What an action did on one host of a fan-out: a value or the failure, never both.
 *
 * @param host    the host's name
 * @param value   the action's result, null when it failed
 * @param failure why it failed, null when it succeeded
 */
public record HostOutcome<T>(String host, T value, Exception failure) {
    public boolean succeeded() {
        return failure == null;
    }
}
