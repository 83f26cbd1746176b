package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command whose standard output is a secret (a kubeconfig with a token, a secret's JSON) so that the output never crosses the
 * SSH channel as output, where the transport would stream it into logs before anyone could register the secret with the masker: the
 * output goes to a file readable only by root in this run's state directory, is read with {@code readFile}, and the file is removed.
 */
final class SecretOutput {
    /** A fixed script: values reach it only as positional parameters, never spliced into its text. */
    private static final String REDIRECT = "umask 077 && out=\"$1\" && shift && exec \"$@\" > \"$out\"";

    private final RecoveryContext context;
    private final ClusterNode node;

    SecretOutput(RecoveryContext context, ClusterNode node) {
        this.context = context;
        this.node = node;
    }

    String scratchDir() {
        return context.layout(node).stateDir() + "/run-" + context.runId();
    }

    String outputFile(String name) {
        return scratchDir() + "/" + name;
    }

    RemoteCommand makeScratchDir() {
        return RemoteCommand.of("install", "-d", "-m", "0700", scratchDir());
    }

    static RemoteCommand redirected(RemoteCommand command, String outputFile) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", REDIRECT, "sh", outputFile));
        argv.addAll(command.argv());
        return new RemoteCommand(argv, command.environment(), null, command.readOnly(), command.timeout());
    }

    RemoteCommand remove(String outputFile) {
        return RemoteCommand.of("rm", "-f", outputFile);
    }

    /** The steps of {@link #run}, for plans. */
    List<PlanStep> plan(RemoteCommand command, String name) {
        return List.of(
                PlanStep.run(node.name(), makeScratchDir()),
                PlanStep.run(node.name(), redirected(command, outputFile(name))),
                PlanStep.run(node.name(), remove(outputFile(name))));
    }

    /** Runs the command with its output going to a root-only file, returns the output, removes the file. */
    byte[] run(String step, RemoteCommand command, String name) throws RecoveryException, InterruptedException {
        String file = outputFile(name);
        context.executor().require(node, step, makeScratchDir());
        try {
            context.executor().require(node, step, redirected(command, file));
            return context.executor().read(node, step, file);
        } finally {
            context.executor().run(node, step, remove(file));
        }
    }
}
