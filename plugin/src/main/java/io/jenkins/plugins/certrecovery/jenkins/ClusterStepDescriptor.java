package io.jenkins.plugins.certrecovery.jenkins;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.springframework.security.core.Authentication;

/** What every step's descriptor shares: its context (a {@code node} block), the graph label and the credentials drop-down. */
public abstract class ClusterStepDescriptor extends StepDescriptor {
    /** The kinds of credential {@link LoginSecretResolver} accepts. */
    private static final CredentialsMatcher LOGIN_CREDENTIALS = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(SSHUserPrivateKey.class),
            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class, FlowNode.class);
    }

    /** The class whose {@code cluster-fields.jelly} every step's form includes (bound as a class, not a name, for Stapler). */
    public Class<?> getClusterFieldsClass() {
        return ClusterStep.class;
    }

    /**
     * Shown beside the step in the pipeline graph and Blue Ocean: the first master and the host count of the {@code cluster} map,
     * or the {@code inventory} file. Only names and addresses, never anything from {@code ssh}.
     */
    @Override
    public String argumentsToString(Map<String, Object> namedArgs) {
        if (namedArgs.get("inventories") instanceof CharSequence fleet) {
            return fleet.toString();
        }
        Object inventory = namedArgs.get("inventory");
        if (inventory instanceof CharSequence file) {
            return file.toString();
        }
        return namedArgs.get("cluster") instanceof Map<?, ?> cluster ? clusterLabel(cluster) : null;
    }

    /** The first master and the host count of a {@code cluster} map: {@code master-0 (10.0.0.10), 5 hosts}. */
    static String clusterLabel(Map<?, ?> cluster) {
        List<?> masters = cluster.get("masters") instanceof List<?> list ? list : List.of();
        List<?> workers = cluster.get("workers") instanceof List<?> list ? list : List.of();
        int hosts = masters.size() + workers.size();
        if (masters.isEmpty() || !(masters.get(0) instanceof Map<?, ?> first)) {
            return hosts + " hosts";
        }
        Object name = first.get("name");
        Object host = first.get("host");
        String master = name == null
                ? String.valueOf(host)
                : host == null || host.toString().equals(name.toString()) ? name.toString() : name + " (" + host + ")";
        return master + ", " + hosts + (hosts == 1 ? " host" : " hosts");
    }

    /**
     * The snippet generator's credential drop-down: the SSH keys and user name/password credentials the step could use, as the
     * credentials plugin's consumer guide says. Outside a job (the global snippet generator) they are listed for administrators
     * only; in a job, for those who may configure it or use its credentials, and as the job's builds will see them (its
     * authentication, which an authorize-project strategy may make a user's). Anyone else sees only the current value.
     */
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (item == null) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return result.includeCurrentValue(credentialsId);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(
                            ACL.SYSTEM2, Jenkins.get(), StandardUsernameCredentials.class, List.of(), LOGIN_CREDENTIALS)
                    .includeCurrentValue(credentialsId);
        }
        if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return result.includeCurrentValue(credentialsId);
        }
        Authentication buildsRunAs = item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        return result.includeEmptyValue()
                .includeMatchingAs(buildsRunAs, item, StandardUsernameCredentials.class, List.of(), LOGIN_CREDENTIALS)
                .includeCurrentValue(credentialsId);
    }
}
