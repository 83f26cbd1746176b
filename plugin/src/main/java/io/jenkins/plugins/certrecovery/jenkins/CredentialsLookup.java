package io.jenkins.plugins.certrecovery.jenkins;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.model.Run;
import java.io.Serializable;

/**
 * Where credentials come from: Jenkins' credential stores in production ({@link JenkinsCredentialsLookup}); tests supply the
 * credentials the way a store would return them.
 */
public interface CredentialsLookup extends Serializable {
    /** The credential with this id visible to the run, of any type, or null. */
    IdCredentials find(String credentialsId, Run<?, ?> run);

    /** Records that the run used the credential (shown on the credential's usage page). */
    void track(Run<?, ?> run, Credentials credentials);
}
