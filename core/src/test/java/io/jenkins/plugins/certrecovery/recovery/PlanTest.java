package io.jenkins.plugins.certrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.NodeRole;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import io.jenkins.plugins.certrecovery.cluster.SshSettings;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.RemoteHost;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.ShellQuoting;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** plan() of every operation: the documented commands, exactly, on the right hosts, without touching any host. */
class PlanTest {
    static final String RELEASE = "quay.io/openshift-release-dev/ocp-release:4.3.0-x86_64";

    /** Hosts that refuse every connection: a plan must never connect. */
    static final class NoConnections implements ClusterHosts {
        private final SecretMasker masker = new SecretMasker();

        @Override
        public RemoteHost host(ClusterNode node) {
            throw new AssertionError("plan() connected to " + node.name());
        }

        @Override
        public SecretMasker masker() {
            return masker;
        }

        @Override
        public void close() {}
    }

    static Inventory inventory(String version, String prefix) {
        return new Inventory(
                "plan-test",
                OcpVersion.parse(version),
                RELEASE,
                new SshSettings("core", 22, null, null, null, Map.of(), null, false),
                List.of(
                        node("master-0", NodeRole.MASTER, prefix),
                        node("master-1", NodeRole.MASTER, prefix),
                        node("master-2", NodeRole.MASTER, prefix)),
                List.of(node("worker-0", NodeRole.WORKER, prefix), node("worker-1", NodeRole.WORKER, prefix)));
    }

    private static ClusterNode node(String name, NodeRole role, String prefix) {
        return new ClusterNode(
                name, "10.0.0." + name.hashCode() % 200, 0, prefix.isEmpty() ? "" : prefix + "/" + name, role);
    }

    static RecoveryContext context(Inventory inventory, RecoveryOptions options) {
        return new RecoveryContext(
                inventory,
                new NoConnections(),
                RecoveryListener.SILENT,
                options,
                Clock.fixed(Instant.parse("2026-11-26T15:44:33.123456789Z"), ZoneOffset.UTC));
    }

    /** The commands a host runs, a batched command's inner steps each on their own. */
    private static List<String> argvs(OperationPlan plan, String host) {
        return plan.steps().stream()
                .filter(s -> s.host().equals(host))
                .flatMap(s -> s.commands().stream())
                .map(c -> String.join(" ", c.argv()))
                .toList();
    }

    @Test
    void recoveryApiserverCreateRunsTheDocumentedCommandsWithoutATerminal() throws Exception {
        OperationPlan plan =
                new RecoveryApiserverCreate(context(inventory("4.3", ""), RecoveryOptions.defaults())).plan();
        List<String> unconditional = plan.steps().stream()
                .filter(s -> s.condition() == null)
                .map(s -> String.join(" ", s.command().argv()))
                .toList();
        assertEquals(
                List.of(
                        "test -e /etc/kubernetes/manifests/recovery-kube-apiserver-pod.yaml",
                        "test -e /etc/kubernetes/static-pod-resources/recovery-kube-apiserver-pod",
                        "oc adm release info --registry-config=/var/lib/kubelet/config.json " + RELEASE
                                + " --image-for=cluster-kube-apiserver-operator",
                        "podman pull --authfile=/var/lib/kubelet/config.json ${KAO_IMAGE}",
                        "podman run --network=host -v /etc/kubernetes/:/etc/kubernetes/:Z --entrypoint=/usr/bin/cluster-kube-apiserver-operator "
                                + "${KAO_IMAGE} recovery-apiserver create",
                        "oc --kubeconfig=/etc/kubernetes/static-pod-resources/recovery-kube-apiserver-pod/admin.kubeconfig get namespace kube-system"),
                unconditional);
        assertTrue(plan.steps().stream().allMatch(s -> s.host().equals("master-0")));
        assertTrue(plan.steps().get(plan.steps().size() - 1).repeated(), "the namespace probe is a poll");
        assertTrue(
                plan.steps().stream()
                        .noneMatch(s -> s.command().argv().contains("-it")
                                || s.command().argv().contains("-t")),
                "no TTY is asked for");
        assertTrue(
                argvs(plan, "master-0").stream().anyMatch(a -> a.endsWith("recovery-apiserver destroy")),
                "a leftover recovery API server that does not answer is destroyed first");
    }

