package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Operation 2: {@code regenerate-certificates} with the operator image (documented step 5), needing the recovery API server up. It reads
 * the control-plane certificates before and after and fails when one still expires within {@link RecoveryOptions#minimumValidity()}.
 * When every one is already valid that long (a resumed run after a successful regeneration), it runs nothing.
 */
public final class RegenerateCertificates extends OperatorImageOperation<RegenerationResult> {
    public static final String NAME = "regenerate-certificates";

    /** @param knownImage the operator image when already resolved and pulled in this run, or null to resolve it */
    public RegenerateCertificates(RecoveryContext context, String knownImage) {
        super(context, knownImage, NAME);
    }

    public RegenerateCertificates(RecoveryContext context) {
        this(context, null);
    }

    @Override
    public OperationPlan plan() {
        requireRecoveryApiserver();
        ClusterNode node = context.firstMaster();
        KubeApiserverOperator operator = new KubeApiserverOperator(context);
        ControlPlaneCertificates certificates = new ControlPlaneCertificates(context);
        String needed = "a certificate regenerate-certificates writes expires within "
                + Durations.human(context.options().minimumValidity());
        List<PlanStep> steps = new ArrayList<>();
        steps.add(PlanStep.run(node.name(), certificates.readScript()));
        operator.imagePlan(knownImage).forEach(s -> steps.add(s.onlyIf(needed)));
        steps.add(PlanStep.run(
                        node.name(), regenerateCommand(operator, KubeApiserverOperator.imageOrPlaceholder(knownImage)))
                .onlyIf(needed));
        steps.add(PlanStep.run(node.name(), certificates.readScript()).onlyIf(needed));
        return new OperationPlan(NAME, steps);
    }

    /** The operator's {@code regenerate-certificates}: what the plan shows and execute runs. */
    private static RemoteCommand regenerateCommand(KubeApiserverOperator operator, String image) {
        return operator.run(image, "regenerate-certificates");
    }

    @Override
    public RegenerationResult execute() throws RecoveryException, InterruptedException {
        requireRecoveryApiserver();
        ClusterNode node = context.firstMaster();
        ControlPlaneCertificates certificates = new ControlPlaneCertificates(context);
        Instant validUntil = context.clock().instant().plus(context.options().minimumValidity());
        Map<String, X509Certificate> before = certificates.read(NAME);
        if (ControlPlaneCertificates.stale(before, validUntil).isEmpty()) {
            context.listener()
                    .hostLine(
                            node.name(),
                            "every certificate regenerate-certificates writes is valid beyond " + validUntil
                                    + ": nothing to regenerate");
            return new RegenerationResult(false, table(before, before));
        }
        KubeApiserverOperator operator = new KubeApiserverOperator(context);
        context.executor().require(node, NAME, regenerateCommand(operator, operator.image(NAME, knownImage)));
        Map<String, X509Certificate> after = certificates.read(NAME);
        List<CertificateExpiry> table = table(before, after);
        table.forEach(row -> context.listener()
                .hostLine(node.name(), String.format("%-100s %s -> %s", row.path(), row.before(), row.after())));
        Map<String, String> stale = ControlPlaneCertificates.stale(after, validUntil);
        if (!stale.isEmpty()) {
            throw new RecoveryException(
                    node.name(),
                    NAME,
                    "after regeneration these secrets under "
                            + context.layout(node).staticPodResourcesDir() + " still expire within "
                            + Durations.human(context.options().minimumValidity()) + ": " + stale
                            + "; check the operator output above and the cluster's clock");
        }
        return new RegenerationResult(true, table);
    }

    private static List<CertificateExpiry> table(
            Map<String, X509Certificate> before, Map<String, X509Certificate> after) {
        Set<String> paths = new LinkedHashSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<CertificateExpiry> rows = new ArrayList<>();
        for (String path : paths) {
            X509Certificate old = before.get(path);
            X509Certificate fresh = after.get(path);
            X509Certificate named = fresh != null ? fresh : old;
            rows.add(new CertificateExpiry(
                    path,
                    named.getSubjectX500Principal().getName(),
                    old == null ? null : old.getNotAfter().toInstant(),
                    fresh == null ? null : fresh.getNotAfter().toInstant()));
        }
        return rows;
    }
}
