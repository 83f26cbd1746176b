package io.jenkins.plugins.certrecovery.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code podman pull --authfile=F IMAGE} and {@code podman run … IMAGE ARGS} for the cluster-kube-apiserver-operator image (the
 * only image the sandbox's registry holds besides the release image). Messages follow podman 1.6 (RHCOS 4.3); where the
 * text is approximate docs/sandbox.md says so.
 */
final class PodmanTool implements Tool {
    static final String OPERATOR_ENTRYPOINT = "/usr/bin/cluster-kube-apiserver-operator";
    private final ClusterState state;
    private final SimulatedKubeApiserverOperator operator;

    PodmanTool(ClusterState state, SimulatedKubeApiserverOperator operator) {
        this.state = state;
        this.operator = operator;
    }

    @Override
    public int run(ToolCall call, ToolOutput output) {
        List<String> args = call.argv();
        if (args.isEmpty()) {
            output.err("Error: missing command 'podman COMMAND'\nTry 'podman --help' for more information.\n");
            return 125;
        }
        return switch (args.get(0)) {
            case "pull" -> pull(call, args.subList(1, args.size()), output);
            case "run" -> runContainer(call, args.subList(1, args.size()), output);
            case "image" ->
                args.size() == 3 && args.get(1).equals("exists")
                        ? state.hasImage(call.host().name(), args.get(2)) && call.privileged() ? 0 : 1
                        : unknown(args.get(0) + " " + (args.size() > 1 ? args.get(1) : ""), output);
            default -> unknown(args.get(0), output);
        };
    }

    private static int unknown(String command, ToolOutput output) {
        // cobra's message for an unknown subcommand (podman cmd/podman/main.go uses cobra).
        output.err("Error: unrecognized command `podman " + command.strip()
                + "`\nTry 'podman --help' for more information.\n");
        return 125;
    }

    private int pull(ToolCall call, List<String> args, ToolOutput output) {
        String authfile = null;
        String image = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--authfile=")) {
                authfile = arg.substring("--authfile=".length());
            } else if (arg.equals("--authfile") && i + 1 < args.size()) {
                authfile = args.get(++i);
            } else if (arg.equals("-q") || arg.equals("--quiet")) {
                continue;
            } else if (arg.startsWith("-")) {
                output.err("Error: unknown flag: " + arg + "\n");
                return 125;
            } else if (image == null) {
                image = arg;
            } else {
                output.err("Error: too many arguments: only one image may be pulled at a time\n");
                return 125;
            }
        }
        if (image == null) {
            output.err("Error: image name or ID must be specified\n");
            return 125;
        }
        String problem = authProblem(call, authfile, image);
        if (problem != null) {
            output.err(problem);
            return 125;
        }
        state.pulled(call.host().name(), image);
        output.err("Trying to pull " + image + "...\nGetting image source signatures\nCopying blob sha256:"
                + state.hex(32) + "\nCopying config sha256:" + state.hex(32)
                + "\nWriting manifest to image destination\nStoring signatures\n");
        output.outLine(imageId(image));
        return 0;
    }

    private static String imageId(String image) {
        return String.format("%064x", new java.math.BigInteger(1, image.getBytes()))
                .substring(0, 64);
    }

    /** Why pulling {@code image} with this auth file fails, or null when it works. */
    private String authProblem(ToolCall call, String authfile, String image) {
        if (!image.equals(state.operatorImage) && !image.equals(state.spec.releaseImage())) {
            return "Trying to pull " + image
                    + "...\n  manifest unknown: manifest unknown\nError: error pulling image \"" + image
                    + "\": unable to pull " + image + ": unable to pull image: Error initializing source docker://"
                    + image
                    + ": Error reading manifest: manifest unknown: manifest unknown\n";
        }
        String unauthorized = "Trying to pull " + image
                + "...\n  unable to retrieve auth token: invalid username/password: "
                + "unauthorized: access to the requested resource is not authorized\nError: error pulling image \""
                + image
                + "\": unable to pull " + image + ": unable to pull image: Error initializing source docker://" + image
                + ": unable to retrieve auth token: invalid username/password: unauthorized: "
                + "access to the requested resource is not authorized\n";
        if (authfile == null) {
            return unauthorized;
        }
        Path file = call.resolve(authfile);
        if (!Files.isRegularFile(file)) {
            // podman pkg/util CheckAuthFile (1.6): the auth file must exist.
            return "Error: error checking authfile path " + authfile + ": stat " + authfile
                    + ": no such file or directory\n";
        }
        if (!call.privileged()) {
            return "Error: error getting credentials from " + authfile + ": open " + authfile + ": permission denied\n";
        }
        try {
            JsonNode auths = Kubeconfig.JSON.readTree(Files.readString(file)).path("auths");
            if (!auths.has("quay.io")) {
                return unauthorized;
            }
        } catch (java.io.IOException e) {
            return "Error: error reading JSON file \"" + authfile + "\": " + e.getMessage() + "\n";
        }
        return null;
    }

    private int runContainer(ToolCall call, List<String> args, ToolOutput output) {
        boolean tty = false;
        boolean hostNetwork = false;
        String entrypoint = null;
        List<String[]> volumes = new ArrayList<>();
        int i = 0;
        for (; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-")) {
                break;
            }
            String value = null;
            String flag = arg;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                flag = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (flag) {
                case "-i", "--interactive", "--rm", "--privileged", "-d", "--detach" -> {}
                case "-t", "--tty", "-it", "-ti" -> tty = tty || flag.contains("t");
                case "--network", "--net", "-v", "--volume", "--entrypoint", "--name", "--authfile", "--pull" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            output.err("Error: flag needs an argument: " + flag + "\n");
                            return 125;
                        }
                        value = args.get(++i);
                    }
                    switch (flag) {
                        case "--network", "--net" -> hostNetwork = value.equals("host");
                        case "-v", "--volume" -> volumes.add(value.split(":", 3));
                        case "--entrypoint" -> entrypoint = value;
                        default -> {}
                    }
                }
                default -> {
                    output.err("Error: unknown shorthand flag: '"
                            + arg.replaceFirst("^-+", "").charAt(0) + "' in " + arg + "\n");
                    return 125;
                }
            }
        }
        if (i >= args.size()) {
            output.err("Error: image name or ID must be specified\n");
            return 125;
        }
        String image = args.get(i);
        List<String> command = args.subList(i + 1, args.size());
        if (!call.privileged() || !state.hasImage(call.host().name(), image)) {
            // Not pulled into this user's storage: podman pulls with the default credentials, which the registry
            // refuses.
            String problem = authProblem(call, null, image);
            output.err(problem);
            return 125;
        }
        Path kubernetesDir = null;
        for (String[] volume : volumes) {
            if (volume.length >= 2 && (volume[1].equals("/etc/kubernetes") || volume[1].equals("/etc/kubernetes/"))) {
                Path source = call.resolve(volume[0]);
                if (!Files.isDirectory(source)) {
                    output.err("Error: error checking path \"" + volume[0] + "\": stat " + volume[0]
                            + ": no such file or directory\n");
                    return 125;
                }
                kubernetesDir = source;
            }
        }
        ToolOutput container = tty ? new TtyOutput(output) : output;
        if (entrypoint == null || !entrypoint.equals(OPERATOR_ENTRYPOINT)) {
            String executable = entrypoint != null ? entrypoint : command.isEmpty() ? "" : command.get(0);
            output.err("Error: container_linux.go:345: starting container process caused \"exec: \\\"" + executable
                    + "\\\": executable file not found in $PATH\": OCI runtime command not found error\n");
            return 127;
        }
        return operator.run(call.host(), kubernetesDir, hostNetwork, command, container);
    }

    /**
     * With {@code -t} the container writes to a pseudo-terminal: stderr joins stdout (containers/podman issue #4532, podman 1.6.2)
     * and lines end in CR LF (issue #9718). Podman 1.6 does not refuse {@code -t} without a terminal (that check is PR #9747).
     */
    private static final class TtyOutput implements ToolOutput {
        private final ToolOutput target;

        TtyOutput(ToolOutput target) {
            this.target = target;
        }

        @Override
        public void out(String text) {
            target.out(text.replace("\n", "\r\n"));
        }

        @Override
        public void err(String text) {
            out(text);
        }
    }
}
