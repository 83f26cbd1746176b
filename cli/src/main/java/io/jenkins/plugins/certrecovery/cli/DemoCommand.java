package io.jenkins.plugins.certrecovery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "The whole job on an embedded simulated OpenShift 4.3 cluster: check, recover, check again.",
        description = {"Starts the sandbox (3 masters and 2 workers behind real SSH on 127.0.0.1, expired certificates, and rogue CSRs "
                + "that a careful approver must refuse), runs 'check', 'recover --approve validated' and 'check' again, prints where "
                + "the reports are, and stops the sandbox. Nothing outside this machine is touched."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:the cluster was recovered and checks ok", " 1:the demo failed"})
final class DemoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Where the reports, the audit trail and the sandbox's inventory go (default: a new temporary directory).")
    private Path output;

    @Override
    public Integer call() {
        throw new UsageException("not wired yet");
    }
}
