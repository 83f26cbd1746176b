package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.HostOutcome;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Checks, before anything changes, that the recovery can run: every host reachable, commands run as root ({@code sudo -n} for a
 * non-root login), the files the procedure reads exist, and there is room for the backups. Only reads; on problems
 * {@link #execute()} throws a {@link PreflightException} with the table of them.
 */
public final class Preflight implements RecoveryOperation<PreflightReport> {
    public static final String NAME = "preflight";

    private final RecoveryContext context;

    public Preflight(RecoveryContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    static RemoteCommand whoAmI() {
        return RemoteCommand.readOnly("id", "-u");
    }

    /** The files the procedure needs on this node. */
    List<String> expectedFiles(ClusterNode node) {
        HostLayout layout = context.layout(node);
        OcpVersion version = context.inventory().ocpVersion();
        List<String> files = new ArrayList<>(List.of(layout.kubernetesDir()));
        if (node.isMaster()) {
            files.add(layout.kubeApiserverManifest());
        }
        if (node.equals(context.firstMaster())) {
            if (version.hasRecoveryApiserver()) {
                files.add(layout.kubeletPullSecret());
            }
            if (BootstrapKubeconfig.usesScript(version)) {
                files.add(layout.recoverKubeconfigScript());
            }
            if (context.options().adminKubeconfig() != null) {
                files.add(context.options().adminKubeconfig());
            } else if (!version.hasRecoveryApiserver() && version.hasNodeKubeconfigs()) {
                files.add(layout.localhostRecoveryKubeconfig());
            }
        }
        return files;
    }

    /** What may be backed up on this node (each only if it exists): its size must fit beside the backups. */
    private static List<String> backedUp(HostLayout layout, boolean master) {
        List<String> paths = new ArrayList<>(List.of(layout.kubeletPkiDir(), layout.kubeletKubeconfig(), layout.kubeletCa()));
        if (master) {
            paths.add(layout.bootstrapKubeconfig());
        }
        return paths;
    }

    /** The directory whose file system holds the backups (the state directory's parent, which exists on every host). */
    private static String backupFileSystem(HostLayout layout) {
        return RecoveryContext.parentOf(layout.stateDir());
    }

    private static RemoteCommand freeSpace(HostLayout layout) {
        return RemoteCommand.readOnly("df", "-Pk", backupFileSystem(layout));
    }

    /** One round trip for all paths: {@code ls -d} prints those that exist (exit 2 when some do not). */
    private static RemoteCommand existing(List<String> paths) {
        List<String> argv = new ArrayList<>(List.of("ls", "-d", "--"));
        argv.addAll(paths);
        return new RemoteCommand(argv, java.util.Map.of(), null, true, null);
    }

    private List<String> checkedPaths(ClusterNode node) {
        List<String> paths = new ArrayList<>(expectedFiles(node));
        paths.addAll(backedUp(context.layout(node), node.isMaster()));
        return paths;
    }

    private static RemoteCommand usage(List<String> paths) {
        List<String> argv = new ArrayList<>(List.of("du", "-skc"));
        argv.addAll(paths);
        return new RemoteCommand(argv, java.util.Map.of(), null, true, null);
    }

    @Override
    public OperationPlan plan() {
        List<PlanStep> steps = new ArrayList<>();
        for (ClusterNode node : context.inventory().nodes()) {
            HostLayout layout = context.layout(node);
            steps.add(PlanStep.run(node.name(), whoAmI()));
            steps.add(PlanStep.run(node.name(), existing(checkedPaths(node))));
            steps.add(PlanStep.run(node.name(), usage(backedUp(layout, node.isMaster()))).onlyIf("any of them exists"));
            steps.add(PlanStep.run(node.name(), freeSpace(layout)));
        }
        return new OperationPlan(NAME, steps);
    }

    @Override
    public PreflightReport execute() throws RecoveryException, InterruptedException {
        List<PreflightFinding> findings = Collections.synchronizedList(new ArrayList<>());
        List<HostOutcome<Void>> outcomes = context.onHosts(context.inventory().nodes(),
                Math.max(context.options().workerParallelism(), context.inventory().nodes().size()), node -> {
                    findings.addAll(check(node));
                    return null;
                });
        for (HostOutcome<Void> outcome : outcomes) {
            if (!outcome.succeeded()) {
                findings.add(new PreflightFinding(outcome.host(), "reachable", false, context.failureOf(outcome).detail()));
            }
        }
        List<PreflightFinding> ordered = new ArrayList<>();
        for (ClusterNode node : context.inventory().nodes()) {
            synchronized (findings) {
                findings.stream().filter(f -> f.host().equals(node.name())).forEach(ordered::add);
            }
        }
        PreflightReport report = new PreflightReport(ordered);
        if (!report.ok()) {
            throw new PreflightException(report);
        }
        context.listener().info("preflight: " + context.inventory().nodes().size() + " hosts reachable as root, expected files present, "
                + "room for backups");
        return report;
    }

    private List<PreflightFinding> check(ClusterNode node) throws RecoveryException, InterruptedException {
        String host = node.name();
        HostLayout layout = context.layout(node);
        List<PreflightFinding> findings = new ArrayList<>();
        CommandResult id = context.run(node, NAME, whoAmI());
        findings.add(new PreflightFinding(host, "reachable", true, "connected"));
        boolean root = id.succeeded() && id.stdout().strip().equals("0");
        findings.add(new PreflightFinding(host, "root", root, root ? "commands run as root"
                : "commands do not run as root (`id -u` printed '" + id.stdout().strip() + "' " + context.errorText(id)
                + "): give the login user password-less sudo"));
        if (!root) {
            return findings;
        }
        CommandResult listed = context.run(node, NAME, existing(checkedPaths(node)));
        java.util.Set<String> there = new java.util.HashSet<>(listed.stdout().lines().map(String::strip).toList());
        for (String file : expectedFiles(node)) {
            boolean exists = there.contains(file);
            findings.add(new PreflightFinding(host, "file " + file, exists, exists ? "present"
                    : "missing: is this host the node the inventory says, and is ocpVersion " + context.inventory().ocpVersion()
                    + " right?"));
        }
        List<String> present = backedUp(layout, node.isMaster()).stream().filter(there::contains).toList();
        long needKiB = context.options().backupSpaceMargin();
        if (!present.isEmpty()) {
            CommandResult du = context.run(node, NAME, usage(present));
            needKiB += lastNumber(du.stdout().strip().lines().reduce((a, b) -> b).orElse(""), 0);
        }
        CommandResult df = context.run(node, NAME, freeSpace(layout));
        List<String> dfLines = df.stdout().strip().lines().toList();
        long freeKiB = df.succeeded() && dfLines.size() >= 2 ? column(dfLines.get(dfLines.size() - 1), 3) : -1;
        boolean room = freeKiB >= needKiB;
        findings.add(new PreflightFinding(host, "backup space", room, freeKiB < 0
                ? "cannot tell the free space of " + backupFileSystem(layout) + ": " + context.errorText(df)
                : freeKiB + " KiB free in " + backupFileSystem(layout) + ", " + needKiB + " KiB needed"
                + (room ? "" : ": free some space there")));
        return findings;
    }

    private static long lastNumber(String duTotalLine, long fallback) {
        return column(duTotalLine, 0) < 0 ? fallback : column(duTotalLine, 0);
    }

    /** The n-th whitespace-separated column as a number, or -1. */
    private static long column(String line, int n) {
        String[] parts = line.strip().split("\\s+");
        try {
            return parts.length > n ? Long.parseLong(parts[n]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
