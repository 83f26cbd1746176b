package io.jenkins.plugins.certrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin kubeconfig and the demo's OpenShift release on the command line. */
class VersionsOnTheCommandLineTest {
    @TempDir
    Path dir;

    private Path inventory(String version, String extra) throws Exception {
        return Files.writeString(dir.resolve("inventory-" + version + ".yaml"), """
                ocpVersion: "%s"
                releaseImage: quay.io/openshift-release-dev/ocp-release:%s.0-x86_64
                ssh: {user: core, insecureAcceptAnyHostKey: true}
                masters: [{name: master-0, host: 127.0.0.1}]
                %s
                """.formatted(version, version, extra));
    }

    @Test
    void anOperationTheVersionDoesNotHaveSaysWhyContactsNoHostAndExitsZero() throws Exception {
        try (Sandbox sandbox = Sandbox.startWithoutSsh(SandboxSpec.defaults().withNodes(1, 0))) {
            // the sandbox only lends its client key; port 1: nothing listens there, so a connection attempt would fail
            // the run
            Path inventory =
                    Files.writeString(dir.resolve("inventory-with-key.yaml"), """
                    ocpVersion: "4.14"
                    releaseImage: quay.io/openshift-release-dev/ocp-release:4.14.0-x86_64
                    ssh: {user: core, insecureAcceptAnyHostKey: true, identityFile: %s}
                    masters: [{name: master-0, host: 127.0.0.1, port: 1}]
                    """.formatted(sandbox.clientKeyFile()));
            CliRun run = CliRun.run(
                    "regenerate-certificates",
                    "-i",
                    inventory.toString(),
                    "--audit-file",
                    dir.resolve("audit.jsonl").toString());
            assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
            assertTrue(
                    (run.out() + run.err())
                            .contains("regenerate-certificates is part of the recovery of OpenShift 4.1–4.3 only"),
                    run.out() + run.err());
            assertTrue(
                    Files.readString(dir.resolve("audit.jsonl")).contains("does not exist for this version"),
                    "the audit trail says nothing was done");
        }
    }

    @Test
    void planOnFourFiveWithoutAnAdminKubeconfigSaysWhichOptionToSetWithoutAStackTrace() throws Exception {
        CliRun run = CliRun.run("plan", "-i", inventory("4.5", "").toString());
        assertEquals(ExitCodes.FAILED, run.exitCode(), run.err());
        assertTrue(run.err().contains("--admin-kubeconfig PATH, inventory key adminKubeconfig"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void planOnFourFiveUsesTheAdminKubeconfigFlag() throws Exception {
        CliRun run =
                CliRun.run("plan", "-i", inventory("4.5", "").toString(), "--admin-kubeconfig", "/root/kubeconfig");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("'oc' '--kubeconfig=/root/kubeconfig' 'get' 'nodes' '-o' 'json'"), run.out());
    }

    @Test
    void theAdminKubeconfigFlagWinsOverTheInventoryKey() throws Exception {
        CliRun run = CliRun.run(
                "plan",
                "-i",
                inventory("4.14", "adminKubeconfig: /root/inventory.kubeconfig").toString(),
                "--admin-kubeconfig",
                "/root/flag.kubeconfig");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(
                run.out().contains("'oc' '--kubeconfig=/root/flag.kubeconfig' 'get' 'namespace' 'kube-system'"),
                run.out());
        assertFalse(run.out().contains("inventory.kubeconfig"), run.out());
    }

    @Test
    void aRelativeAdminKubeconfigIsABadCommandLine() throws Exception {
        CliRun run = CliRun.run("plan", "-i", inventory("4.14", "").toString(), "--admin-kubeconfig", "kubeconfig");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--admin-kubeconfig: 'kubeconfig' is not an absolute path"), run.err());
    }

    @Test
    void theDemoRefusesAReleaseTheSandboxDoesNotImitate() {
        CliRun run = CliRun.run("demo", "--ocp-version", "4.5");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--ocp-version"), run.err());
    }

    @Test
    void theDemoRecoversAFourFourteenClusterByApprovingCsrs() throws Exception {
        CliRun run = CliRun.run(
                "demo", "--ocp-version", "4.14", "--output", dir.resolve("demo").toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("demo: every node of the cluster is Ready again"), run.out());
        String audit = Files.readString(dir.resolve("demo/audit.jsonl"));
        assertTrue(audit.contains("await-api") && audit.contains("\"event\":\"csr-approved\""), audit);
        assertFalse(
                audit.contains("recovery-apiserver") || audit.contains("\"change\""),
                "no recovery API server, no file change");
    }
}
