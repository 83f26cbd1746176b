package io.jenkins.plugins.certrecovery.jenkins;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.model.Run;
import java.io.Serial;
import java.util.List;

/**
 * The credential stores of Jenkins: {@code findCredentialById} resolves {@code ${PARAM}} ids and the item/user scopes of the run
 * (credentials-plugin CredentialsProvider), {@code track} records the use.
 */
public final class JenkinsCredentialsLookup implements CredentialsLookup {
    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public IdCredentials find(String credentialsId, Run<?, ?> run) {
        return CredentialsProvider.findCredentialById(credentialsId, IdCredentials.class, run, List.of());
    }

    @Override
    public void track(Run<?, ?> run, Credentials credentials) {
        CredentialsProvider.track(run, credentials);
    }
}
