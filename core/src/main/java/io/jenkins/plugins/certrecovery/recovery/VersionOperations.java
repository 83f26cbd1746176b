package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import java.util.Optional;

/**
 * Which operations exist for a cluster's version, so that one pipeline serves every version: a {@link ClusterSession} asks before
 * planning or running an operation and answers one that does not exist with the reason, running nothing. The recovery API server and {@code regenerate-certificates} are gone from the
 * operator image from 4.4 on (KAS-op release-4.4/4.5 still have them, 4.6+ not; the procedure stopped using them with 4.4.8, facts
 * 1.2, 1.3), and the forced redeployment only rolls out what they regenerated; on 4.6+ the documented procedure is approving the node
 * CSRs (facts 1.1).
 */
public final class VersionOperations {
    private VersionOperations() {}

    /** 4.6+: {@code recover} waits for the API and approves the node CSRs, and changes no file on any host. */
    public static boolean recoversByApprovingCsrs(OcpVersion version) {
        return version.hasNodeKubeconfigs();
    }

    /**
     * Why an operation does not exist for this version, or empty when it does.
     *
     * @param operation an operation's name: {@link RecoveryApiserverCreate#NAME}, {@link RecoveryApiserverDestroy#NAME},
     *                  {@link RegenerateCertificates#NAME}, {@link ForceRedeploy#NAME}, {@link RecoverKubelets#NAME},
     *                  {@link ApproveCsrs#NAME}, {@link RecoveryProcedure#NAME}, {@link Preflight#NAME}, {@link AwaitApi#NAME}
     * @throws IllegalArgumentException for a name that is none of these
     */
    public static Optional<String> unavailable(String operation, OcpVersion version) {
        return switch (operation) {
            case RecoveryApiserverCreate.NAME,
                    RecoveryApiserverDestroy.NAME,
                    RegenerateCertificates.NAME,
                    ForceRedeploy.NAME ->
                version.hasRecoveryApiserver()
                        ? Optional.empty()
                        : Optional.of(
                                operation + " is part of the recovery of OpenShift "
                                        + "4.1–4.3 only: OpenShift " + version
                                        + " regenerates its expired control-plane certificates itself "
                                        + "(its operator image has no recovery-apiserver or regenerate-certificates), so there is nothing to do");
            case AwaitApi.NAME ->
                recoversByApprovingCsrs(version)
                        ? Optional.empty()
                        : Optional.of(operation + " is part of the " + "recovery of OpenShift 4.6 and later only");
            case RecoverKubelets.NAME, ApproveCsrs.NAME, RecoveryProcedure.NAME, Preflight.NAME -> Optional.empty();
            default -> throw new IllegalArgumentException("unknown operation '" + operation + "'");
        };
    }
}
