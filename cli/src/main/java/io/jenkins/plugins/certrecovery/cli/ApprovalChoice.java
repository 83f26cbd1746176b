package io.jenkins.plugins.certrecovery.cli;

import java.util.Locale;

/** How {@code recover --approve} approves the valid pending node CSRs; invalid ones are never approved. */
enum ApprovalChoice {
    /** List each pending CSR with its verdict and ask y/N for each valid one. */
    PROMPT,
    /** Approve exactly the valid ones without asking. */
    VALIDATED;

    /** As typed on the command line and shown in the help. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
