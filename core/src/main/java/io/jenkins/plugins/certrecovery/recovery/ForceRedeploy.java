package io.jenkins.plugins.certrecovery.recovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Operation 3: forces a new rollout of the control plane (documented step 6) by setting {@code spec.forceRedeploymentReason} on
 * {@code kubeapiserver}, {@code kubecontrollermanager} and {@code kubescheduler} named {@code cluster}, then reads each back.
 * The patch is a JSON merge patch built with Jackson, so no value is ever spliced into JSON text.
 */
public final class ForceRedeploy implements RecoveryOperation<RedeployResult> {
    public static final String NAME = "force-redeploy";
    public static final List<String> OPERATORS = List.of("kubeapiserver", "kubecontrollermanager", "kubescheduler");
    /** As {@code date --rfc-3339=ns} prints it: {@code 2026-11-26 15:44:33.123456789+00:00} (a space, nine digits, {@code +hh:mm}). */
    static final DateTimeFormatter RFC_3339_NS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSSxxx").withZone(ZoneOffset.UTC);

    private final RecoveryContext context;
    private final String reason;
    private final boolean resuming;

    /**
     * @param reason the reason to set, e.g. one a failed run recorded (operators already carrying it are not patched again); null for
     *               a new {@code recovery-<run start>} (the run's start, so that plan and execute show the same patch)
     */
    public ForceRedeploy(RecoveryContext context, String reason) {
        this.context = context;
        this.resuming = reason != null;
        this.reason = reason != null ? reason : reasonAt(context.started());
    }

    public ForceRedeploy(RecoveryContext context) {
        this(context, null);
    }

    /** {@code recovery-} and the time as {@code date --rfc-3339=ns} prints it in UTC. */
    public static String reasonAt(Instant time) {
        return "recovery-" + RFC_3339_NS.format(time);
    }

    public String reason() {
        return reason;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean changesCluster() {
        return true;
    }

    @Override
    public OperationPlan plan() throws RecoveryException {
        List<PlanStep> steps = new ArrayList<>();
        Oc oc = Oc.admin(context);
        for (String operator : OPERATORS) {
            if (resuming) {
                steps.add(PlanStep.run(oc.node().name(), get(oc, operator)));
            }
            steps.add(PlanStep.run(oc.node().name(), patch(oc, operator))
                    .onlyIf(resuming ? operator + " has another reason" : null));
            steps.add(PlanStep.run(oc.node().name(), get(oc, operator))
                    .onlyIf(resuming ? operator + " has another reason" : null));
        }
        return new OperationPlan(NAME, steps);
    }

    @Override
    public RedeployResult execute() throws RecoveryException, InterruptedException {
        Oc oc = Oc.admin(context);
        List<String> patched = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (String operator : OPERATORS) {
            if (resuming && reason.equals(currentReason(oc, operator))) {
                context.listener()
                        .hostLine(oc.node().name(), operator + " already has forceRedeploymentReason " + reason);
                unchanged.add(operator);
                continue;
            }
            context.executor().require(oc.node(), NAME, patch(oc, operator));
            String readBack = currentReason(oc, operator);
            if (!reason.equals(readBack)) {
                throw new RecoveryException(
                        oc.node().name(),
                        NAME,
                        "patched " + operator + " but it reads back forceRedeploymentReason '" + readBack
                                + "' instead of '" + reason + "'");
            }
            context.listener().hostLine(oc.node().name(), operator + ": forceRedeploymentReason=" + reason);
            patched.add(operator);
        }
        return new RedeployResult(reason, patched, unchanged);
    }

    private String currentReason(Oc oc, String operator) throws RecoveryException, InterruptedException {
        return oc.json(NAME, get(oc, operator))
                .path("spec")
                .path("forceRedeploymentReason")
                .asText("");
    }

    private static RemoteCommand get(Oc oc, String operator) {
        return oc.read("get", operator, "cluster", "-o", "json");
    }

    private RemoteCommand patch(Oc oc, String operator) {
        return oc.change("patch", operator, "cluster", "-p", mergePatch(reason), "--type=merge");
    }

    /** {@code {"spec":{"forceRedeploymentReason":REASON}}}, serialised by Jackson. */
    static String mergePatch(String reason) {
        ObjectNode patch = Oc.JSON.createObjectNode();
        patch.putObject("spec").put("forceRedeploymentReason", reason);
        try {
            return Oc.JSON.writeValueAsString(patch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a two-field JSON object cannot fail to serialise", e);
        }
    }
}
