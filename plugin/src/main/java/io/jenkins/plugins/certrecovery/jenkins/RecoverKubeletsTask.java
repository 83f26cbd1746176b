package io.jenkins.plugins.certrecovery.jenkins;

import io.jenkins.plugins.certrecovery.recovery.KubeletHostResult;
import io.jenkins.plugins.certrecovery.recovery.KubeletRecoveryResult;
import io.jenkins.plugins.certrecovery.recovery.RecoverKubelets;
import io.jenkins.plugins.certrecovery.recovery.RecoveryContext;
import io.jenkins.plugins.certrecovery.recovery.RecoveryException;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code recoverKubelets} on the agent. Returns one map per host: {@code [host, master, action, backup, detail]}; a host whose
 * restart failed (and was put back) makes the step UNSTABLE.
 */
record RecoverKubeletsTask(boolean allWorkers, int masterParallelism, int workerParallelism) implements ClusterTask {
    @Override
    public String stepName() {
        return "recoverKubelets";
    }

    @Override
    public StepOutcome run(AgentSession session) throws RecoveryException, InterruptedException {
        RecoveryContext context = session.context(RecoveryOptions.defaults().toBuilder()
                .allWorkers(allWorkers)
                .parallelism(masterParallelism, workerParallelism));
        KubeletRecoveryResult result = session.execute(context, new RecoverKubelets(context), true);
        ArrayList<Object> hosts = new ArrayList<>();
        List<String> warnings = new ArrayList<>(session.warnings());
        if (result == null) {
            return new StepOutcome(hosts, warnings);
        }
        for (KubeletHostResult host : result.hosts()) {
            hosts.add(row(host, warnings));
        }
        return new StepOutcome(hosts, warnings);
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
