package io.jenkins.plugins.certrecovery.options;

import static io.jenkins.plugins.certrecovery.options.EngineOption.option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every option a user gives the engine, defined once: the CLI's options and the pipeline steps' arguments are these, spelt by the
 * rule of {@link EngineOption}, with these defaults and help texts (tests in cli and plugin fail when a front end differs).
 * docs/cli.md and docs/steps.md list them. Arguments that only say what to work on (the inventory, CSR names, report files) or how
 * to show it are each front end's own and not here.
 *
 * <p>Longer than 300 lines on purpose: it is the list of every option, one entry each; splitting it would defeat
 * "defined once".
 */
public final class OptionCatalogue {
    private static final List<EngineOption> DEFINED = new ArrayList<>();

    /** The operations that change a cluster: logged in, under the cluster lock, audited. */
    private static final Set<Operation> CHANGES = EnumSet.of(
            Operation.RECOVER,
            Operation.RECOVERY_APISERVER_CREATE,
            Operation.RECOVERY_APISERVER_DESTROY,
            Operation.REGENERATE_CERTIFICATES,
            Operation.FORCE_REDEPLOY,
            Operation.RECOVER_KUBELETS,
            Operation.APPROVE_CSRS);

    private static final Set<Operation> ON_HOSTS = union(CHANGES, EnumSet.of(Operation.CHECK));
    private static final Set<Operation> EXPIRY_RESULTS = EnumSet.of(Operation.CHECK, Operation.REPORT_MERGE);

    public static final EngineOption COMMAND_TIMEOUT = option(
                    "commandTimeout",
                    Unit.SECONDS,
                    Duration.ofMinutes(10),
                    ON_HOSTS,
                    "How long one remote command may run before it is stopped and the run fails naming host and command.")
            .define();

    public static final EngineOption AUDIT_FILE = option(
                    "auditFile",
                    Unit.PATH,
                    "cert-recovery-audit.jsonl",
                    CHANGES,
                    "Append the audit trail (JSON lines: every remote command, every file changed with its backup, every CSR "
                            + "verdict) to this file.")
            .define();

    public static final EngineOption ADMIN_KUBECONFIG = option(
                    "adminKubeconfig",
                    Unit.PATH,
                    null,
                    CHANGES,
                    "An admin kubeconfig on the first master (an absolute path; the installer's auth/kubeconfig copied there), "
                            + "used for every oc call instead of the version's own (4.6+: localhost-recovery.kubeconfig) and over "
                            + "the inventory's adminKubeconfig. Required on 4.4 and 4.5. Never /etc/kubernetes/kubeconfig: that is "
                            + "the node-bootstrapper's.")
            .define();

    public static final EngineOption DRY_RUN = option(
                    "dryRun",
                    Unit.FLAG,
                    false,
                    ON_HOSTS,
                    "Log what the step would do, per host, and run nothing on any host.")
            .only(FrontEnd.JENKINS, "on the command line, 'ocp-cert-recovery plan' prints the plan of a recovery")
            .define();

    public static final EngineOption APISERVER_TIMEOUT = option(
                    "apiserverTimeout",
                    Unit.MINUTES,
                    Duration.ofMinutes(10),
                    EnumSet.of(Operation.RECOVER, Operation.RECOVERY_APISERVER_CREATE),
                    "How long to wait for the API server to answer 'oc get namespace kube-system' before the run fails: the "
                            + "recovery API server on 4.1-4.3 (its image pull included), the cluster's own on 4.6 and later.")
            .define();

    public static final EngineOption NODES_READY_TIMEOUT = option(
                    "nodesReadyTimeout",
                    Unit.MINUTES,
                    Duration.ofMinutes(30),
                    EnumSet.of(Operation.RECOVER, Operation.APPROVE_CSRS),
                    "How long valid node CSRs are approved, wave after wave, until every node is Ready before the run fails.")
            .define();

