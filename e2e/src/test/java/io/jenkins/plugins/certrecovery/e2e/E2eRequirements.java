package io.jenkins.plugins.certrecovery.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * What the end-to-end suite needs from the machine; .ci/run provides all of it on Debian as root. Where something is missing the
 * suite is skipped with the reason printed, never failed.
 */
final class E2eRequirements {
    static final Path SSHD = Path.of("/usr/sbin/sshd");
    static final Path UNSHARE = Path.of("/usr/bin/unshare");
    static final Path SUDO = Path.of("/usr/bin/sudo");
    static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
    /** The RHCOS-like login user: no password, NOPASSWD sudo (created by .ci/run). */
    static final String CORE_USER = "ocpcr-core";

    private E2eRequirements() {}

    /** Why the suite cannot run here, or empty when it can. */
    static Optional<String> missing() {
        List<String> reasons = new ArrayList<>();
        String uid = LocalCommand.run(List.of("id", "-u"), Duration.ofSeconds(10))
                .stdout()
                .strip();
        if (!"0".equals(uid)) {
            reasons.add("not root (uid " + uid + "): sshd in mount namespaces needs root");
        }
        for (Path tool : List.of(SSHD, UNSHARE, SUDO, SSH_KEYGEN)) {
            if (!Files.isExecutable(tool)) {
                reasons.add(tool + " is not installed (apt-get install openssh-server openssh-client sudo util-linux)");
            }
        }
        if (reasons.isEmpty()
                && LocalCommand.run(List.of("id", "-u", CORE_USER), Duration.ofSeconds(10))
                                .exitCode()
                        != 0) {
            reasons.add("user " + CORE_USER + " does not exist (.ci/run creates it with NOPASSWD sudo)");
        }
        if (reasons.isEmpty()
                && LocalCommand.run(
                                        List.of(UNSHARE.toString(), "--mount", "--propagation", "private", "true"),
                                        Duration.ofSeconds(10))
                                .exitCode()
                        != 0) {
            reasons.add("unshare --mount is not permitted here (needs CAP_SYS_ADMIN)");
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    /** Skips the calling test class with the reason printed to the build log. */
    static void assumeMet() {
        Optional<String> missing = missing();
        missing.ifPresent(reason -> System.out.println("[e2e] SKIPPED: " + reason));
        Assumptions.assumeTrue(missing.isEmpty(), () -> "end-to-end suite skipped: " + missing.orElse(""));
    }
}
