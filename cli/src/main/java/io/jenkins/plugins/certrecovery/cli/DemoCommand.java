package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.sandbox.RogueCsr;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header =
                "The whole job on an embedded simulated OpenShift cluster (4.3 unless --ocp-version): check, recover, check again.",
        description = {
            "Starts the sandbox (3 masters and 2 workers behind real SSH on 127.0.0.1, expired certificates, and rogue CSRs "
                    + "that a careful approver must refuse), runs 'check', 'recover --approve validated' and 'check' again, prints where "
                    + "the reports are, and stops the sandbox. Nothing outside this machine is touched."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:the cluster was recovered: every node Ready", " 1:the recovery failed"})
final class DemoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description = "Where the reports and the audit trail go (default: a new temporary directory).")
    private Path output;

    @Option(
            names = "--ocp-version",
            paramLabel = "4.N",
            defaultValue = "4.3",
            description =
                    "The OpenShift release the sandbox imitates: 4.3 (default: the full recovery with a recovery API server) "
                            + "or 4.6 to 4.18 (the recovery by CSR approval).")
    private String ocpVersion;

    @Override
    public Integer call() throws IOException {
        OcpCertRecovery root = OcpCertRecovery.of(spec);
        Terminal terminal = root.terminal(spec);
        Path reports =
                output == null ? Files.createTempDirectory("ocp-cert-recovery-demo-") : Files.createDirectories(output);
        long started = System.nanoTime();
        SandboxSpec cluster;
        try {
            cluster = SandboxSpec.demo().withOpenShiftVersion(ocpVersion).withRogueCsrs(RogueCsr.values());
        } catch (IllegalArgumentException unsupported) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ocp-version: " + unsupported.getMessage());
        }
        terminal.heading(
                "demo: starting the sandbox: OpenShift " + ocpVersion + ", " + cluster.masters() + " masters and "
                        + cluster.workers()
                        + " workers behind SSH on 127.0.0.1, certificates expired, rogue CSRs pending (from 4.14 also forged OVN ones)");
        int result;
        String checks;
        try (Sandbox sandbox = Sandbox.start(cluster)) {
            String inventory = sandbox.inventoryFile().toString();
            terminal.info("inventory: " + inventory);
            int before = step(
                    terminal,
                    root,
                    "demo 1/3: check: the certificates have expired",
                    "check",
                    "-i",
                    inventory,
                    "--no-check-endpoints",
                    "--json",
                    reports.resolve("before.json").toString(),
                    "--html",
                    reports.resolve("before.html").toString(),
                    "--junit",
                    reports.resolve("before.xml").toString());
            int recover = step(
                    terminal,
                    root,
                    "demo 2/3: recover --approve validated: the rogue CSRs are refused",
                    "recover",
                    "-i",
                    inventory,
                    "--approve",
                    "validated",
                    "--audit-file",
                    reports.resolve("audit.jsonl").toString());
            int after = step(
                    terminal,
                    root,
                    "demo 3/3: check again",
                    "check",
                    "-i",
                    inventory,
                    "--no-check-endpoints",
                    "--json",
                    reports.resolve("after.json").toString(),
                    "--html",
                    reports.resolve("after.html").toString(),
                    "--junit",
                    reports.resolve("after.xml").toString());
            result = recover == ExitCodes.OK ? ExitCodes.OK : ExitCodes.FAILED;
            checks = "check exit code before " + before + ", after " + after;
            terminal.heading("demo: stopping the sandbox");
        }
        terminal.result("reports: " + reports.resolve("before.html") + " and " + reports.resolve("after.html")
                + " (also .json and JUnit .xml); audit trail: " + reports.resolve("audit.jsonl"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        terminal.result(
                result == ExitCodes.OK
                        ? "demo: every node of the cluster is Ready again; " + checks + "; took " + Terminal.clock(took)
                        : "demo: the cluster was NOT recovered (see above); " + checks + "; took "
                                + Terminal.clock(took),
                result == ExitCodes.OK ? Terminal.Outcome.GOOD : Terminal.Outcome.BAD);
        return result;
    }

    /** Runs one command as a user would type it, with the same global options and streams; returns its exit code. */
    private int step(Terminal terminal, OcpCertRecovery root, String title, String... args) {
        terminal.heading(title);
        List<String> command = new ArrayList<>(root.globalArguments());
        command.addAll(List.of(args));
        terminal.info("$ ocp-cert-recovery " + String.join(" ", command));
        CommandLine commandLine = Main.commandLine(root.environment(), command.toArray(String[]::new));
        commandLine.setOut(spec.commandLine().getOut());
        commandLine.setErr(spec.commandLine().getErr());
        int exitCode = commandLine.execute(command.toArray(String[]::new));
        terminal.info("exit code " + exitCode);
        return exitCode;
    }
}