    public static final EngineOption APPROVE = option(
                    "approve",
                    Unit.WORD,
                    "validated",
                    EnumSet.of(Operation.RECOVER),
                    "How the node CSRs are approved: validated approves exactly the valid ones until every node is Ready; "
                            + "prompt (command line) asks y/N for each valid one; none (pipeline) stops before approving and "
                            + "returns the pending CSRs. Invalid CSRs are never approved.")
            .cliDefault("prompt", "on a terminal a person is there to answer; a pipeline has no terminal")
            .define();

    public static final EngineOption WAIT = option(
                    "wait",
                    Unit.FLAG,
                    false,
                    EnumSet.of(Operation.APPROVE_CSRS),
                    "Approve valid node CSRs wave after wave (client, then serving) until every inventory node is Ready.")
            .define();

    public static final EngineOption NODES = option(
                    "nodes",
                    Unit.NODES,
                    List.of(),
                    EnumSet.of(Operation.RECOVER, Operation.RECOVER_KUBELETS, Operation.APPROVE_CSRS),
                    "Only these inventory nodes: their kubelets and CSRs, nothing on the other nodes (the first master still "
                            + "runs oc). A run that leaves nodes not recovered names them for the retry.")
            .define();

    public static final EngineOption SKIP_UNREACHABLE = option(
                    "skipUnreachable",
                    Unit.FLAG,
                    false,
                    EnumSet.of(Operation.RECOVER),
                    "Go on without the hosts the preflight cannot reach, as long as a majority of the masters is reachable "
                            + "(etcd quorum): they are reported SKIPPED and their CSRs are not approved.")
            .define();

    public static final EngineOption ALL_WORKERS = option(
                    "allWorkers",
                    Unit.FLAG,
                    false,
                    EnumSet.of(Operation.RECOVER_KUBELETS),
                    "Restart every worker's kubelet, not only those missing or NotReady.")
            .define();

    public static final EngineOption MASTER_PARALLELISM = option(
                    "masterParallelism",
                    Unit.HOSTS,
                    1,
                    EnumSet.of(Operation.RECOVER, Operation.RECOVER_KUBELETS),
                    "How many masters get their kubelet restarted at once (1: one at a time, as documented).")
            .define();

    public static final EngineOption WORKER_PARALLELISM = option(
                    "workerParallelism",
                    Unit.HOSTS,
                    5,
                    EnumSet.of(Operation.RECOVER, Operation.RECOVER_KUBELETS),
                    "How many workers get their kubelet restarted at once.")
            .define();

    public static final EngineOption KEEP_RECOVERY_APISERVER = option(
                    "keepRecoveryApiserver",
                    Unit.FLAG,
                    false,
                    EnumSet.of(Operation.RECOVER),
                    "Leave the recovery API server (4.1-4.3) running at the end, for a look around; destroy it later with "
                            + "the recovery-apiserver-destroy operation.")
            .only(FrontEnd.CLI, "a pipeline that needs the server runs recoveryApiserver itself")
            .define();

    public static final EngineOption FORCE_UNLOCK = option(
                    "forceUnlock",
                    Unit.FLAG,
                    false,
                    EnumSet.of(Operation.RECOVER),
                    "Remove a cluster lock left by a run that died. Only when no other recovery of this cluster is running.")
            .only(FrontEnd.CLI, "only a person who knows the other run is dead may break its lock")
            .define();

    public static final EngineOption WARNING_DAYS = option(
                    "warningDays",
                    Unit.DAYS,
                    30,
                    EnumSet.of(Operation.CHECK),
                    "A certificate expiring within this many days is a warning.")
            .define();

    public static final EngineOption CRITICAL_DAYS = option(
                    "criticalDays",
                    Unit.DAYS,
                    7,
                    EnumSet.of(Operation.CHECK),
                    "A certificate expiring within this many days is critical (at most the warning days).")
            .define();

    public static final EngineOption HOST_PARALLELISM = option(
                    "hostParallelism",
                    Unit.HOSTS,
                    64,
                    EnumSet.of(Operation.CHECK),
                    "How many hosts and TLS endpoints of a cluster are read at once (docs/benchmarks.md).")
            .define();

