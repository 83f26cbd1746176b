package io.jenkins.plugins.certrecovery.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One call of a simulated tool ({@code oc}, {@code podman}, {@code systemctl}, {@code recover-kubeconfig.sh}).
 *
 * @param time        when the call arrived
 * @param host        the host it ran on
 * @param tool        the tool's name
 * @param argv        the arguments after the tool's name
 * @param environment the variables that matter to the tools ({@code KUBECONFIG}, {@code USER}, {@code PWD}) as the tool saw them
 * @param privileged  true when it ran as root (directly or through sudo)
 * @param exitCode    the exit code it returned
 */
public record ToolEvent(
        Instant time,
        String host,
        String tool,
        List<String> argv,
        Map<String, String> environment,
        boolean privileged,
        int exitCode) {
    public ToolEvent {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }

    /** The call as a person would have typed it, for failure messages. */
    public String commandLine() {
        return host + "$ " + tool + (argv.isEmpty() ? "" : " " + String.join(" ", argv)) + " -> " + exitCode;
    }
}
