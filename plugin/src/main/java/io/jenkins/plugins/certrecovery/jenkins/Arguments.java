package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.certrecovery.options.EngineOption;
import java.util.List;
import java.util.Locale;

/** Checks of step arguments; every failure names the argument and says what is accepted. */
final class Arguments {
    private Arguments() {}

    /**
     * An optional argument's value: what the pipeline gave, or the default when it gave nothing or null (optional arguments are
     * wrapper types because structs refuses a null for a primitive setter).
     */
    static <T> T orDefault(T given, T defaultValue) {
        return given == null ? defaultValue : given;
    }

    /** An optional argument's value, or the catalogue's default of its option as a pipeline gives it (a duration in its unit). */
    @SuppressWarnings("unchecked") // the catalogue's default has the type of the option's argument
    static <T> T orCatalogueDefault(T given, EngineOption option) {
        return given == null ? (T) option.pipelineDefault() : given;
    }

    /** One of the allowed words (case-insensitive), returned in lower case. */
    static String oneOf(String argument, String value, List<String> allowed) throws AbortException {
        String word = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(word)) {
            throw new AbortException(argument + ": '" + value + "' is not one of " + quoted(allowed));
        }
        return word;
    }

    static int positive(String argument, int value, String unit) throws AbortException {
        if (value <= 0) {
            throw new AbortException(argument + ": " + value + " must be a positive number of " + unit);
        }
        return value;
    }

    static String quoted(List<String> words) {
        return "'" + String.join("', '", words) + "'";
    }
}
