package io.jenkins.plugins.certrecovery.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The authentication and session lines of every sshd log of a cluster (LogLevel VERBOSE): equal before and after a run that must
 * log in nowhere. Not the whole logs: the harness's own TCP probe of each new sshd is logged a moment after the probe, whenever sshd
 * gets to it.
 */
final class SshdLogins {
    private static final Pattern LOGIN =
            Pattern.compile("Accepted |Failed |Postponed |Invalid user|Starting session|session opened|userauth");

    private SshdLogins() {}

    static List<String> of(E2eCluster cluster) {
        List<String> lines = new ArrayList<>();
        for (NamespacedSshd host : cluster.hosts().hosts()) {
            try {
                Files.readAllLines(host.log()).stream()
                        .filter(l -> LOGIN.matcher(l).find())
                        .map(l -> host.spec().name() + ": " + l)
                        .forEach(lines::add);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot read the sshd log of " + host.spec().name(), e);
            }
        }
        return lines;
    }
}
