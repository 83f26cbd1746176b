package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.ssh.SecretMasker;

/**
 * The login material resolved from a Jenkins credential, as it crosses the remoting channel to the agent; it is never written to
 * disk. That channel is encrypted only when the agent's connection is (TLS for inbound TCP agents, https for WebSocket agents, SSH
 * for agents launched over SSH): docs/install.md asks for such an agent. Exactly one of a private key (with an optional
 * passphrase) or a password.
 * {@link #toString()} never shows a secret.
 *
 * @param credentialsId the id it was resolved from (for messages)
 * @param username      the credential's user name, or null
 * @param privateKey    private key text (OpenSSH or PEM), or null
 * @param passphrase    the key's passphrase, or null
 * @param password      a password, or null
 */
public record LoginSecret(
        String credentialsId, String username, String privateKey, String passphrase, String password) {

    public static LoginSecret privateKey(String credentialsId, String username, String privateKey, String passphrase) {
        return new LoginSecret(credentialsId, username, privateKey, passphrase, null);
    }

    public static LoginSecret password(String credentialsId, String username, String password) {
        return new LoginSecret(credentialsId, username, null, null, password);
    }

    /** Registers every secret part, so that no log line, report or audit entry can show it. */
    public void registerWith(SecretMasker masker) {
        masker.register(privateKey);
        masker.register(passphrase);
        masker.register(password);
    }

    @Override
    public String toString() {
        return "LoginSecret[" + credentialsId + ", user " + username + ", "
                + (privateKey != null ? "private key" : "password") + "]";
    }
}