    @Test
    void theKubeletRecoveryWritesBacksUpAndMovesOnEveryHostAsDocumented() throws Exception {
        RecoveryContext context = context(inventory("4.3", ""), RecoveryOptions.defaults());
        OperationPlan plan = new RecoverKubelets(context).plan();
        String backups = "/var/lib/ocp-cert-recovery/backups/20261126T154433Z";
        PlanStep script = plan.steps().stream()
                .filter(s -> s.script() == null && s.command().argv().contains("/usr/local/bin/recover-kubeconfig.sh"))
                .findFirst()
                .orElseThrow();
        assertEquals("master-0", script.host());
        assertEquals(
                Map.of(
                        "KUBECONFIG",
                        "/etc/kubernetes/static-pod-resources/recovery-kube-apiserver-pod/admin.kubeconfig"),
                script.command().environment(),
                "KUBECONFIG is passed explicitly, sudo would drop it");
        for (String master : List.of("master-0", "master-1", "master-2")) {
            assertTrue(replaces(plan, master, "/etc/kubernetes/kubeconfig", "0600"), master);
        }
        for (String host : List.of("master-0", "master-1", "master-2", "worker-0", "worker-1")) {
            List<String> commands = argvs(plan, host);
            assertTrue(replaces(plan, host, "/etc/kubernetes/kubelet-ca.crt", "0644"), host);
            assertTrue(
                    commands.contains(
                            "cp -p -T /etc/kubernetes/kubelet-ca.crt " + backups + "/etc/kubernetes/kubelet-ca.crt"),
                    host);
            assertTrue(commands.contains("touch /run/machine-config-daemon-force"), host);
            int stop = commands.indexOf("systemctl stop kubelet");
            int movePki = commands.indexOf("mv -T /var/lib/kubelet/pki " + backups + "/var/lib/kubelet/pki");
            int moveKubeconfig =
                    commands.indexOf("mv -T /var/lib/kubelet/kubeconfig " + backups + "/var/lib/kubelet/kubeconfig");
            int start = commands.indexOf("systemctl start kubelet");
            assertTrue(
                    stop >= 0 && stop < movePki && movePki < moveKubeconfig && moveKubeconfig < start,
                    host + ": stop, move pki and kubeconfig into the backup, start: " + commands);
            assertFalse(commands.stream().anyMatch(c -> c.startsWith("rm -rf")), "nothing is deleted");
        }
        assertFalse(
                replaces(plan, "worker-0", "/etc/kubernetes/kubeconfig", "0600"),
                "workers keep their bootstrap kubeconfig");
        PlanStep restart = plan.steps().stream()
                .filter(s -> s.host().equals("master-1")
                        && s.script() != null
                        && s.script().name().startsWith("restart kubelet"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                restart.script().command().argv().contains(backups + "/kubelet-restart.log"),
                "the detached restart logs on the host");
        assertTrue(restart.script().command().argv().get(2).contains("setsid"), "the restart runs in its own session");
    }

    /** Whether the plan replaces this file on this host (one batched command: compare, back up, write atomically) with this mode. */
    private static boolean replaces(OperationPlan plan, String host, String path, String mode) {
        return plan.steps().stream()
                .anyMatch(s -> s.host().equals(host)
                        && s.script() != null
                        && s.script().name().equals("replace " + path)
                        && s.command()
                                .argv()
                                .subList(4, 7)
                                .equals(List.of(
                                        path, mode, "/var/lib/ocp-cert-recovery/backups/20261126T154433Z" + path))
                        && "a kubelet needs recovery".equals(s.condition()));
    }

    @Test
    void aBatchedCommandIsAConstantScriptAndEveryValueAnArgument() throws Exception {
        RecoveryContext context = context(inventory("4.3", "/tmp/it's a \"sandbox\""), RecoveryOptions.defaults());
        OperationPlan plan = new RecoveryProcedure(context, CsrApprovalPolicy.ALL_VALID).plan();
        List<PlanStep> batched =
                plan.steps().stream().filter(s -> s.script() != null).toList();
        assertTrue(batched.size() >= 20, "preflight, lock, checks, writes and restarts are batched: " + batched.size());
        for (PlanStep step : batched) {
            List<String> argv = step.command().argv();
            assertEquals(List.of("sh", "-c"), argv.subList(0, 2));
            for (String value : argv.subList(4, argv.size())) {
                if (value.startsWith("/")) {
                    assertFalse(
                            argv.get(2).contains(value),
                            "the value " + value + " is spliced into the script of " + step.display());
                }
            }
            assertFalse(argv.get(2).contains("/tmp/it"), step.display());
            assertFalse(step.script().steps().isEmpty(), "a plan shows what " + step.display() + " does");
        }
    }

    @Test
    void aBatchedCommandIsSummarisedByItsNameAndArgumentsInLogsAndErrors() throws Exception {
        RecoveryContext context = context(inventory("4.3", "/tmp/it's a \"sandbox\""), RecoveryOptions.defaults());
        OperationPlan plan = new RecoveryProcedure(context, CsrApprovalPolicy.ALL_VALID).plan();
        for (PlanStep step :
                plan.steps().stream().filter(s -> s.script() != null).toList()) {
            String summary = step.command().summary();
            assertFalse(summary.contains("\n"), "one line: " + summary);
            assertTrue(summary.startsWith("sh -c <" + step.command().argv().get(3) + " script>"), summary);
            for (String value :
                    step.command().argv().subList(4, step.command().argv().size())) {
                assertTrue(
                        value.contains("\n") || summary.contains(ShellQuoting.quote(value)),
                        "argument " + value + " shown in " + summary);
            }
        }
        RemoteCommand plain = RemoteCommand.of("systemctl", "restart", "kubelet");
        assertEquals(plain.display(), plain.summary(), "a plain command is shown whole");
    }

    @Test
    void theWholePlanShowsAHeadingPerOperation() throws Exception {
        OperationPlan plan = new RecoveryProcedure(
                        context(inventory("4.3", ""), RecoveryOptions.defaults()), CsrApprovalPolicy.ALL_VALID)
                .plan();
        List<String> headings = plan.lines(new SecretMasker()).stream()
                .filter(l -> l.startsWith("-- "))
                .toList();
        assertEquals(
                List.of(
                        "-- preflight",
                        "-- lock and assess",
                        "-- " + RecoveryApiserverCreate.NAME,
                        "-- " + RegenerateCertificates.NAME,
                        "-- " + ForceRedeploy.NAME,
                        "-- " + RecoverKubelets.NAME,
                        "-- " + ApproveCsrs.NAME,
                        "-- " + RecoveryApiserverDestroy.NAME,
                        "-- unlock"),
                headings);
        assertEquals(
                RecoverKubelets.NAME,
                plan.steps().stream()
                        .filter(s -> s.script() != null && s.script().name().startsWith("restart kubelet"))
                        .findFirst()
                        .orElseThrow()
                        .operation());
        List<String> lines = plan.lines(new SecretMasker());
        assertTrue(
                lines.contains("[master-0]     "
                        + RemoteCommand.of("systemctl", "stop", "kubelet").display()),
                "a batched command's " + "steps are listed: " + String.join("\n", lines));
    }

    @Test
    void everyHostPathOfASandboxHostIsUnderItsPrefix() throws Exception {
        RecoveryContext context = context(inventory("4.3", "/tmp/sbx"), RecoveryOptions.defaults());
        for (OperationPlan plan : List.of(
                new RecoveryApiserverCreate(context).plan(),
                new RegenerateCertificates(context).plan(),
                new RecoverKubelets(context).plan(),
                new RecoveryApiserverDestroy(context).plan(),
                new Preflight(context).plan())) {
            for (PlanStep step : plan.steps()) {
                String prefix = "/tmp/sbx/" + step.host() + "/";
                List<String> args = new java.util.ArrayList<>(step.command().argv());
                step.commands().forEach(c -> args.addAll(c.argv()));
                for (String arg : args) {
                    String path = arg.contains("=/") ? arg.substring(arg.indexOf("=/") + 1) : arg;
                    if (path.startsWith("/") && !path.startsWith("/usr/bin/cluster-kube-apiserver-operator")) {
                        assertTrue(
                                path.startsWith(prefix)
                                        || path.startsWith("/etc/kubernetes/:Z")
                                        || path.equals("/etc/kubernetes/"),
                                step.display());
                    }
                }
            }
        }
    }

    @Test
    void theRedeployReasonIsFormattedLikeDateRfc3339NsAndPatchedAsJson() throws Exception {
        RecoveryContext context = context(inventory("4.3", ""), RecoveryOptions.defaults());
        ForceRedeploy redeploy = new ForceRedeploy(context);
        assertEquals("recovery-2026-11-26 15:44:33.123456789+00:00", redeploy.reason());
        assertTrue(ForceRedeploy.reasonAt(Instant.parse("2026-01-02T03:04:05Z"))
                .matches("recovery-2026-01-02 03:04:05\\.000000000\\+00:00"));
        List<String> patches = redeploy.plan().steps().stream()
                .map(s -> s.command().argv())
                .filter(a -> a.contains("patch"))
                .map(a -> a.get(a.indexOf("-p") + 1))
                .toList();
        assertEquals(3, patches.size());
        for (String patch : patches) {
            assertEquals(
                    redeploy.reason(),
                    Oc.JSON
                            .readTree(patch)
                            .path("spec")
                            .path("forceRedeploymentReason")
                            .asText());
        }
        String hostile = "x\"}, \"spec\": {\"evil\": true, \"y\": \"\\";
        assertEquals(
                hostile,
                Oc.JSON
                        .readTree(ForceRedeploy.mergePatch(hostile))
                        .path("spec")
                        .path("forceRedeploymentReason")
                        .asText());
        assertEquals(
                1,
                Oc.JSON.readTree(ForceRedeploy.mergePatch(hostile)).path("spec").size());
    }

    @Test
    void theKubeconfigPathIsReadFromTheKlogLineOnStderr() throws Exception {
        String stderr =
                "I1126 14:33:32.123456       1 create.go:83] Recovery apiserver certificates will be valid for 168h0m0s\n"
                        + "I1126 14:33:32.123470       1 create.go:85] To access the server.\n"
                        + "I1126 14:33:32.123480       1 create.go:86]     export KUBECONFIG=/etc/kubernetes/static-pod-resources/"
                        + "recovery-kube-apiserver-pod/admin.kubeconfig\n";
        assertEquals(
                "/etc/kubernetes/static-pod-resources/recovery-kube-apiserver-pod/admin.kubeconfig",
                RecoveryApiserverCreate.kubeconfigPrinted(stderr).orElseThrow());
        assertTrue(RecoveryApiserverCreate.kubeconfigPrinted("Recovery apiserver certificates will be valid")
                .isEmpty());
    }

    @Test
    void versionsFromFourFourHaveNoRecoveryApiserverAndUseTheMastersOwnKubeconfig() throws Exception {
        RecoveryContext v46 = context(inventory("4.6", ""), RecoveryOptions.defaults());
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> new RecoveryApiserverCreate(v46).plan());
        assertTrue(refused.getMessage().contains("only on OpenShift 4.1 to 4.3"), refused.getMessage());
        List<String> commands = argvs(new RecoverKubelets(v46).plan(), "master-0");
        assertTrue(
                commands.contains(
                        "oc --kubeconfig=/etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/node-kubeconfigs/"
                                + "localhost-recovery.kubeconfig get nodes -o json"),
                commands.toString());
        assertTrue(
                commands.stream().noneMatch(c -> c.contains("recover-kubeconfig.sh")),
                "4.6 has no recover-kubeconfig.sh");
        assertTrue(
                commands.stream().anyMatch(c -> c.contains("get secret node-bootstrapper-token")), commands.toString());

        RecoveryContext v45 = context(inventory("4.5", ""), RecoveryOptions.defaults());
        RecoveryException noKubeconfig = assertThrows(RecoveryException.class, () -> new RecoverKubelets(v45).plan());
        assertTrue(
                noKubeconfig.getMessage().contains("give its path as adminKubeconfig (CLI --admin-kubeconfig PATH"),
                noKubeconfig.getMessage());
        RecoveryContext v45given = context(
                inventory("4.5", ""),
                RecoveryOptions.defaults().toBuilder()
                        .adminKubeconfig("/root/kubeconfig")
                        .build());
        assertTrue(argvs(new RecoverKubelets(v45given).plan(), "master-0")
                .contains("oc --kubeconfig=/root/kubeconfig get nodes -o json"));
    }

