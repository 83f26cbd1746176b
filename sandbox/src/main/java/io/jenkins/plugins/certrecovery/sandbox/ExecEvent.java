package io.jenkins.plugins.certrecovery.sandbox;

import java.time.Instant;

/**
 * One SSH exec request that a sandbox host ran through {@code /bin/sh -c}.
 *
 * @param time     when it arrived
 * @param host     the host's name
 * @param command  the command line exactly as the client sent it
 * @param exitCode the shell's exit code
 */
public record ExecEvent(Instant time, String host, String command, int exitCode) {}
