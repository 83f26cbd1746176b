package io.jenkins.plugins.certrecovery.recovery;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.csr.ApprovalSelection;
import io.jenkins.plugins.certrecovery.csr.CertificateSigningRequest;
import io.jenkins.plugins.certrecovery.csr.CsrKind;
import io.jenkins.plugins.certrecovery.csr.CsrValidator;
import io.jenkins.plugins.certrecovery.csr.CsrVerdict;
import io.jenkins.plugins.certrecovery.csr.NodeStatus;
import io.jenkins.plugins.certrecovery.csr.OcJson;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Operation 5: node CSRs (documented step 9), with the admin kubeconfig (never the bootstrapper's). Three modes: list every pending
 * CSR with its verdict; approve the names asked for that are still pending AND valid (validated again on a fresh listing); or wait,
 * approving valid CSRs wave after wave (client requests first, then the serving requests that follow) until every inventory node is
 * Ready or {@link RecoveryOptions#nodesReadyTimeout()} passes, offering per node and kind only the newest valid CSR
 * ({@link SupersededCsrs}). Nothing is ever approved for being pending: an invalid CSR stays pending.
 */
public final class ApproveCsrs implements RecoveryOperation<CsrApprovalResult> {
    public static final String NAME = "approve-csrs";

    private enum Mode { LIST, APPROVE, WAIT }

    private final RecoveryContext context;
    private final Mode mode;
    private final List<String> names;
    private final CsrApprovalPolicy policy;
    private final OcJson parser = new OcJson();

    private ApproveCsrs(RecoveryContext context, Mode mode, Collection<String> names, CsrApprovalPolicy policy) {
        this.context = context;
        this.mode = mode;
        this.names = List.copyOf(new LinkedHashSet<>(names));
        this.policy = policy;
    }

    /** Lists every pending CSR with its verdict; approves nothing. */
    public static ApproveCsrs list(RecoveryContext context) {
        return new ApproveCsrs(context, Mode.LIST, List.of(), null);
    }

    /** Approves those of {@code names} that are still pending and valid; refuses the others with their reasons. */
    public static ApproveCsrs approve(RecoveryContext context, Collection<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("names: give at least one CSR name to approve (list them first)");
        }
        return new ApproveCsrs(context, Mode.APPROVE, names, null);
    }

    /** Approves valid CSRs wave by wave, as the policy chooses, until every inventory node is Ready. */
    public static ApproveCsrs untilNodesReady(RecoveryContext context, CsrApprovalPolicy policy) {
        return new ApproveCsrs(context, Mode.WAIT, List.of(), policy);
    }

    @Override
    public String name() {
        return NAME;
    }

    private static RemoteCommand listCsrs(Oc oc) {
        return oc.read("get", "csr", "-o", "json");
    }

    private static RemoteCommand approveCommand(Oc oc, List<String> csrNames) {
        List<String> args = new ArrayList<>(List.of("adm", "certificate", "approve"));
        args.addAll(csrNames);
        return oc.change(args.toArray(String[]::new));
    }

    @Override
    public OperationPlan plan() throws RecoveryException {
        Oc oc = Oc.admin(context);
        String host = oc.node().name();
        List<PlanStep> steps = new ArrayList<>();
        switch (mode) {
            case LIST -> {
                steps.add(PlanStep.run(host, oc.nodesCommand()));
                steps.add(PlanStep.run(host, listCsrs(oc)));
            }
            case APPROVE -> {
                steps.add(PlanStep.run(host, oc.nodesCommand()));
                steps.add(PlanStep.run(host, listCsrs(oc)));
                steps.add(PlanStep.run(host, approveCommand(oc, names)).onlyIf("each is still pending and valid"));
            }
            case WAIT -> {
                steps.add(PlanStep.poll(host, oc.nodesCommand()));
                steps.add(PlanStep.poll(host, listCsrs(oc)).onlyIf("an inventory node is not Ready"));
                steps.add(PlanStep.poll(host, listCsrs(oc)).onlyIf("valid CSRs are pending (listed again before approval)"));
                steps.add(PlanStep.poll(host, approveCommand(oc, List.of("<valid pending CSRs>")))
                        .onlyIf("valid CSRs are pending"));
            }
        }
        return new OperationPlan(NAME, steps);
    }

    @Override
    public CsrApprovalResult execute() throws RecoveryException, InterruptedException {
        Oc oc = Oc.admin(context);
        return switch (mode) {
            case LIST -> {
                List<CsrVerdict> verdicts = validator(oc).review(csrs(oc));
                verdicts.forEach(this::report);
                yield new CsrApprovalResult(verdicts, List.of(), List.of(), List.of());
            }
            case APPROVE -> approveAsked(oc);
            case WAIT -> waitUntilReady(oc);
        };
    }

    private CsrApprovalResult approveAsked(Oc oc) throws RecoveryException, InterruptedException {
        List<CertificateSigningRequest> fresh = csrs(oc);
        CsrValidator validator = validator(oc);
        List<CsrVerdict> verdicts = validator.review(fresh);
        verdicts.forEach(this::report);
        ApprovalSelection selection = validator.select(names, fresh);
        for (ApprovalSelection.Refusal refusal : selection.refused()) {
            context.warning("CSR " + refusal.name() + " NOT approved: " + String.join("; ", refusal.reasons()));
            context.audit().ifPresent(audit -> audit.csrRefused(refusal));
        }
        List<String> approved = approveNow(oc, selection.approve());
        return new CsrApprovalResult(verdicts, approved, selection.refused(), List.of());
    }

    private CsrApprovalResult waitUntilReady(Oc oc) throws RecoveryException, InterruptedException {
        Map<String, CsrVerdict> seen = new LinkedHashMap<>();
        List<String> approved = new ArrayList<>();
        List<ApprovalSelection.Refusal> refused = new ArrayList<>();
        List<String> notReady = new ArrayList<>();
        SupersededCsrs superseded = new SupersededCsrs();
        context.polling().await(oc.node(), NAME, "every inventory node to be Ready (approving valid CSRs)", context.options().nodesReadyTimeout(),
                () -> {
                    try {
                        return waveOfApprovals(oc, seen, approved, refused, notReady, superseded);
                    } catch (RecoveryException e) {
                        // the API can blip while the control plane redeploys: keep waiting, report it as the state
                        return e.detail();
                    }
                });
        context.listener().info("every inventory node is Ready; approved " + approved.size() + " CSRs, left "
                + seen.values().stream().filter(v -> !v.valid()).count() + " invalid ones pending");
        return new CsrApprovalResult(new ArrayList<>(seen.values()), approved, refused, notReady, superseded.lines());
    }

    /** One round of the wait: null when every node is Ready, else approves what the policy chooses and says what it waits for. */
    private String waveOfApprovals(Oc oc, Map<String, CsrVerdict> seen, List<String> approved, List<ApprovalSelection.Refusal> refused,
                       List<String> notReady, SupersededCsrs superseded) throws RecoveryException, InterruptedException {
        List<NodeStatus> nodes = nodes(oc);
        notReady.clear();
        notReady.addAll(notReady(nodes));
        if (notReady.isEmpty()) {
            return null;
        }
        CsrValidator validator = CsrValidator.forInventory(context.inventory(), nodes);
        List<CertificateSigningRequest> listed = csrs(oc);
        List<CsrVerdict> verdicts = validator.review(listed);
        for (CsrVerdict verdict : verdicts) {
            if (seen.putIfAbsent(verdict.name(), verdict) == null) {
                report(verdict);
            }
        }
        List<CsrVerdict> valid = new ArrayList<>();
        superseded.offer(verdicts.stream().filter(CsrVerdict::valid).toList(), listed, valid)
                .forEach(line -> context.listener().hostLine(oc.node().name(), "CSR " + line));
        if (!valid.isEmpty()) {
            List<String> chosen = policy.choose(valid);
            if (!chosen.isEmpty()) {
                ApprovalSelection selection = validator.select(chosen, csrs(oc));
                refused.addAll(selection.refused());
                selection.refused().forEach(r -> context.audit().ifPresent(audit -> audit.csrRefused(r)));
                approved.addAll(approveNow(oc, selection.approve()));
                superseded.approved(selection.approve(), listed);
            }
        }
        long invalid = verdicts.stream().filter(v -> !v.valid()).count();
        return "not Ready: " + String.join(", ", notReady) + "; pending CSRs: " + valid.size() + " valid, " + invalid
                + " refused; approved so far: " + approved.size();
    }

    /** Approves in one {@code oc adm certificate approve}, client requests first (the serving ones follow from them). */
    private List<String> approveNow(Oc oc, List<CsrVerdict> selected) throws RecoveryException, InterruptedException {
        if (selected.isEmpty()) {
            return List.of();
        }
        List<String> ordered = selected.stream()
                .sorted(Comparator.comparing((CsrVerdict v) -> v.kind() == CsrKind.NODE_CLIENT ? 0 : 1).thenComparing(CsrVerdict::name))
                .map(CsrVerdict::name).toList();
        context.executor().require(oc.node(), NAME, approveCommand(oc, ordered));
        ordered.forEach(name -> context.listener().hostLine(oc.node().name(), "approved CSR " + name));
        selected.forEach(verdict -> context.audit().ifPresent(audit -> audit.csrApproved(verdict)));
        return ordered;
    }

    private void report(CsrVerdict verdict) {
        context.audit().ifPresent(audit -> audit.csrVerdict(verdict));
        context.listener().hostLine(context.firstMaster().name(), "CSR " + verdict.name() + " " + verdict.kind() + " for "
                + (verdict.node() == null ? "no inventory node" : verdict.node()) + " by " + verdict.requestor() + ": "
                + (verdict.valid() ? "valid" : "REFUSED: " + String.join("; ", verdict.reasons())));
    }

    private List<String> notReady(List<NodeStatus> nodes) {
        Set<String> ready = new LinkedHashSet<>();
        nodes.stream().filter(NodeStatus::ready).forEach(n -> ready.add(n.name()));
        return context.inventory().nodes().stream().map(ClusterNode::name).filter(n -> !ready.contains(n)).toList();
    }

    private CsrValidator validator(Oc oc) throws RecoveryException, InterruptedException {
        return CsrValidator.forInventory(context.inventory(), nodes(oc));
    }

    private List<NodeStatus> nodes(Oc oc) throws RecoveryException, InterruptedException {
        return nodes(context, oc);
    }

    /** The nodes as {@code oc get nodes -o json} reports them. */
    static List<NodeStatus> nodes(RecoveryContext context, Oc oc) throws RecoveryException, InterruptedException {
        String json = context.executor().require(oc.node(), NAME, oc.nodesCommand()).stdout();
        try {
            return new OcJson().parseNodes(json);
        } catch (IllegalArgumentException e) {
            throw new RecoveryException(oc.node().name(), NAME, e.getMessage());
        }
    }

    private List<CertificateSigningRequest> csrs(Oc oc) throws RecoveryException, InterruptedException {
        String json = context.executor().require(oc.node(), NAME, listCsrs(oc)).stdout();
        try {
            return parser.parseCsrs(json);
        } catch (IllegalArgumentException e) {
            throw new RecoveryException(oc.node().name(), NAME, e.getMessage());
        }
    }
}
