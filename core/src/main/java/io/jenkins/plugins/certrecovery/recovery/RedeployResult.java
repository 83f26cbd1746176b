package io.jenkins.plugins.certrecovery.recovery;

import java.util.List;

/**
 * What {@link ForceRedeploy} did.
 *
 * @param reason   the {@code forceRedeploymentReason} now set on every operator
 * @param patched  the operators patched by this run
 * @param unchanged the operators that already had this reason (a resumed run)
 */
public record RedeployResult(String reason, List<String> patched, List<String> unchanged) {
    public RedeployResult {
        patched = List.copyOf(patched);
        unchanged = List.copyOf(unchanged);
    }
}
