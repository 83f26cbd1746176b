package io.jenkins.plugins.certrecovery.cli;

import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/** Entry point of {@code ocp-cert-recovery.jar}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        CliEnvironment environment = CliEnvironment.ofProcess();
        int exitCode;
        boolean interrupted;
        try (InterruptGuard guard = InterruptGuard.guardCurrentThread()) {
            exitCode = commandLine(environment, args).execute(args);
            interrupted = guard.interrupted();
        }
        if (!interrupted) {
            System.exit(exitCode);
        }
        // interrupted: the JVM is already shutting down and exits when the interrupt hook returns; System.exit would
        // block
    }

    /**
     * The command line with this tool's exit codes and error rendering; tests run it in-process with their own streams
     * ({@link CommandLine#setOut}, {@link CommandLine#setErr}) and environment.
     */
    static CommandLine commandLine(CliEnvironment environment, String... args) {
        CommandLine commandLine = new CommandLine(new OcpCertRecovery(environment));
        CatalogueOptions.apply(commandLine);
        boolean colour = environment.terminal() && Arrays.stream(args).noneMatch("--no-color"::equals);
        commandLine.setColorScheme(Help.defaultColorScheme(colour ? Help.Ansi.ON : Help.Ansi.OFF));
        commandLine.setParameterExceptionHandler(Main::badCommandLine);
        commandLine.setExecutionExceptionHandler((failure, failed, parseResult) -> {
            ErrorReport.print(
                    OcpCertRecovery.of(failed.getCommandSpec()).terminal(failed.getCommandSpec()), null, failure);
            return failure instanceof UsageException ? ExitCodes.USAGE : ExitCodes.FAILED;
        });
        return commandLine;
    }

    private static int badCommandLine(CommandLine.ParameterException problem, String[] args) {
        CommandLine failed = problem.getCommandLine();
        failed.getErr().println("error: " + problem.getMessage());
        failed.getErr().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for its options.");
        failed.getErr().flush();
        return ExitCodes.USAGE;
    }
}
