package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top command: global options, and the subcommands; alone it prints its usage. */
@Command(
        name = "ocp-cert-recovery",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header =
                "Recovers OpenShift 4 clusters whose control-plane certificates expired, and checks certificate expiry.",
        description = {
            "Runs over SSH from any machine with Java 17 (the Jenkins that should do it may live on the very cluster that is down).",
            "Host keys are verified; every command is shown by 'plan' before 'recover' runs it; every replaced file is backed up;",
            "only the CSRs a node should ask for are approved.",
            "",
            "Start with 'ocp-cert-recovery demo': the whole job on an embedded simulated cluster."
        },
        subcommands = {
            CheckCommand.class,
            PlanCommand.class,
            RecoverCommand.class,
            RecoveryApiserverCommand.class,
            RegenerateCertificatesCommand.class,
            ForceRedeployCommand.class,
            RecoverKubeletsCommand.class,
            ApproveCsrsCommand.class,
            ReportCommand.class,
            DemoCommand.class
        },
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:success",
            " 1:check, report merge: a certificate in the warning window; other commands: the run failed",
            " 2:check, report merge: a certificate in the critical window or expired",
            " 3:check, report merge: a host or a file could not be checked, or the metrics could not be written or pushed",
            "64:a bad command line or inventory",
            "130:interrupted (Ctrl-C)"
        })
final class OcpCertRecovery implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    private CommandSpec spec;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Print more: every remote command, details, and the stack trace of an error.")
    private boolean verbose;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "Print only results, questions and errors.")
    private boolean quiet;

    @Option(
            names = "--no-color",
            scope = ScopeType.INHERIT,
            description = "No colours, even on a terminal (colours are never used when the output is not a terminal).")
    private boolean noColor;

    OcpCertRecovery(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    CliEnvironment environment() {
        return environment;
    }

    /** The terminal for one command run, from the global options; {@code -v} with {@code -q} is a usage error. */
    Terminal terminal(CommandSpec command) {
        if (verbose && quiet) {
            throw new CommandLine.ParameterException(
                    command.commandLine(), "--verbose and --quiet cannot be used together");
        }
        Terminal.Verbosity verbosity =
                verbose ? Terminal.Verbosity.VERBOSE : quiet ? Terminal.Verbosity.QUIET : Terminal.Verbosity.NORMAL;
        return new Terminal(
                command.commandLine().getOut(),
                command.commandLine().getErr(),
                environment.terminal(),
                !noColor,
                verbosity,
                new SecretMasker(),
                System::nanoTime);
    }

    /** The global options as typed, for commands that run other commands (the demo). */
    List<String> globalArguments() {
        List<String> arguments = new ArrayList<>();
        if (verbose) {
            arguments.add("--verbose");
        }
        if (quiet) {
            arguments.add("--quiet");
        }
        if (noColor) {
            arguments.add("--no-color");
        }
        return arguments;
    }

    /** The root command object of the command that runs. */
    static OcpCertRecovery of(CommandSpec command) {
        return (OcpCertRecovery) command.root().userObject();
    }
}