    @Test
    void fourOneWritesTheKubeletCaWhereFourOneKeptItAndBuildsTheKubeconfigFromApiServerUrl() throws Exception {
        OperationPlan plan = new RecoverKubelets(context(inventory("4.1", ""), RecoveryOptions.defaults())).plan();
        assertTrue(replaces(plan, "worker-1", "/etc/kubernetes/ca.crt", "0644"));
        assertTrue(argvs(plan, "master-0").stream()
                .anyMatch(c -> c.contains("get infrastructures.config.openshift.io cluster -o json")));
    }

    @Test
    void secretOutputNeverSplicesValuesIntoTheShellScript() throws Exception {
        RemoteCommand command = SecretOutput.redirected(
                RemoteCommand.of("/usr/local/bin/recover-kubeconfig.sh")
                        .withEnvironment("KUBECONFIG", "/x'; rm -rf /; '"),
                "/state/out'$(reboot)");
        assertEquals(
                List.of(
                        "sh",
                        "-c",
                        "umask 077 && out=\"$1\" && shift && exec \"$@\" > \"$out\"",
                        "sh",
                        "/state/out'$(reboot)",
                        "/usr/local/bin/recover-kubeconfig.sh"),
                command.argv());
        assertEquals("/x'; rm -rf /; '", command.environment().get("KUBECONFIG"));
    }

