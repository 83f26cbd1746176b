package io.jenkins.plugins.certrecovery.recovery;

import java.time.Instant;

/**
 * Who holds the cluster lock.
 *
 * @param owner the {@link RecoveryOptions#owner()} of the run holding it
 * @param since when that run took it
 * @param runId that run's id
 */
public record LockOwner(String owner, Instant since, String runId) {}
