package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The arguments every step shares: which cluster ({@code cluster} map or {@code inventory} file), how to log in
 * ({@code credentialsId}), {@code dryRun}, the per-command timeout and the audit file.
 * <p>
 * Optional arguments of every step are wrapper types, so that a pipeline's {@code null} (e.g. {@code dryRun: params.MISSING})
 * means the default: structs refuses a null for a primitive setter. Getters return the effective value, never null.
 */
public abstract class ClusterStep extends Step {
    private Map<String, Object> cluster;
    private String inventory;
    private String credentialsId;
    private Boolean dryRun;
    private Integer commandTimeoutSeconds;
    private String auditFile;
    private String adminKubeconfig;
    private List<String> nodes;
    private Boolean skipUnreachable;
    private CredentialsLookup credentialsLookup = new JenkinsCredentialsLookup();

    public Map<String, Object> getCluster() {
        return cluster;
    }

    /** The inventory as a map with the YAML file's keys ({@code ssh.credentialsId} instead of {@code identityFile}). */
    @DataBoundSetter
    public void setCluster(Map<String, Object> cluster) {
        this.cluster = cluster;
    }

    public String getInventory() {
        return inventory;
    }

    /** A YAML inventory file, relative to the workspace. */
    @DataBoundSetter
    public void setInventory(String inventory) {
        this.inventory = blankToNull(inventory);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** The SSH credential; may also be given as {@code ssh.credentialsId} inside the inventory. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = blankToNull(credentialsId);
    }

    public boolean isDryRun() {
        return Arguments.orCatalogueDefault(dryRun, OptionCatalogue.DRY_RUN);
    }

    @DataBoundSetter
    public void setDryRun(Boolean dryRun) {
        this.dryRun = dryRun;
    }

    public int getCommandTimeoutSeconds() {
        return Arguments.orCatalogueDefault(commandTimeoutSeconds, OptionCatalogue.COMMAND_TIMEOUT);
    }

    @DataBoundSetter
    public void setCommandTimeoutSeconds(Integer commandTimeoutSeconds) {
        this.commandTimeoutSeconds = commandTimeoutSeconds;
    }

    public String getAuditFile() {
        return Arguments.orCatalogueDefault(auditFile, OptionCatalogue.AUDIT_FILE);
    }

    @DataBoundSetter
    public void setAuditFile(String auditFile) {
        this.auditFile = blankToNull(auditFile) == null ? null : auditFile.strip();
    }

    public String getAdminKubeconfig() {
        return adminKubeconfig;
    }

    /**
     * An admin kubeconfig on the first master (absolute path): needed on 4.4 and 4.5, and on 4.6+ when the masters' own
     * localhost-recovery credential has expired; null for the version's default.
     */
    @DataBoundSetter
    public void setAdminKubeconfig(String adminKubeconfig) {
        this.adminKubeconfig = blankToNull(adminKubeconfig);
    }

    public List<String> getNodes() {
        return nodes;
    }

    /** Only these inventory nodes' kubelets and CSRs (a retry after some nodes failed); for the steps that work node by node. */
    @DataBoundSetter
    public void setNodes(List<String> nodes) {
        this.nodes = nodes == null || nodes.isEmpty()
                ? null
                : nodes.stream().map(String::valueOf).toList();
    }

    public boolean isSkipUnreachable() {
        return Arguments.orCatalogueDefault(skipUnreachable, OptionCatalogue.SKIP_UNREACHABLE);
    }

    /** Go on without the hosts the preflight cannot reach while a majority of the masters is reachable ({@code recoverCluster}). */
    @DataBoundSetter
    public void setSkipUnreachable(Boolean skipUnreachable) {
        this.skipUnreachable = skipUnreachable;
    }

    /**
     * Which of {@code nodes} and {@code skipUnreachable} this step takes: the steps that work node by node take {@code nodes},
     * {@code recoverCluster} (whose preflight decides what is reachable) both.
     */
    protected Set<String> nodeArguments() {
        return Set.of();
    }

    /** Where credentials are looked up; tests replace Jenkins' stores with their own. */
    void setCredentialsLookup(CredentialsLookup credentialsLookup) {
        this.credentialsLookup = credentialsLookup;
    }

    /**
     * Validates this step's own arguments and returns the work to run on the agent. Fails naming the argument that is wrong.
     */
    protected abstract ClusterTask task() throws AbortException;

    /** True when the step names its clusters in an argument of its own (checkCertExpiry's {@code inventories}). */
    protected boolean clustersGivenOtherwise() {
        return false;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new ClusterStepExecution(context, this);
    }

    /**
     * The common arguments checked, the credential resolved: what the agent needs. Inside {@code withOpenShiftCluster} the cluster,
     * the credential and the lock token come from the block ({@code block}, null outside one).
     */
    ClusterRequest request(Run<?, ?> run, FilePath workspace, EnvVars env, OpenShiftCluster block)
            throws AbortException {
        int commandTimeout = Arguments.positive("commandTimeoutSeconds", getCommandTimeoutSeconds(), "seconds");
        String audit = getAuditFile();
        if (audit.startsWith("/") || audit.contains("..")) {
            throw new AbortException("auditFile: '" + audit + "' must be a path inside the workspace, without '..'");
        }
        if (nodes != null && !nodeArguments().contains("nodes")
                || isSkipUnreachable() && !nodeArguments().contains("skipUnreachable")) {
            throw new AbortException(
                    (nodes != null ? "nodes" : "skipUnreachable") + ": not an argument of this step; recoverCluster,"
                            + " recoverKubelets and approveCsrs take nodes, recoverCluster skipUnreachable");
        }
        if (adminKubeconfig != null && !adminKubeconfig.startsWith("/")) {
            throw new AbortException(
                    "adminKubeconfig: '" + adminKubeconfig + "' must be an absolute path on the first master, e.g. "
                            + "/root/auth/kubeconfig (the installer's auth/kubeconfig copied there)");
        }
        if (block != null && clustersGivenOtherwise()) {
            throw new AbortException(
                    "inventories: not inside withOpenShiftCluster, whose one cluster the steps inside work on; check a "
                            + "fleet outside the block");
        }
        OpenShiftCluster target = block == null
                ? OpenShiftCluster.of(cluster, inventory, credentialsId, env, null, clustersGivenOtherwise())
                : block.forStep(cluster, inventory, credentialsId, env);
        LoginSecret login = new LoginSecretResolver(credentialsLookup).resolve(target.credentialsId(), run);
        return new ClusterRequest(
                target.cluster(),
                target.inventory(),
                login,
                workspace.getRemote(),
                isDryRun(),
                commandTimeout,
                env.expand(audit),
                run.getExternalizableId(),
                target.lockToken(),
                adminKubeconfig,
                nodes == null ? List.of() : new ArrayList<>(nodes),
                isSkipUnreachable());
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
