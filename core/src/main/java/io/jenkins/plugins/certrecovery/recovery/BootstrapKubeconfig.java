package io.jenkins.plugins.certrecovery.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The kubelet's bootstrap kubeconfig (documented step 7): user {@code kubelet} with the node-bootstrapper service account token, the
 * internal API URL and the CA. On 4.2–4.5 the masters' own {@code recover-kubeconfig.sh} produces it (openshift/machine-config-operator
 * templates/master/00-master/_base/files/usr-local-bin-openshift-kubeconfig-gen.yaml); it needs {@code KUBECONFIG}, which sudo would
 * drop, so it is passed explicitly. On 4.1 (whose script read {@code apiServerURL}) and 4.6+ (no script) the same kubeconfig is built
 * here from {@code infrastructures.config.openshift.io/cluster} and the secret
 * {@code openshift-machine-config-operator/node-bootstrapper-token}. The token is registered with the masker before anything prints it.
 */
final class BootstrapKubeconfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final RecoveryContext context;
    private final Oc oc;
    private final ClusterNode node;
    private final SecretOutput secretOutput;

    BootstrapKubeconfig(RecoveryContext context, Oc oc) {
        this.context = context;
        this.oc = oc;
        this.node = oc.node();
        this.secretOutput = new SecretOutput(context, node);
    }

    static boolean usesScript(OcpVersion version) {
        return version.major() == 4 && version.minor() >= 2 && version.minor() <= 5;
    }

    private boolean usesScript() {
        return usesScript(context.inventory().ocpVersion());
    }

    RemoteCommand scriptCommand() {
        return RemoteCommand.of(context.layout(node).recoverKubeconfigScript())
                .withEnvironment("KUBECONFIG", oc.kubeconfig());
    }

    RemoteCommand infrastructureCommand() {
        return oc.read("get", "infrastructures.config.openshift.io", "cluster", "-o", "json");
    }

    RemoteCommand tokenSecretCommand() {
        return oc.read(
                "get", "secret", "node-bootstrapper-token", "-n", "openshift-machine-config-operator", "-o", "json");
    }

    List<PlanStep> plan() {
        if (usesScript()) {
            return secretOutput.plan(scriptCommand(), "bootstrap.kubeconfig");
        }
        List<PlanStep> steps = new ArrayList<>();
        steps.add(PlanStep.run(node.name(), infrastructureCommand()));
        steps.addAll(secretOutput.plan(tokenSecretCommand(), "node-bootstrapper-token.json"));
        return steps;
    }

    byte[] produce(String step) throws RecoveryException, InterruptedException {
        if (usesScript()) {
            byte[] kubeconfig = secretOutput.run(step, scriptCommand(), "bootstrap.kubeconfig");
            registerTokens(step, kubeconfig);
            return kubeconfig;
        }
        return build(step);
    }

    private void registerTokens(String step, byte[] kubeconfig) throws RecoveryException {
        try {
            JsonNode tree = YAML.readTree(kubeconfig);
            for (JsonNode user : tree.path("users")) {
                context.masker().register(user.path("user").path("token").asText(null));
            }
            if (tree.path("users").isEmpty() || tree.path("clusters").isEmpty()) {
                throw new RecoveryException(
                        node.name(), step, "recover-kubeconfig.sh printed a kubeconfig without users or clusters");
            }
        } catch (IOException e) {
            throw new RecoveryException(
                    node.name(),
                    step,
                    "recover-kubeconfig.sh did not print a kubeconfig ("
                            + e.getClass().getSimpleName() + ")");
        }
    }

    private byte[] build(String step) throws RecoveryException, InterruptedException {
        boolean internal = context.inventory().ocpVersion().usesApiServerInternalUri();
        String field = internal ? "apiServerInternalURI" : "apiServerURL";
        String server = oc.json(step, infrastructureCommand())
                .path("status")
                .path(field)
                .asText("");
        if (server.isEmpty()) {
            throw new RecoveryException(
                    node.name(), step, "infrastructures.config.openshift.io/cluster has no status." + field);
        }
        JsonNode secret;
        try {
            secret = Oc.JSON.readTree(secretOutput.run(step, tokenSecretCommand(), "node-bootstrapper-token.json"));
        } catch (IOException e) {
            throw new RecoveryException(node.name(), step, "the node-bootstrapper-token secret is not JSON");
        }
        String tokenData = secret.path("data").path("token").asText("");
        String caData = secret.path("data").path("ca.crt").asText("");
        context.masker().register(tokenData);
        if (tokenData.isEmpty() || caData.isEmpty()) {
            throw new RecoveryException(
                    node.name(),
                    step,
                    "the secret openshift-machine-config-operator/node-bootstrapper-token has no " + "token or ca.crt");
        }
        String token = new String(Base64.getDecoder().decode(tokenData), StandardCharsets.UTF_8).strip();
        context.masker().register(token);
        ObjectNode kubeconfig = YAML.createObjectNode();
        kubeconfig.put("apiVersion", "v1").put("kind", "Config");
        ObjectNode cluster = kubeconfig
                .putArray("clusters")
                .addObject()
                .put("name", "cluster")
                .putObject("cluster");
        cluster.put("server", server).put("certificate-authority-data", caData);
        kubeconfig
                .putArray("users")
                .addObject()
                .put("name", "kubelet")
                .putObject("user")
                .put("token", token);
        kubeconfig
                .putArray("contexts")
                .addObject()
                .put("name", "kubelet")
                .putObject("context")
                .put("cluster", "cluster")
                .put("user", "kubelet");
        kubeconfig.put("current-context", "kubelet").putObject("preferences");
        try {
            return YAML.writeValueAsBytes(kubeconfig);
        } catch (IOException e) {
            throw new IllegalStateException("a kubeconfig tree cannot fail to serialise", e);
        }
    }
}
