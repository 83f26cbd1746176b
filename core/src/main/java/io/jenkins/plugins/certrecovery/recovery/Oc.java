package io.jenkins.plugins.certrecovery.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code oc} on the first master with one kubeconfig, given as {@code --kubeconfig} so that it survives {@code sudo} and shows in plans.
 * Recovery talks to the API only from the first master: the recovery API server listens on its {@code localhost:7443}.
 */
final class Oc {
    static final ObjectMapper JSON = new ObjectMapper();

    private final RecoveryContext context;
    private final ClusterNode node;
    private final String kubeconfig;

    Oc(RecoveryContext context, String kubeconfig) {
        this.context = context;
        this.node = context.firstMaster();
        this.kubeconfig = kubeconfig;
    }

    /** {@code oc} with the admin kubeconfig this version recovers with (see {@link #adminKubeconfig(RecoveryContext)}). */
    static Oc admin(RecoveryContext context) throws RecoveryException {
        return new Oc(context, adminKubeconfig(context));
    }

    /**
     * The kubeconfig with cluster-admin rights on the first master: the one the user named, else on 4.1–4.3 the recovery API server's
     * {@code admin.kubeconfig} (the path the operator prints, pkg/cmd/recoveryapiserver/create.go), on 4.6+ the master's own
     * {@code localhost-recovery.kubeconfig}. 4.4 and 4.5 have neither: the user must name one.
     */
    static String adminKubeconfig(RecoveryContext context) throws RecoveryException {
        if (context.namedAdminKubeconfig() != null) {
            return context.namedAdminKubeconfig();
        }
        OcpVersion version = context.inventory().ocpVersion();
        if (version.hasRecoveryApiserver()) {
            return recoveryKubeconfig(context);
        }
        if (version.hasNodeKubeconfigs()) {
            return context.layout(context.firstMaster()).localhostRecoveryKubeconfig();
        }
        throw new RecoveryException(
                context.firstMaster().name(), "admin kubeconfig", AdminCredential.missingOn(context));
    }

    /** Where {@code recovery-apiserver create} writes its kubeconfig on the first master's disk. */
    static String recoveryKubeconfig(RecoveryContext context) {
        return context.layout(context.firstMaster()).recoveryResourceDir() + "/admin.kubeconfig";
    }

    String kubeconfig() {
        return kubeconfig;
    }

    ClusterNode node() {
        return node;
    }

    RemoteCommand read(String... args) {
        return new RemoteCommand(argv(args), java.util.Map.of(), null, true, null);
    }

    RemoteCommand change(String... args) {
        return new RemoteCommand(argv(args), java.util.Map.of(), null, false, null);
    }

    private List<String> argv(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("oc");
        argv.add("--kubeconfig=" + kubeconfig);
        argv.addAll(List.of(args));
        return argv;
    }

    /** The probe of the documented wait loop: does the API answer? */
    RemoteCommand kubeSystemNamespace() {
        return read("get", "namespace", "kube-system");
    }

    /** Runs a read and parses its JSON output. */
    JsonNode json(String step, RemoteCommand command) throws RecoveryException, InterruptedException {
        CommandResult result = context.executor().require(node, step, command);
        try {
            return JSON.readTree(result.stdout());
        } catch (IOException e) {
            throw new RecoveryException(
                    node.name(),
                    step,
                    "`oc "
                            + String.join(
                                    " ",
                                    command.argv().subList(2, command.argv().size()))
                            + "` printed something that is not JSON: "
                            + e.getClass().getSimpleName());
        }
    }

    RemoteCommand nodesCommand() {
        return read("get", "nodes", "-o", "json");
    }
}
