package io.jenkins.plugins.certrecovery.sandbox;

import java.util.List;

/**
 * {@code systemctl start|stop|restart|is-active|status kubelet} (systemd 239 on RHCOS 4.3). Only the kubelet unit is simulated.
 */
final class SystemctlTool implements Tool {
    private final ClusterState state;

    SystemctlTool(ClusterState state) {
        this.state = state;
    }

    @Override
    public int run(ToolCall call, ToolOutput out) {
        List<String> args = call.argv().stream()
                .filter(a -> !a.equals("--no-pager") && !a.equals("-q") && !a.equals("--quiet"))
                .toList();
        boolean quiet = call.argv().contains("-q") || call.argv().contains("--quiet");
        if (args.size() != 2) {
            out.errLine("systemctl: this simulation takes one verb and one unit, e.g. systemctl start kubelet");
            return 1;
        }
        String verb = args.get(0);
        String unit = args.get(1).endsWith(".service") ? args.get(1) : args.get(1) + ".service";
        String host = call.host().name();
        if (!unit.equals("kubelet.service")) {
            // systemctl for a unit that does not exist (systemd src/systemctl/systemctl.c).
            if (verb.equals("is-active")) {
                if (!quiet) {
                    out.outLine("inactive");
                }
                return 3;
            }
            out.errLine("Failed to " + verb + " " + unit + ": Unit " + unit + " not loaded.");
            return 5;
        }
        boolean changes = verb.equals("start") || verb.equals("stop") || verb.equals("restart");
        if (changes && !call.privileged()) {
            // Without root, polkit would ask for a password, which a non-interactive session cannot give.
            out.errLine("Failed to " + verb + " " + unit + ": Interactive authentication required.");
            out.errLine("See system logs and 'systemctl status " + unit + "' for details.");
            return 1;
        }
        switch (verb) {
            case "stop" -> {
                state.stopKubelet(host);
                return 0;
            }
            case "start", "restart" -> {
                if (verb.equals("restart")) {
                    state.stopKubelet(host);
                }
                if (!state.startKubelet(host, call.time())) {
                    // systemd's message when a unit's start job fails (src/systemctl/systemctl.c,
                    // log_job_error_with_service_result).
                    out.errLine("Job for kubelet.service failed because the control process exited with error code.");
                    out.errLine("See \"systemctl status kubelet.service\" and \"journalctl -xe\" for details.");
                    return 1;
                }
                return 0;
            }
            case "is-active" -> {
                String active = state.kubeletState(host);
                if (!quiet) {
                    out.outLine(active);
                }
                return active.equals("active") ? 0 : 3;
            }
            case "status" -> {
                String active = state.kubeletState(host);
                out.outLine("● kubelet.service - Kubernetes Kubelet");
                out.outLine("   Loaded: loaded (/etc/systemd/system/kubelet.service; enabled; vendor preset: enabled)");
                out.outLine("   Active: "
                        + switch (active) {
                            case "active" -> "active (running)";
                            case "failed" -> "failed (Result: exit-code)";
                            default -> "inactive (dead)";
                        });
                return active.equals("active") ? 0 : 3;
            }
            default -> {
                out.errLine("Unknown operation '" + verb + "'.");
                return 1;
            }
        }
    }
}
