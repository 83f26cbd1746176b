package io.jenkins.plugins.certrecovery.options;

import io.jenkins.plugins.certrecovery.recovery.ApproveCsrs;
import io.jenkins.plugins.certrecovery.recovery.ForceRedeploy;
import io.jenkins.plugins.certrecovery.recovery.RecoverKubelets;
import io.jenkins.plugins.certrecovery.recovery.RecoveryApiserverCreate;
import io.jenkins.plugins.certrecovery.recovery.RecoveryApiserverDestroy;
import io.jenkins.plugins.certrecovery.recovery.RecoveryProcedure;
import io.jenkins.plugins.certrecovery.recovery.RegenerateCertificates;

/**
 * What a user can run, under one name across the layers: the engine operation's name is the CLI subcommand (its words joined by
 * {@code -}: {@code recovery-apiserver create} is {@code recovery-apiserver-create}) and the audit trail's {@code operation}. The
 * pipeline steps keep their own function names (camel case, as Jenkins steps are spelt); docs/architecture.md has the table.
 */
public enum Operation {
    RECOVER(RecoveryProcedure.NAME, "recover", "recoverCluster"),
    RECOVERY_APISERVER_CREATE(RecoveryApiserverCreate.NAME, "recovery-apiserver create", "recoveryApiserver"),
    RECOVERY_APISERVER_DESTROY(RecoveryApiserverDestroy.NAME, "recovery-apiserver destroy", "recoveryApiserver"),
    REGENERATE_CERTIFICATES(RegenerateCertificates.NAME, "regenerate-certificates", "regenerateCerts"),
    FORCE_REDEPLOY(ForceRedeploy.NAME, "force-redeploy", "forceRedeploy"),
    RECOVER_KUBELETS(RecoverKubelets.NAME, "recover-kubelets", "recoverKubelets"),
    APPROVE_CSRS(ApproveCsrs.NAME, "approve-csrs", "approveCsrs"),
    /** Reads only: no engine operation of its own and no audit trail. */
    CHECK("check", "check", "checkCertExpiry"),
    /** Reads report files only: no cluster, no audit trail. */
    REPORT_MERGE("report-merge", "report merge", "mergeCertExpiryReports");

    private final String id;
    private final String cliCommand;
    private final String pipelineStep;

    Operation(String id, String cliCommand, String pipelineStep) {
        this.id = id;
        this.cliCommand = cliCommand;
        this.pipelineStep = pipelineStep;
    }

    /** The operation's one name: the engine's, the audit trail's {@code operation}, the CLI subcommand's words joined by '-'. */
    public String id() {
        return id;
    }

    /** The CLI subcommand as typed after {@code ocp-cert-recovery}, e.g. {@code recovery-apiserver create}. */
    public String cliCommand() {
        return cliCommand;
    }

    /** The pipeline step that runs it (recoveryApiserver runs create and destroy, chosen by its {@code action}). */
    public String pipelineStep() {
        return pipelineStep;
    }

    /** True for the operations that change the cluster: these take the lock and write the audit trail. */
    public boolean changesCluster() {
        return this != CHECK && this != REPORT_MERGE;
    }
}
