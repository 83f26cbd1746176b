package io.jenkins.plugins.certrecovery.recovery;

/**
 * What {@link RecoverKubelets} did on one host.
 *
 * @param host    inventory name
 * @param master  true for a master
 * @param action  what happened
 * @param backup  where the old {@code pki/} and kubelet kubeconfig were moved, or null when nothing was moved
 * @param detail  why (e.g. {@code NotReady, client certificate expired 2026-10-01T00:00:00Z}) or the error
 */
public record KubeletHostResult(String host, boolean master, Action action, String backup, String detail) {
    public enum Action {
        /** kubelet stopped, old credentials moved to the backup, kubelet started. */
        RESTARTED,
        /** Ready with a valid client certificate: left alone. */
        HEALTHY,
        /** restarted by an earlier, interrupted run of the same recovery: not restarted again. */
        ALREADY_RESTARTED,
        /** the node's recovery failed (the detail says why and where the restart's log is); the host was put back as it was where
         *  possible; the run went on with the other nodes. */
        FAILED,
        /** unreachable at the preflight and left out of the run (asked for with skipUnreachable): not recovered. */
        SKIPPED
    }
}
