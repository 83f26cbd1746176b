package io.jenkins.plugins.certrecovery.cluster;

import java.util.Map;
import java.util.Optional;

/**
 * How to log in to the hosts. Identity material is not here: the CLI reads {@code identityFile}, Jenkins resolves
 * {@code credentialsId}. Built and validated by {@link InventoryLoader}.
 *
 * @param user                  login user; {@code sudo -n} is used when it is not root
 * @param port                  default SSH port
 * @param identityFile          private key file (CLI only, {@code ~} already expanded), or null
 * @param knownHosts            known_hosts file path ({@code ~} already expanded), or null
 * @param knownHostsText        known_hosts content (Jenkins), or null
 * @param hostKeyFingerprints   pinned {@code SHA256:} fingerprints by node name (and {@value #JUMP_HOST_KEY} for the bastion)
 * @param jumpHost              {@code user@host:port} of one bastion, or null; {@link #jump()} gives it parsed
 * @param insecureAcceptAnyHostKey accept any host key (logs a warning at every connect); false by default
 * @param credentialsId         Jenkins credentials id of the SSH key or password (Jenkins only), or null
 */
public record SshSettings(
        String user,
        int port,
        String identityFile,
        String knownHosts,
        String knownHostsText,
        Map<String, String> hostKeyFingerprints,
        String jumpHost,
        boolean insecureAcceptAnyHostKey,
        String credentialsId) {
    /** The key under {@code hostKeyFingerprints} that pins the jump host's key (not a valid node name, so no clash). */
    public static final String JUMP_HOST_KEY = "jumpHost";

    public SshSettings {
        user = user == null || user.isBlank() ? "core" : user;
        port = port == 0 ? 22 : port;
        hostKeyFingerprints = Map.copyOf(hostKeyFingerprints == null ? Map.of() : hostKeyFingerprints);
    }

    /** Settings without a Jenkins credentials id (the CLI's case). */
    public SshSettings(
            String user,
            int port,
            String identityFile,
            String knownHosts,
            String knownHostsText,
            Map<String, String> hostKeyFingerprints,
            String jumpHost,
            boolean insecureAcceptAnyHostKey) {
        this(
                user,
                port,
                identityFile,
                knownHosts,
                knownHostsText,
                hostKeyFingerprints,
                jumpHost,
                insecureAcceptAnyHostKey,
                null);
    }

    /** The jump host, parsed; empty when there is none. */
    public Optional<JumpHost> jump() {
        return jumpHost == null ? Optional.empty() : Optional.of(JumpHost.parse(jumpHost, user));
    }
}
