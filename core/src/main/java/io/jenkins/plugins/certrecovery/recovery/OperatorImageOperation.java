package io.jenkins.plugins.certrecovery.recovery;

/**
 * An operation that runs the cluster-kube-apiserver-operator image on the first master (4.1–4.3 only). The image is resolved from the
 * cluster's release and pulled, unless the caller already did that in this run and passes it in.
 */
abstract class OperatorImageOperation<R> implements RecoveryOperation<R> {
    protected final RecoveryContext context;
    /** The operator image when already resolved and pulled in this run, or null. */
    protected final String knownImage;

    private final String name;

    OperatorImageOperation(RecoveryContext context, String knownImage, String name) {
        this.context = context;
        this.knownImage = knownImage;
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    /**
     * Refuses a version without the recovery API server, at the start of {@code plan()} and {@code execute()}: a
     * {@link ClusterSession} answers those versions before, so only a caller that bypasses it gets here.
     */
    protected final void requireRecoveryApiserver() {
        if (!context.inventory().ocpVersion().hasRecoveryApiserver()) {
            throw new IllegalStateException(name + " exists only on OpenShift 4.1 to 4.3; OpenShift "
                    + context.inventory().ocpVersion()
                    + " regenerates its certificates itself (KAO PR #946 removed the recovery "
                    + "API server): recover kubelets and approve CSRs instead");
        }
    }

    /** Every operation through the operator image changes the control plane (destroy included). */
    @Override
    public boolean changesCluster() {
        return true;
    }
}
