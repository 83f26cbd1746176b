package io.jenkins.plugins.certrecovery.sandbox;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One invocation of a simulated tool, as its client script sent it.
 *
 * @param host       the host it runs on
 * @param tool       tool name (oc, podman, systemctl, recover-kubeconfig.sh)
 * @param argv       arguments after the tool name
 * @param workingDir the caller's working directory ({@code $PWD})
 * @param user       {@code $USER}
 * @param privileged true for root: effective uid 0 and USER root or unset (the sandbox's and the real sudo set USER=root)
 * @param kubeconfig {@code $KUBECONFIG}, or null when unset
 * @param time       when it arrived
 */
record ToolCall(
        SimHost host,
        String tool,
        List<String> argv,
        String workingDir,
        String user,
        boolean privileged,
        String kubeconfig,
        Instant time) {

    Path resolve(String path) {
        return host.resolve(workingDir, path);
    }

    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (kubeconfig != null) {
            env.put("KUBECONFIG", kubeconfig);
        }
        env.put("USER", user);
        env.put("PWD", workingDir);
        return env;
    }
}
