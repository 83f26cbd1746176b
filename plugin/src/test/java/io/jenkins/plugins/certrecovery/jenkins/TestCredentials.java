package io.jenkins.plugins.certrecovery.jenkins;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Run;
import hudson.util.Secret;
import java.io.Serial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A credential store as CredentialsProvider.findCredentialById sees it, with the kinds of credentials Jenkins users create. */
final class TestCredentials implements CredentialsLookup {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Map<String, IdCredentials> byId = new LinkedHashMap<>();
    final List<String> tracked = new ArrayList<>();

    TestCredentials add(IdCredentials credentials) {
        byId.put(credentials.getId(), credentials);
        return this;
    }

    @Override
    public IdCredentials find(String credentialsId, Run<?, ?> run) {
        return byId.get(credentialsId);
    }

    @Override
    public void track(Run<?, ?> run, Credentials credentials) {
        tracked.add(((IdCredentials) credentials).getId());
    }

    /** "SSH Username with private key". */
    record SshKey(String getId, String getUsername, String key, String passphrase) implements SSHUserPrivateKey {
        @Override
        public List<String> getPrivateKeys() {
            return List.of(key);
        }

        @Override
        public Secret getPassphrase() {
            return passphrase == null ? null : Secret.fromString(passphrase);
        }
    }

    /** "Username with password". */
    record UserPassword(String getId, String getUsername, String password)
            implements StandardUsernamePasswordCredentials {
        @Override
        public Secret getPassword() {
            return Secret.fromString(password);
        }
    }

    /** "Secret text": a credential type that cannot log in over SSH. */
    record SecretText(String getId) implements StandardCredentials {}
}
