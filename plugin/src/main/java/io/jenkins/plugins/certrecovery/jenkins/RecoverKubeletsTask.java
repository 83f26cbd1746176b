package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.recovery.KubeletHostResult;
import io.jenkins.plugins.certrecovery.recovery.KubeletRecoveryResult;
import io.jenkins.plugins.certrecovery.recovery.RecoverKubelets;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOperation;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code recoverKubelets} on the agent. Returns one map per host: {@code [host, master, action, backup, detail]}; a host whose
 * restart failed (and was put back) makes the step UNSTABLE.
 */
record RecoverKubeletsTask(boolean allWorkers, int masterParallelism, int workerParallelism)
        implements OperationTask<KubeletRecoveryResult> {
    @Override
    public String stepName() {
        return "recoverKubelets";
    }

    @Override
    public RecoveryOptions.Builder options(RecoveryOptions.Builder defaults) {
        return defaults.allWorkers(allWorkers).parallelism(masterParallelism, workerParallelism);
    }

    @Override
    public RecoveryOperation<KubeletRecoveryResult> operation(RecoveryContext context) {
        return new RecoverKubelets(context);
    }

    @Override
    public StepOutcome outcome(KubeletRecoveryResult result, AgentSession session) {
        ArrayList<Object> hosts = new ArrayList<>();
        List<String> warnings = new ArrayList<>(session.warnings());
        for (KubeletHostResult host : result.hosts()) {
            hosts.add(row(host, warnings));
        }
        return new StepOutcome(hosts, warnings);
    }

    /** An empty list. */
    @Override
    public Object dryRunValue(RecoveryOperation<? extends KubeletRecoveryResult> operation) {
        return new ArrayList<Object>();
    }

    /** One host as the steps return it, a failed restart added to the warnings; {@code recoverCluster} lists its hosts the same way. */
    static LinkedHashMap<String, Object> row(KubeletHostResult host, List<String> warnings) {
        LinkedHashMap<String, Object> row = new LinkedHashMap<>();
        row.put("host", host.host());
        row.put("master", host.master());
        row.put("action", host.action().name());
        row.put("backup", host.backup());
        row.put("detail", host.detail());
        if (host.action() == KubeletHostResult.Action.FAILED) {
            warnings.add("kubelet on " + host.host() + " was not recovered: " + host.detail());
        }
        return row;
    }
}
