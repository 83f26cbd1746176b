package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.csr.CsrVerdict;
import io.jenkins.plugins.certrecovery.recovery.CsrApprovalPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code --approve prompt}: asks y/N for each valid pending CSR, once: a CSR declined is not asked about again in later waves.
 * The engine only offers valid CSRs, so an invalid one can never be approved here.
 */
final class PromptApprovalPolicy implements CsrApprovalPolicy {
    private final YesNoPrompt prompt;
    private final Set<String> declined = new HashSet<>();

    PromptApprovalPolicy(YesNoPrompt prompt) {
        this.prompt = prompt;
    }

    @Override
    public List<String> choose(List<CsrVerdict> validPending) {
        List<String> chosen = new ArrayList<>();
        for (CsrVerdict csr : validPending) {
            if (declined.contains(csr.name())) {
                continue;
            }
            if (prompt.ask("Approve CSR " + csr.name() + " ("
                    + csr.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " certificate for " + csr.node()
                    + ", requested by " + csr.requestor() + ")?")) {
                chosen.add(csr.name());
            } else {
                declined.add(csr.name());
            }
        }
        return chosen;
    }
}
