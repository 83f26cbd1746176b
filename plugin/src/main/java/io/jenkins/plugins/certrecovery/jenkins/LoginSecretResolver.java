package io.jenkins.plugins.certrecovery.jenkins;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;
import java.util.List;

/** Turns a {@code credentialsId} into the login material for the hosts, or fails naming the id and the accepted types. */
final class LoginSecretResolver {
    static final String ACCEPTED_TYPES =
            "'SSH Username with private key' (SSHUserPrivateKey) or 'Username with password'"
                    + " (StandardUsernamePasswordCredentials)";

    private final CredentialsLookup lookup;

    LoginSecretResolver(CredentialsLookup lookup) {
        this.lookup = lookup;
    }

    LoginSecret resolve(String credentialsId, Run<?, ?> run) throws AbortException {
        IdCredentials found = lookup.find(credentialsId, run);
        if (found == null) {
            throw new AbortException("credentialsId '" + credentialsId
                    + "': no credentials with this id are visible to this build;" + " add " + ACCEPTED_TYPES
                    + " credentials with this id to the job's folder or the global store");
        }
        LoginSecret secret;
        if (found instanceof SSHUserPrivateKey key) {
            List<String> keys = key.getPrivateKeys();
            if (keys == null
                    || keys.isEmpty()
                    || keys.get(0) == null
                    || keys.get(0).isBlank()) {
                throw new AbortException(
                        "credentialsId '" + credentialsId + "' holds no private key: enter the key in the credential");
            }
            secret = LoginSecret.privateKey(credentialsId, key.getUsername(), keys.get(0), plain(key.getPassphrase()));
        } else if (found instanceof StandardUsernamePasswordCredentials login) {
            secret = LoginSecret.password(credentialsId, login.getUsername(), plain(login.getPassword()));
        } else {
            throw new AbortException("credentialsId '" + credentialsId + "' is a "
                    + found.getClass().getSimpleName() + ", which cannot log in over SSH; accepted types: "
                    + ACCEPTED_TYPES);
        }
        lookup.track(run, found);
        return secret;
    }

    private static String plain(Secret secret) {
        return secret == null || secret.getPlainText().isEmpty() ? null : secret.getPlainText();
    }
}
