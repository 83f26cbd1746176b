package io.jenkins.plugins.certrecovery.recovery;

import java.time.Duration;

/**
 * One operation of a whole recovery in the summary.
 *
 * @param operation the operation's name
 * @param status    what happened to it
 * @param detail    one line: what it did or why it was skipped
 * @param took      its wall time
 */
public record OperationOutcome(String operation, Status status, String detail, Duration took) {
    public enum Status {
        /** Ran and succeeded. */
        DONE,
        /** Not needed in this cluster's state. */
        SKIPPED,
        /** Finished by the interrupted run this one resumed. */
        ALREADY_DONE
    }

    /** One line saying what an operation's result means. */
    static String describe(Object result) {
        if (result instanceof RecoveryApiserver api) {
            return (api.reused() ? "reused the running one; " : "") + "KUBECONFIG=" + api.kubeconfig();
        } else if (result instanceof RegenerationResult r) {
            return r.regenerated()
                    ? r.certificates().size() + " certificates regenerated"
                    : "every certificate already valid";
        } else if (result instanceof RedeployResult r) {
            return "forceRedeploymentReason " + r.reason() + " on " + String.join(", ", r.patched());
        } else if (result instanceof KubeletRecoveryResult r) {
            return "restarted: " + (r.restarted().isEmpty() ? "none" : String.join(", ", r.restarted()));
        } else if (result instanceof CsrApprovalResult r) {
            return "approved " + r.approved().size() + ", refused "
                    + r.invalid().size() + " invalid";
        } else if (result instanceof PreflightReport r) {
            return r.findings().size() + " checks passed";
        } else if (result instanceof Boolean removed) {
            return removed ? "removed" : "nothing was there";
        }
        return String.valueOf(result);
    }
}
