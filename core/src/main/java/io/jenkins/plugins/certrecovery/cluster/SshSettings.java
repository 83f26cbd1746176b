package io.jenkins.plugins.certrecovery.cluster;

import java.util.Map;

/**
 * How to log in to the hosts. Identity material is not here: the CLI reads {@code identityFile}, Jenkins resolves a credentials id.
 *
 * @param user                  login user; {@code sudo -n} is used when it is not root
 * @param port                  default SSH port
 * @param identityFile          private key file (CLI only), or null
 * @param knownHosts            known_hosts file path (CLI) or null
 * @param knownHostsText        known_hosts content (Jenkins), or null
 * @param hostKeyFingerprints   pinned {@code SHA256:} fingerprints by node name
 * @param jumpHost              {@code user@host:port} of one bastion, or null
 * @param insecureAcceptAnyHostKey accept any host key (logs a warning at every connect); false by default
 */
public record SshSettings(String user, int port, String identityFile, String knownHosts, String knownHostsText,
                          Map<String, String> hostKeyFingerprints, String jumpHost, boolean insecureAcceptAnyHostKey) {
    public SshSettings {
        user = user == null || user.isBlank() ? "core" : user;
        port = port == 0 ? 22 : port;
        hostKeyFingerprints = Map.copyOf(hostKeyFingerprints == null ? Map.of() : hostKeyFingerprints);
    }
}
