package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * How a recovery runs. Start from {@link #defaults()} (the defaults of the options users give are those of {@link OptionCatalogue}) and change what the caller was asked for through {@link #toBuilder()}.
 *
 * @param owner                  who runs it, recorded in the cluster lock (e.g. {@code alice@laptop (cli)} or a Jenkins build URL)
 * @param apiserverTimeout       how long to wait for the recovery API server to answer (documented: it comes up within minutes)
 * @param nodesReadyTimeout      how long the CSR wait mode waits for every inventory node to be Ready
 * @param progressInterval       the longest gap between two progress lines during a wait
 * @param pollInterval           the pause between two probes during a wait (the documented loop sleeps 1 s)
 * @param masterParallelism      how many masters get their kubelet restarted at once (1: one at a time, as documented)
 * @param workerParallelism      how many workers get their kubelet restarted at once
 * @param allWorkers             restart every worker's kubelet, not only those missing or NotReady
 * @param keepRecoveryApiserver  leave the recovery API server running at the end and after a failure
 * @param forceUnlock            remove a lock left by another run (only when that run is known to be dead)
 * @param adminKubeconfig        the path of an admin kubeconfig on the first master, over the inventory's {@code adminKubeconfig}:
 *                               required on 4.4 and 4.5; on 4.6+ instead of the master's own {@code localhost-recovery.kubeconfig},
 *                               on 4.1–4.3 instead of the recovery API server's; null for the inventory's or the default
 * @param minimumValidity        a regenerated control-plane certificate must stay valid at least this long (default one day)
 * @param backupSpaceMargin      free space required on every host for backups beyond the size of what is backed up, in KiB
 * @param onlyNodes              the inventory nodes whose kubelets and CSRs this run handles (e.g. those a partial run left FAILED);
 *                               empty for every node. The first master still runs what needs a master ({@code oc}, the lock)
 * @param skipUnreachable        go on without the hosts the preflight cannot reach (reported SKIPPED, their CSRs never approved) as
 *                               long as a majority of the masters is reachable; false: an unreachable host stops the preflight
 */
public record RecoveryOptions(
        String owner,
        Duration apiserverTimeout,
        Duration nodesReadyTimeout,
        Duration progressInterval,
        Duration pollInterval,
        int masterParallelism,
        int workerParallelism,
        boolean allWorkers,
        boolean keepRecoveryApiserver,
        boolean forceUnlock,
        String adminKubeconfig,
        Duration minimumValidity,
        long backupSpaceMargin,
        List<String> onlyNodes,
        boolean skipUnreachable) {
    public RecoveryOptions {
        onlyNodes = List.copyOf(new LinkedHashSet<>(onlyNodes == null ? List.of() : onlyNodes));
        if (masterParallelism < 1 || workerParallelism < 1) {
            throw new IllegalArgumentException("masterParallelism and workerParallelism must be at least 1");
        }
        requirePositive("apiserverTimeout", apiserverTimeout);
        requirePositive("nodesReadyTimeout", nodesReadyTimeout);
        requirePositive("progressInterval", progressInterval);
        requirePositive("pollInterval", pollInterval);
        requirePositive("minimumValidity", minimumValidity);
        owner = owner == null || owner.isBlank() ? defaultOwner() : owner;
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }

    private static String defaultOwner() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name", "unknown") + "@" + host;
    }

    public static RecoveryOptions defaults() {
        return new RecoveryOptions(
                null,
                OptionCatalogue.APISERVER_TIMEOUT.defaultDuration(),
                OptionCatalogue.NODES_READY_TIMEOUT.defaultDuration(),
                Duration.ofSeconds(15),
                Duration.ofSeconds(1),
                OptionCatalogue.MASTER_PARALLELISM.defaultInt(),
                OptionCatalogue.WORKER_PARALLELISM.defaultInt(),
                OptionCatalogue.ALL_WORKERS.defaultFlag(),
                OptionCatalogue.KEEP_RECOVERY_APISERVER.defaultFlag(),
                OptionCatalogue.FORCE_UNLOCK.defaultFlag(),
                OptionCatalogue.ADMIN_KUBECONFIG.defaultString(),
                Duration.ofDays(1),
                10 * 1024,
                List.of(),
                OptionCatalogue.SKIP_UNREACHABLE.defaultFlag());
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some options: {@code RecoveryOptions.defaults().toBuilder().allWorkers(true).build()}. */
    public static final class Builder {
        private String owner;
        private Duration apiserverTimeout;
        private Duration nodesReadyTimeout;
        private Duration progressInterval;
        private Duration pollInterval;
        private int masterParallelism;
        private int workerParallelism;
        private boolean allWorkers;
        private boolean keepRecoveryApiserver;
        private boolean forceUnlock;
        private String adminKubeconfig;
        private Duration minimumValidity;
        private long backupSpaceMargin;
        private List<String> onlyNodes;
        private boolean skipUnreachable;

        private Builder(RecoveryOptions o) {
            owner = o.owner;
            apiserverTimeout = o.apiserverTimeout;
            nodesReadyTimeout = o.nodesReadyTimeout;
            progressInterval = o.progressInterval;
            pollInterval = o.pollInterval;
            masterParallelism = o.masterParallelism;
            workerParallelism = o.workerParallelism;
            allWorkers = o.allWorkers;
            keepRecoveryApiserver = o.keepRecoveryApiserver;
            forceUnlock = o.forceUnlock;
            adminKubeconfig = o.adminKubeconfig;
            minimumValidity = o.minimumValidity;
            backupSpaceMargin = o.backupSpaceMargin;
            onlyNodes = o.onlyNodes;
            skipUnreachable = o.skipUnreachable;
        }

        public Builder owner(String value) {
            owner = value;
            return this;
        }

        public Builder apiserverTimeout(Duration value) {
            apiserverTimeout = value;
            return this;
        }

        public Builder nodesReadyTimeout(Duration value) {
            nodesReadyTimeout = value;
            return this;
        }

        public Builder progressInterval(Duration value) {
            progressInterval = value;
            return this;
        }

        public Builder pollInterval(Duration value) {
            pollInterval = value;
            return this;
        }

        public Builder parallelism(int masters, int workers) {
            masterParallelism = masters;
            workerParallelism = workers;
            return this;
        }

        public Builder allWorkers(boolean value) {
            allWorkers = value;
            return this;
        }

        public Builder keepRecoveryApiserver(boolean value) {
            keepRecoveryApiserver = value;
            return this;
        }

        public Builder forceUnlock(boolean value) {
            forceUnlock = value;
            return this;
        }

        public Builder adminKubeconfig(String value) {
            adminKubeconfig = value;
            return this;
        }

        public Builder minimumValidity(Duration value) {
            minimumValidity = value;
            return this;
        }

        public Builder backupSpaceMargin(long kibibytes) {
            backupSpaceMargin = kibibytes;
            return this;
        }

        /** Only these nodes (empty: every node); names the inventory does not have are refused by {@link RecoveryContext}. */
        public Builder onlyNodes(List<String> names) {
            onlyNodes = names;
            return this;
        }

        public Builder skipUnreachable(boolean value) {
            skipUnreachable = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the option that is out of range */
        public RecoveryOptions build() {
            return new RecoveryOptions(
                    owner,
                    apiserverTimeout,
                    nodesReadyTimeout,
                    progressInterval,
                    pollInterval,
                    masterParallelism,
                    workerParallelism,
                    allWorkers,
                    keepRecoveryApiserver,
                    forceUnlock,
                    adminKubeconfig,
                    minimumValidity,
                    backupSpaceMargin,
                    onlyNodes,
                    skipUnreachable);
        }
    }
}