    @Test
    void optionsRefuseNonsense() throws Exception {
        assertThrows(
                IllegalArgumentException.class,
                () -> RecoveryOptions.defaults().toBuilder().parallelism(0, 1).build());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> RecoveryOptions.defaults().toBuilder()
                        .apiserverTimeout(java.time.Duration.ZERO)
                        .build());
        assertTrue(e.getMessage().contains("apiserverTimeout"));
    }

    @Test
    void theWholeProcedureFollowsTheDocumentedOrderBetweenLockAndUnlock() throws Exception {
        OperationPlan plan = new RecoveryProcedure(
                        context(inventory("4.3", ""), RecoveryOptions.defaults()), CsrApprovalPolicy.ALL_VALID)
                .plan();
        List<String> lines = plan.steps().stream()
                .flatMap(s -> s.commands().stream())
                .map(c -> String.join(" ", c.argv()))
                .toList();
        List<String> milestones = List.of(
                "id -u",
                "mkdir /var/lib/ocp-cert-recovery/lock",
                "recovery-apiserver create",
                "regenerate-certificates",
                "patch kubeapiserver",
                "patch kubecontrollermanager",
                "patch kubescheduler",
                "recover-kubeconfig.sh",
                "get configmap kube-apiserver-to-kubelet-client-ca",
                "systemctl stop kubelet",
                "adm certificate approve",
                "recovery-apiserver destroy",
                "rmdir /var/lib/ocp-cert-recovery/lock");
        int last = -1;
        for (String milestone : milestones) {
            int at = -1;
            for (int i = last + 1; i < lines.size() && at < 0; i++) {
                if (lines.get(i).contains(milestone)) {
                    at = i;
                }
            }
            assertTrue(at > last, milestone + " after the previous milestone in " + lines);
            last = at;
        }
        assertEquals(
                1,
                lines.stream().filter(l -> l.startsWith("oc adm release info")).count(),
                "the image is resolved once");
        assertTrue(plan.lines(new SecretMasker()).get(0).startsWith("== recover"));
    }

    @Test
    void fromFourFourTheProcedureIsKubeletsAndCsrsOnly() throws Exception {
        OperationPlan plan = new RecoveryProcedure(
                        context(inventory("4.7", ""), RecoveryOptions.defaults()), CsrApprovalPolicy.ALL_VALID)
                .plan();
        assertTrue(
                plan.steps().stream().noneMatch(s -> s.command().argv().get(0).equals("podman")));
        assertTrue(plan.steps().stream().anyMatch(s -> s.command().argv().contains("approve")));
    }

    @Test
    void csrApprovalAsksForNamesAndNeverForEverything() throws Exception {
        RecoveryContext context = context(inventory("4.3", ""), RecoveryOptions.defaults());
        assertThrows(IllegalArgumentException.class, () -> ApproveCsrs.approve(context, List.of()));
        OperationPlan plan =
                ApproveCsrs.approve(context, List.of("csr-b", "csr-a", "csr-b")).plan();
        assertEquals(
                "oc --kubeconfig=/etc/kubernetes/static-pod-resources/recovery-kube-apiserver-pod/admin.kubeconfig adm certificate "
                        + "approve csr-b csr-a",
                String.join(" ", plan.steps().get(2).command().argv()));
        assertTrue(ApproveCsrs.list(context).plan().steps().stream()
                .noneMatch(s -> s.command().argv().contains("approve")));
    }
}
