package io.jenkins.plugins.certrecovery.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

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

    /** Parses the lower-case spelling and names the choices when the value is none of them. */
    static final class Converter implements ITypeConverter<ApprovalChoice> {
        @Override
        public ApprovalChoice convert(String value) {
            return Arrays.stream(values())
                    .filter(choice -> choice.toString().equals(value))
                    .findFirst()
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not an approval mode; use "
                            + Arrays.stream(values())
                                    .map(ApprovalChoice::toString)
                                    .collect(Collectors.joining(" or "))));
        }
    }
}
