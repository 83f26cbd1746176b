package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import io.jenkins.plugins.certrecovery.expiry.PemCertificates;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.ScriptFile;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The kubeconfig that approves CSRs, checked by the preflight before anything runs, on every version where it exists before the run
 * (4.4+, or named by the user): that there is one (4.4 and 4.5 have none of their own), that it is not the node-bootstrapper's
 * (which may list CSRs but not approve them: okd-project/okd#1629, facts 1.3), and that its embedded client certificate has not
 * expired — the 4.6–4.15 {@code localhost-recovery.kubeconfig} holds {@code node-system-admin-client}, 120 days (facts 3.2, 3.6),
 * so after about four months off {@code oc} would only get {@code Unauthorized}. Only the certificate leaves the host.
 */
final class AdminCredential {
    static final String CHECK = "admin kubeconfig";
    private static final String BOOTSTRAPPER =
            "system:serviceaccount:openshift-machine-config-operator:node-bootstrapper";

    /** Prints the embedded client certificates of a kubeconfig, not its keys or tokens. */
    private static final ScriptFile<Exit> CLIENT_CERTIFICATES =
            ScriptFile.load("kubeconfig-client-certificate.sh", Exit.class);

    /** The exit codes of {@code kubeconfig-client-certificate.sh}. */
    enum Exit {
        PRINTED,
        UNREADABLE,
        MISSING
    }

    private final RecoveryContext context;

    AdminCredential(RecoveryContext context) {
        this.context = context;
    }

    /** What to do when the kubeconfig this version would approve with cannot be used. */
    static String whatToDo(RecoveryContext context) {
        return "name an admin kubeconfig on " + context.firstMaster().name()
                + ": copy the installer's auth/kubeconfig there (e.g. to "
                + "/root/kubeconfig) and give its path as adminKubeconfig (CLI --admin-kubeconfig PATH, inventory key adminKubeconfig, "
                + "Jenkins step argument adminKubeconfig); never "
                + context.layout(context.firstMaster()).bootstrapKubeconfig()
                + ": it is the node-bootstrapper's, which may not approve CSRs";
    }

    /** Why 4.4 and 4.5 cannot run without a named admin kubeconfig, and what to do. */
    static String missingOn(RecoveryContext context) {
        return "OpenShift " + context.inventory().ocpVersion()
                + " has no recovery API server and no node-kubeconfigs, so no admin " + "kubeconfig of its own: "
                + whatToDo(context);
    }

    /** Whether the kubeconfig to approve with is on the first master before the run (not the recovery API server's, made by it). */
    private boolean exists() {
        OcpVersion version = context.inventory().ocpVersion();
        return context.namedAdminKubeconfig() != null || !version.hasRecoveryApiserver();
    }

    private boolean missing() {
        OcpVersion version = context.inventory().ocpVersion();
        return context.namedAdminKubeconfig() == null
                && !version.hasRecoveryApiserver()
                && !version.hasNodeKubeconfigs();
    }

    private HostScript readScript(String path) {
        return HostScript.of(
                "read the client certificate of " + path,
                CLIENT_CERTIFICATES,
                true,
                List.of(path),
                List.of(
                        HostScript.Step.run(HostExecutor.existsCommand(path)),
                        HostScript.Step.describe("print its client-certificate-data (sed), not the key")
                                .onlyIf(path + " exists")));
    }

    /** The preflight's read of the credential, when there is one to read. */
    Optional<PlanStep> planStep() throws RecoveryException {
        if (!exists() || missing()) {
            return Optional.empty();
        }
        return Optional.of(PlanStep.run(context.firstMaster().name(), readScript(Oc.adminKubeconfig(context))));
    }

    /**
     * The preflight's findings about the credential on the first master, none when there is nothing to check.
     *
     * @param reachableAsRoot whether the first master runs commands as root (otherwise its file is not read)
     */
    List<PreflightFinding> check(boolean reachableAsRoot) throws RecoveryException, InterruptedException {
        ClusterNode master = context.firstMaster();
        if (missing()) {
            return List.of(new PreflightFinding(master.name(), CHECK, false, missingOn(context)));
        }
        if (!exists() || !reachableAsRoot) {
            return List.of();
        }
        String path = Oc.adminKubeconfig(context);
        if (path.equals(context.layout(master).bootstrapKubeconfig())) {
            return List.of(
                    refused(path + " is the node-bootstrapper's kubeconfig, which may list CSRs but not approve them"));
        }
        CommandResult read =
                context.executor().run(master, Preflight.NAME, readScript(path).command());
        Exit exit = CLIENT_CERTIFICATES.exit(read.exitCode()).orElse(Exit.UNREADABLE);
        if (exit == Exit.MISSING) {
            return List.of(); // the file check names it
        }
        if (exit == Exit.UNREADABLE) {
            return List.of(refused("cannot read " + path + " (exit " + read.exitCode() + "): "
                    + context.executor().errorText(read)));
        }
        List<PreflightFinding> findings = new ArrayList<>();
        Instant now = context.clock().instant();
        for (String data : read.stdout()
                .lines()
                .map(l -> l.strip().replaceAll("^[\"']|[\"']$", ""))
                .filter(l -> !l.isEmpty())
                .toList()) {
            PemCertificates.Decoded decoded = decode(data);
            if (!decoded.ok()) {
                findings.add(refused(path + " embeds a client certificate that cannot be read: " + decoded.problem()));
                continue;
            }
            X509Certificate certificate = decoded.certificate();
            String subject = certificate.getSubjectX500Principal().getName();
            Instant notAfter = certificate.getNotAfter().toInstant();
            if (subject.contains(BOOTSTRAPPER)) {
                findings.add(refused(path + " authenticates as the node-bootstrapper (" + subject
                        + "), which may not approve CSRs"));
            } else if (!notAfter.isAfter(now)) {
                findings.add(refused("the client certificate of " + path + " (" + subject + ") expired " + notAfter
                        + ": the API would answer Unauthorized"));
            } else {
                findings.add(new PreflightFinding(
                        master.name(),
                        CHECK,
                        true,
                        path + ": client certificate " + subject + " valid until " + notAfter));
            }
        }
        if (findings.isEmpty()) {
            findings.add(new PreflightFinding(
                    master.name(),
                    CHECK,
                    true,
                    path + " embeds no client certificate (a token?): " + "its expiry is not checked"));
        }
        return findings;
    }

    private PreflightFinding refused(String why) {
        return new PreflightFinding(context.firstMaster().name(), CHECK, false, why + "; " + whatToDo(context));
    }

    private static PemCertificates.Decoded decode(String base64) {
        try {
            return PemCertificates.first(new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return new PemCertificates.Decoded(null, "client-certificate-data is not base64");
        }
    }
}
