package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.HostOutcome;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.ScriptFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Checks, before anything changes, that the recovery can run: every host reachable, commands run as root ({@code sudo -n} for a
 * non-root login), the files the procedure reads exist, there is room for the backups, and the kubeconfig that will approve CSRs
 * can ({@link AdminCredential}). Only reads; on problems
 * {@link #execute()} throws a {@link PreflightException} with the table of them.
 */
public final class Preflight implements RecoveryOperation<PreflightReport> {
    public static final String NAME = "preflight";
    /** The check that a host answers over SSH. */
    static final String REACHABLE = "reachable";
    /** The check that a majority of the masters is reachable (only made when asked to go on without unreachable hosts). */
    static final String QUORUM = "etcd quorum";

    private final RecoveryContext context;

    public Preflight(RecoveryContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** It only reads. */
    @Override
    public boolean changesCluster() {
        return false;
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
            if (context.namedAdminKubeconfig() != null) {
                files.add(context.namedAdminKubeconfig());
            } else if (!version.hasRecoveryApiserver() && version.hasNodeKubeconfigs()) {
                files.add(layout.localhostRecoveryKubeconfig());
            }
        }
        return files;
    }

    /** What may be backed up on this node (each only if it exists): its size must fit beside the backups. */
    private static List<String> backedUp(HostLayout layout, boolean master) {
        List<String> paths =
                new ArrayList<>(List.of(layout.kubeletPkiDir(), layout.kubeletKubeconfig(), layout.kubeletCa()));
        if (master) {
            paths.add(layout.bootstrapKubeconfig());
        }
        return paths;
    }

    /** The directory whose file system holds the backups (the state directory's parent, which exists on every host). */
    private static String backupFileSystem(HostLayout layout) {
        return Backups.parentOf(layout.stateDir());
    }

    private static RemoteCommand freeSpace(HostLayout layout) {
        return RemoteCommand.readOnly("df", "-Pk", backupFileSystem(layout));
    }

    /** Every check of one host in one read-only round trip ({@code scripts/preflight-checks.sh} says what it prints). */
    private static final ScriptFile<Exit> CHECKS = ScriptFile.load("preflight-checks.sh", Exit.class);

    /** The exit codes of {@code preflight-checks.sh}. */
    enum Exit {
        CHECKED,
        ID_FAILED
    }

    HostScript checks(ClusterNode node) {
        HostLayout layout = context.layout(node);
        List<String> args = new ArrayList<>(List.of(backupFileSystem(layout)));
        args.addAll(expectedFiles(node));
        args.add("--");
        List<String> backedUp = backedUp(layout, node.isMaster());
        args.addAll(backedUp);
        List<String> all = new ArrayList<>(expectedFiles(node));
        all.addAll(backedUp);
        return HostScript.of(
                "preflight checks",
                CHECKS,
                true,
                args,
                List.of(
                        HostScript.Step.run(whoAmI()),
                        HostScript.Step.describe("test -e each of " + String.join(" ", all))
                                .onlyIf("root"),
                        HostScript.Step.describe("du -sk each of " + String.join(" ", backedUp))
                                .onlyIf("it exists"),
                        HostScript.Step.run(freeSpace(layout)).onlyIf("root")));
    }

    /** The hosts checked: every node in scope, and every master (the quorum counts them; the first one runs {@code oc}). */
    private List<ClusterNode> checked() {
        return context.inventory().nodes().stream()
                .filter(n -> n.isMaster() || context.nodesInScope().contains(n))
                .toList();
    }

    @Override
    public OperationPlan plan() throws RecoveryException {
        List<PlanStep> steps = new ArrayList<>();
        for (ClusterNode node : checked()) {
            steps.add(PlanStep.run(node.name(), checks(node)));
        }
        new AdminCredential(context).planStep().ifPresent(steps::add);
        return new OperationPlan(NAME, steps);
    }

    /**
     * @throws PreflightException when a host has a problem; with {@link RecoveryOptions#skipUnreachable()} an unreachable host is
     *                            not one (it is left out of the run) unless fewer than a majority of the masters is reachable
     */
    @Override
    public PreflightReport execute() throws RecoveryException, InterruptedException {
        List<ClusterNode> hosts = checked();
        List<PreflightFinding> findings = checkAll(hosts);
        List<String> unreachable = findings.stream()
                .filter(f -> f.check().equals(REACHABLE) && !f.ok())
                .map(PreflightFinding::host)
                .toList();
        if (!unreachable.isEmpty() && context.options().skipUnreachable()) {
            int masters = context.inventory().masters().size();
            long reachableMasters = context.inventory().masters().stream()
                    .filter(m -> !unreachable.contains(m.name()))
                    .count();
            if (reachableMasters * 2 <= masters) {
                findings.add(new PreflightFinding(
                        "masters",
                        QUORUM,
                        false,
                        "only " + reachableMasters + " of " + masters
                                + " masters are reachable; etcd needs a majority (" + (masters / 2 + 1)
                                + ") to serve the API, so the "
                                + "recovery cannot go on without the others: bring them back first"));
                throw new PreflightException(new PreflightReport(findings));
            }
            ClusterNode firstBefore = context.firstMaster();
            context.skip(unreachable);
            findings.removeIf(f -> unreachable.contains(f.host()));
            if (!context.firstMaster().equals(firstBefore)) {
                // the first reachable master now runs what needs a master: check that it has the files for it
                String first = context.firstMaster().name();
                findings.removeIf(f -> f.host().equals(first));
                findings.addAll(checkAll(List.of(context.firstMaster())));
            }
            context.warning("going on without the unreachable " + String.join(", ", unreachable)
                    + " (SKIPPED: not recovered, " + "their CSRs not approved by this run); " + reachableMasters
                    + " of " + masters + " masters reachable");
        }
        PreflightReport report = new PreflightReport(findings);
        if (!report.ok()) {
            throw new PreflightException(report);
        }
        context.listener()
                .info("preflight: " + (hosts.size() - unreachable.size()) + " hosts reachable as root, expected files "
                        + "present, room for backups");
        return report;
    }

    /** Every check on each host, in inventory order. */
    private List<PreflightFinding> checkAll(List<ClusterNode> hosts) throws RecoveryException, InterruptedException {
        List<PreflightFinding> findings = Collections.synchronizedList(new ArrayList<>());
        List<HostOutcome<Void>> outcomes = context.fanOut()
                .onHosts(hosts, Math.max(context.options().workerParallelism(), hosts.size()), node -> {
                    findings.addAll(check(node));
                    return null;
                });
        for (HostOutcome<Void> outcome : outcomes) {
            if (!outcome.succeeded()) {
                RecoveryException failure = context.fanOut().failureOf(outcome);
                // a refused host key is never "unreachable": --skip-unreachable must not go on without that host
                findings.add(new PreflightFinding(
                        outcome.host(), failure.hostKeyRefused() ? "host key" : REACHABLE, false, failure.detail()));
            }
        }
        String first = context.firstMaster().name();
        findings.addAll(new AdminCredential(context)
                .check(findings.stream()
                        .anyMatch(f -> f.host().equals(first) && f.check().equals("root") && f.ok())));
        List<PreflightFinding> ordered = new ArrayList<>();
        for (ClusterNode node : hosts) {
            synchronized (findings) {
                findings.stream().filter(f -> f.host().equals(node.name())).forEach(ordered::add);
            }
        }
        return ordered;
    }

    private List<PreflightFinding> check(ClusterNode node) throws RecoveryException, InterruptedException {
        String host = node.name();
        HostLayout layout = context.layout(node);
        List<PreflightFinding> findings = new ArrayList<>();
        CommandResult checked = context.executor().run(node, NAME, checks(node).command());
        findings.add(new PreflightFinding(host, REACHABLE, true, "connected"));
        List<String> said = checked.stdout().lines().toList();
        String uid = said.stream()
                .filter(l -> l.startsWith("uid "))
                .map(l -> l.substring(4).strip())
                .findFirst()
                .orElse("");
        boolean root = CHECKS.exit(checked.exitCode()).orElse(Exit.ID_FAILED) == Exit.CHECKED && uid.equals("0");
        findings.add(new PreflightFinding(
                host,
                "root",
                root,
                root
                        ? "commands run as root"
                        : "commands do not run as root (`id -u` printed '" + uid + "' "
                                + context.executor().errorText(checked) + "): give the login user password-less sudo"));
        if (!root) {
            return findings;
        }
        java.util.Set<String> there = said.stream()
                .filter(l -> l.startsWith("present "))
                .map(l -> l.substring(8))
                .collect(java.util.stream.Collectors.toSet());
        for (String file : expectedFiles(node)) {
            boolean exists = there.contains(file);
            findings.add(new PreflightFinding(
                    host,
                    "file " + file,
                    exists,
                    exists
                            ? "present"
                            : "missing: is this host the node the inventory says, and is ocpVersion "
                                    + context.inventory().ocpVersion() + " right?"));
        }
        long needKiB = context.options().backupSpaceMargin()
                + said.stream()
                        .filter(l -> l.startsWith("usage "))
                        .mapToLong(l -> Math.max(0, column(l, 1)))
                        .sum();
        List<String> dfLines = said.stream()
                .filter(l -> l.startsWith("df "))
                .map(l -> l.substring(3))
                .toList();
        long freeKiB = dfLines.size() >= 2 ? column(dfLines.get(dfLines.size() - 1), 3) : -1;
        boolean room = freeKiB >= needKiB;
        findings.add(new PreflightFinding(
                host,
                "backup space",
                room,
                freeKiB < 0
                        ? "cannot tell the free space of " + backupFileSystem(layout) + ": "
                                + context.executor().errorText(checked)
                        : freeKiB + " KiB free in " + backupFileSystem(layout) + ", " + needKiB + " KiB needed"
                                + (room ? "" : ": free some space there")));
        return findings;
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
