package io.jenkins.plugins.certrecovery.sandbox;

import java.util.List;

/**
 * {@code /usr/local/bin/recover-kubeconfig.sh} (openshift/machine-config-operator
 * templates/master/00-master/_base/files/usr-local-bin-openshift-kubeconfig-gen.yaml): with {@code set -eou pipefail}, reads
 * {@code .status.apiServerInternalURI} and the node-bootstrapper-token secret through {@code oc} with the caller's KUBECONFIG,
 * and prints a kubeconfig with user {@code kubelet} (the token), the current cluster's name with that server and CA, and the
 * current context {@code kubelet}. The {@code oc} calls are this sandbox's own, so their errors are oc's.
 */
final class RecoverKubeconfigTool implements Tool {
    private final OcTool oc;
    private final ClusterState state;

    RecoverKubeconfigTool(ClusterState state, OcTool oc) {
        this.state = state;
        this.oc = oc;
    }

    /** Output of one inner oc call. */
    private static final class Captured implements ToolOutput {
        final StringBuilder out = new StringBuilder();
        final StringBuilder err = new StringBuilder();

        @Override
        public void out(String text) {
            out.append(text);
        }

        @Override
        public void err(String text) {
            err.append(text);
        }
    }

    @Override
    public int run(ToolCall call, ToolOutput output) {
        Captured intapi = oc(
                call,
                List.of(
                        "get",
                        "infrastructures.config.openshift.io",
                        "cluster",
                        "-o",
                        "jsonpath={.status.apiServerInternalURI}"),
                output);
        if (intapi == null) {
            return 1;
        }
        Captured secret = oc(
                call,
                List.of(
                        "get",
                        "secret",
                        "-n",
                        "openshift-machine-config-operator",
                        "node-bootstrapper-token",
                        "-o",
                        "json"),
                output);
        if (secret == null) {
            return 1;
        }
        Kubeconfig current =
                Kubeconfig.parse(HostFiles.read(call.resolve(call.kubeconfig())).orElseThrow());
        Kubeconfig kubelet = new Kubeconfig(
                current.clusterName(),
                intapi.out.toString(),
                Kubeconfig.base64(state.certificates.rootCa.certificatePem()),
                null,
                "kubelet",
                state.bootstrapperToken,
                null,
                null,
                null);
        output.out(kubelet.toYaml("kubelet"));
        return 0;
    }

    private Captured oc(ToolCall call, List<String> argv, ToolOutput output) {
        Captured captured = new Captured();
        int exit = oc.run(
                new ToolCall(
                        call.host(),
                        "oc",
                        argv,
                        call.workingDir(),
                        call.user(),
                        call.privileged(),
                        call.kubeconfig(),
                        call.time()),
                captured);
        output.err(captured.err.toString());
        return exit == 0 ? captured : null;
    }
}
