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
 * approving valid CSRs wave after wave (client requests first, then the serving requests that follow) until every node waited for is
 * Ready or {@link RecoveryOptions#nodesReadyTimeout()} passes, offering per node and kind only the newest valid CSR
 * ({@link SupersededCsrs}). Nothing is ever approved for being pending: an invalid CSR stays pending.
 * The wait is for the nodes in scope ({@link RecoveryContext#nodesInScope()}) except those left out (a node whose kubelet recovery
 * failed cannot become Ready by itself); only their CSRs are approved. Each wave lists the nodes and the CSRs once for the whole
 * cluster and approves in one command (split only when the command line would be too long).
 *
 * <p>Longer than 300 lines on purpose: the wave loop, its progress lines and the one approval command per wave share the
 * wave's state (what was listed, approved, refused, superseded); split, that state would travel between classes.
 */
public final class ApproveCsrs implements RecoveryOperation<CsrApprovalResult> {
    public static final String NAME = "approve-csrs";

    private enum Mode {
        LIST,
        APPROVE,
        WAIT
    }

    private final RecoveryContext context;
    private final Mode mode;
    private final List<String> names;
    private final CsrApprovalPolicy policy;
    private final Set<String> leftOut;
    private final OcJson parser = new OcJson();

    private ApproveCsrs(
            RecoveryContext context,
            Mode mode,
            Collection<String> names,
            CsrApprovalPolicy policy,
            Collection<String> leftOut) {
        this.context = context;
        this.mode = mode;
        this.names = List.copyOf(new LinkedHashSet<>(names));
        this.policy = policy;
        this.leftOut = Set.copyOf(leftOut);
    }

    /** Lists every pending CSR with its verdict; approves nothing. */
    public static ApproveCsrs list(RecoveryContext context) {
        return new ApproveCsrs(context, Mode.LIST, List.of(), null, List.of());
    }

    /** Approves those of {@code names} that are still pending and valid; refuses the others with their reasons. */
    public static ApproveCsrs approve(RecoveryContext context, Collection<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("names: give at least one CSR name to approve (list them first)");
        }
        return new ApproveCsrs(context, Mode.APPROVE, names, null, List.of());
    }

    /** Approves valid CSRs wave by wave, as the policy chooses, until every node in scope is Ready. */
    public static ApproveCsrs untilNodesReady(RecoveryContext context, CsrApprovalPolicy policy) {
        return untilNodesReady(context, policy, List.of());
    }

    /**
     * As {@link #untilNodesReady(RecoveryContext, CsrApprovalPolicy)}, without waiting for the nodes left out (whose kubelet recovery
     * failed) and without approving their CSRs.
     */
    public static ApproveCsrs untilNodesReady(
            RecoveryContext context, CsrApprovalPolicy policy, Collection<String> leftOut) {
        return new ApproveCsrs(context, Mode.WAIT, List.of(), policy, leftOut);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Listing only reads; approving changes the cluster. */
    @Override
    public boolean changesCluster() {
        return mode != Mode.LIST;
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
                steps.add(PlanStep.poll(host, listCsrs(oc))
                        .onlyIf("valid CSRs were chosen at a prompt (listed again before approval)"));
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
        List<String> waitedFor = context.nodesInScope().stream()
                .map(ClusterNode::name)
                .filter(n -> !leftOut.contains(n))
                .toList();
        if (waitedFor.isEmpty()) {
            context.listener().info("no node to wait for: approving nothing");
            return new CsrApprovalResult(List.of(), List.of(), List.of(), List.of());
        }
        SupersededCsrs superseded = new SupersededCsrs();
        context.polling()
                .await(
                        oc.node(),
                        NAME,
                        waitedFor.size() + " nodes to be Ready (approving their valid CSRs)",
                        context.options().nodesReadyTimeout(),
                        () -> {
                            try {
                                return waveOfApprovals(oc, waitedFor, seen, approved, refused, notReady, superseded);
                            } catch (RecoveryException e) {
                                // the API can blip while the control plane redeploys: keep waiting, report it as the
                                // state
                                return e.detail();
                            }
                        });
        context.listener()
                .info("every node waited for is Ready (" + waitedFor.size() + "); approved " + approved.size()
                        + " CSRs, left "
                        + seen.values().stream().filter(v -> !v.valid()).count() + " invalid ones pending");
        return new CsrApprovalResult(new ArrayList<>(seen.values()), approved, refused, notReady, superseded.lines());
    }

    /**
     * One round of the wait: null when every node waited for is Ready, else approves what the policy chooses among the valid CSRs
     * of those nodes and says what it waits for.
     */
    private String waveOfApprovals(
            Oc oc,
            List<String> waitedFor,
            Map<String, CsrVerdict> seen,
            List<String> approved,
            List<ApprovalSelection.Refusal> refused,
            List<String> notReady,
            SupersededCsrs superseded)
            throws RecoveryException, InterruptedException {
        List<NodeStatus> nodes = nodes(oc);
        notReady.clear();
        notReady.addAll(notReady(nodes, waitedFor));
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
        superseded
                .offer(
                        verdicts.stream()
                                .filter(CsrVerdict::valid)
                                .filter(v -> waitedFor.contains(v.node()))
                                .toList(),
                        listed,
                        valid)
                .forEach(line -> context.listener().hostLine(oc.node().name(), "CSR " + line));
        if (!valid.isEmpty()) {
            List<String> chosen = policy.choose(valid);
            if (!chosen.isEmpty()) {
                // a person answering prompts takes time: then the CSRs are listed again and validated once more before
                // approval;
                // chosen by rule, the approval follows the listing at once
                List<CertificateSigningRequest> current = policy == CsrApprovalPolicy.ALL_VALID ? listed : csrs(oc);
                ApprovalSelection selection = validator.select(chosen, current);
                refused.addAll(selection.refused());
                selection.refused().forEach(r -> context.audit().ifPresent(audit -> audit.csrRefused(r)));
                approved.addAll(approveNow(oc, selection.approve()));
                superseded.approved(selection.approve(), listed);
            }
        }
        long invalid = verdicts.stream().filter(v -> !v.valid()).count();
        return "not Ready: "
                + (notReady.size() > NAMES_IN_PROGRESS
                        ? notReady.size() + " of " + waitedFor.size() + " nodes"
                        : String.join(", ", notReady))
                + "; pending CSRs: " + valid.size() + " valid, " + invalid + " refused; approved so far: "
                + approved.size();
    }

    /** Above this many nodes the progress line counts them instead of naming them. */
    private static final int NAMES_IN_PROGRESS = 10;

    /** The longest {@code oc adm certificate approve} command line, in characters: far below Linux's 128 KiB per argument list. */
    static final int APPROVE_COMMAND_LIMIT = 32 * 1024;

    /** The names in batches whose approve command stays within {@link #APPROVE_COMMAND_LIMIT}, in order. */
    static List<List<String>> approvalBatches(List<String> names) {
        List<List<String>> batches = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        int length = 0;
        for (String name : names) {
            if (!batch.isEmpty() && length + name.length() + 3 > APPROVE_COMMAND_LIMIT) {
                batches.add(batch);
                batch = new ArrayList<>();
                length = 0;
            }
            batch.add(name);
            length += name.length() + 3;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /**
     * Approves in one {@code oc adm certificate approve} (more only when the command line would be too long), client requests first
     * (the serving ones follow from them).
     */
    private List<String> approveNow(Oc oc, List<CsrVerdict> selected) throws RecoveryException, InterruptedException {
        if (selected.isEmpty()) {
            return List.of();
        }
        List<String> ordered = selected.stream()
                .sorted(Comparator.comparing((CsrVerdict v) -> v.kind() == CsrKind.NODE_CLIENT ? 0 : 1)
                        .thenComparing(CsrVerdict::name))
                .map(CsrVerdict::name)
                .toList();
        for (List<String> batch : approvalBatches(ordered)) {
            context.executor().require(oc.node(), NAME, approveCommand(oc, batch));
        }
        ordered.forEach(name -> context.listener().hostLine(oc.node().name(), "approved CSR " + name));
        selected.forEach(verdict -> context.audit().ifPresent(audit -> audit.csrApproved(verdict)));
        return ordered;
    }

    private void report(CsrVerdict verdict) {
        context.audit().ifPresent(audit -> audit.csrVerdict(verdict));
        context.listener()
                .hostLine(
                        context.firstMaster().name(),
                        "CSR " + verdict.name() + " " + verdict.kind() + " for "
                                + (verdict.node() == null ? "no inventory node" : verdict.node()) + " by "
                                + verdict.requestor() + ": "
                                + (verdict.valid() ? "valid" : "REFUSED: " + String.join("; ", verdict.reasons())));
    }

    private static List<String> notReady(List<NodeStatus> nodes, List<String> waitedFor) {
        Set<String> ready = new LinkedHashSet<>();
        nodes.stream().filter(NodeStatus::ready).forEach(n -> ready.add(n.name()));
        return waitedFor.stream().filter(n -> !ready.contains(n)).toList();
    }

    private CsrValidator validator(Oc oc) throws RecoveryException, InterruptedException {
        return CsrValidator.forInventory(context.inventory(), nodes(oc));
    }

    private List<NodeStatus> nodes(Oc oc) throws RecoveryException, InterruptedException {
        return nodes(context, oc);
    }

    /** The nodes as {@code oc get nodes -o json} reports them. */
    static List<NodeStatus> nodes(RecoveryContext context, Oc oc) throws RecoveryException, InterruptedException {
        String json =
                context.executor().require(oc.node(), NAME, oc.nodesCommand()).stdout();
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