    public static final EngineOption CLUSTER_PARALLELISM = option(
                    "clusterParallelism",
                    Unit.CLUSTERS,
                    4,
                    EnumSet.of(Operation.CHECK),
                    "With several clusters: how many are checked at a time.")
            .define();

    public static final EngineOption EXTRA_PATHS = option(
                    "extraPaths",
                    Unit.PATHS,
                    List.of(),
                    EnumSet.of(Operation.CHECK),
                    "More certificate files, directories or globs (absolute paths on the hosts) read on every host besides "
                            + "the OpenShift ones.")
            .define();

    public static final EngineOption CHECK_ENDPOINTS = option(
                    "checkEndpoints",
                    Unit.FLAG,
                    true,
                    EnumSet.of(Operation.CHECK),
                    "Also read the certificates each master's API (6443) and every node's kubelet (10250) present, by a TLS "
                            + "handshake.")
            .define();

    public static final EngineOption REPORT_DIR = option(
                    "reportDir",
                    Unit.PATH,
                    "cert-expiry",
                    EnumSet.of(Operation.CHECK),
                    "Write every report here (JSON, HTML, JUnit; with several clusters a subdirectory per cluster and the "
                            + "fleet's reports).")
            .cliDefault(null, "a build keeps its reports; on the command line reports are written where asked only")
            .define();

    public static final EngineOption FLEET_REPORT_DIR = option(
                    "reportDir",
                    Unit.PATH,
                    "cert-expiry-fleet",
                    EnumSet.of(Operation.REPORT_MERGE),
                    "Write the merged reports here: a subdirectory per cluster and the fleet's reports.")
            .define();

    public static final EngineOption FAIL_ON = option(
                    "failOn",
                    Unit.WORD,
                    "expired",
                    EXPIRY_RESULTS,
                    "Fail the build at this status or worse: warning, critical, expired or never.")
            .only(FrontEnd.JENKINS, "on the command line the exit code says the worst status (1, 2, 3)")
            .define();

    public static final EngineOption UNSTABLE_ON = option(
                    "unstableOn",
                    Unit.WORD,
                    "warning",
                    EXPIRY_RESULTS,
                    "Mark the build UNSTABLE at this status or worse: warning, critical, expired or never.")
            .only(FrontEnd.JENKINS, "on the command line the exit code says the worst status (1, 2, 3)")
            .define();

    public static final EngineOption PROMETHEUS_FILE = option(
                    "prometheusFile",
                    Unit.PATH,
                    null,
                    EXPIRY_RESULTS,
                    "Write the metrics here in OpenMetrics text, atomically, for node_exporter's textfile collector (e.g. "
                            + "/var/lib/node_exporter/textfile/openshift-cert-expiry.prom; the directory must exist).")
            .define();

    public static final EngineOption PUSHGATEWAY_URL = option(
                    "pushgatewayUrl",
                    Unit.URL,
                    null,
                    EXPIRY_RESULTS,
                    "Push the metrics to this Prometheus Pushgateway, one group per cluster (e.g. http://pushgateway:9091).")
            .define();

    private OptionCatalogue() {}

    static EngineOption add(EngineOption option) {
        DEFINED.add(option);
        return option;
    }

    /** Every option, in the order of the docs. */
    public static List<EngineOption> all() {
        return Collections.unmodifiableList(DEFINED);
    }

    /** The options a front end offers for an operation. */
    public static List<EngineOption> of(Operation operation, FrontEnd frontEnd) {
        return DEFINED.stream()
                .filter(o -> o.appliesTo(operation) && o.offeredBy(frontEnd))
                .toList();
    }

    /** The option of an operation that the CLI spells {@code cliName} ({@code --apiserver-timeout}). */
    public static Optional<EngineOption> byCliName(Operation operation, String cliName) {
        return of(operation, FrontEnd.CLI).stream()
                .filter(o -> o.cliName().equals(cliName))
                .findFirst();
    }

    private static Set<Operation> union(Set<Operation> first, Set<Operation> second) {
        Set<Operation> all = EnumSet.copyOf(first);
        all.addAll(second);
        return all;
    }
}
