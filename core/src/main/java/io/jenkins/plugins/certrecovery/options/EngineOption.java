package io.jenkins.plugins.certrecovery.options;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One option of the catalogue ({@link OptionCatalogue}): its name, unit, default and help, the operations that take it and the front
 * ends that offer it. The front ends spell the name by one rule: the CLI in kebab case ({@code apiserverTimeout} is
 * {@code --apiserver-timeout}; a flag on by default also as {@code --no-…}), a pipeline in camel case with a duration's unit
 * appended ({@code apiserverTimeoutMinutes}).
 *
 * @param name          the name in camel case, without unit
 * @param unit          what the value is
 * @param defaultValue  the default ({@link Duration}, {@link Integer}, {@link Boolean}, {@link String}); null or an empty list for none
 * @param cliDefault    the CLI's default where it differs from {@code defaultValue} for the reason in {@code note}; else {@code defaultValue}
 * @param frontEnds     the front ends that offer it
 * @param note          why one front end lacks it or has another default; null when both offer it alike
 * @param operations    the operations that take it
 * @param help          what it does, for every front end's help: no front end's syntax in it
 */
public record EngineOption(
        String name,
        Unit unit,
        Object defaultValue,
        Object cliDefault,
        Set<FrontEnd> frontEnds,
        String note,
        Set<Operation> operations,
        String help) {
    public EngineOption {
        frontEnds = Set.copyOf(frontEnds);
        operations = Set.copyOf(operations);
    }

    /**
     * The name on the command line: {@code --} and the name in kebab case; a flag that is on by default is declared by the form
     * that turns it off ({@code --no-check-endpoints}), and offers both ({@code --[no-]check-endpoints}).
     */
    public String cliName() {
        String kebab = name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
        return Boolean.TRUE.equals(cliDefault) ? "--no-" + kebab : "--" + kebab;
    }

    /** The argument's name in a pipeline: the name, with a duration's unit appended. */
    public String pipelineName() {
        return name + unit.pipelineSuffix();
    }

    public boolean offeredBy(FrontEnd frontEnd) {
        return frontEnds.contains(frontEnd);
    }

    public boolean appliesTo(Operation operation) {
        return operations.contains(operation);
    }

    public Duration defaultDuration() {
        return (Duration) defaultValue;
    }

    public int defaultInt() {
        return (Integer) defaultValue;
    }

    public boolean defaultFlag() {
        return (Boolean) defaultValue;
    }

    public String defaultString() {
        return (String) defaultValue;
    }

    /**
     * The default as a pipeline step's getter returns it: a duration as a whole number of the unit in the name; null for none.
     */
    public Object pipelineDefault() {
        if (defaultValue instanceof Duration duration) {
            return (int) (unit == Unit.MINUTES ? duration.toMinutes() : duration.toSeconds());
        }
        return isNone(defaultValue) ? null : defaultValue;
    }

    /** The CLI's default as typed on the command line ({@code 10m}, {@code 30}, {@code true}); null for none. */
    public String cliDefaultText() {
        return text(cliDefault);
    }

    /** The default as the docs and the help show it ({@code 10m}); null for none. */
    public String defaultText() {
        return text(defaultValue);
    }

    private static String text(Object value) {
        if (isNone(value)) {
            return null;
        }
        if (value instanceof Duration duration) {
            long seconds = duration.toSeconds();
            return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
        }
        return value.toString();
    }

    private static boolean isNone(Object value) {
        return value == null || value instanceof List<?> list && list.isEmpty();
    }

    /** Starts an option both front ends offer with the same default; the builder's {@link Builder#define()} adds it to the catalogue. */
    static Builder option(String name, Unit unit, Object defaultValue, Set<Operation> operations, String help) {
        return new Builder(name, unit, defaultValue, operations, help);
    }

    static final class Builder {
        private final String name;
        private final Unit unit;
        private final Object defaultValue;
        private final Set<Operation> operations;
        private final String help;
        private Object cliDefault;
        private Set<FrontEnd> frontEnds = EnumSet.allOf(FrontEnd.class);
        private String note;

        private Builder(String name, Unit unit, Object defaultValue, Set<Operation> operations, String help) {
            this.name = name;
            this.unit = unit;
            this.defaultValue = defaultValue;
            this.cliDefault = defaultValue;
            this.operations = operations;
            this.help = help;
        }

        /** Only one front end offers it, for the reason given (shown in the docs). */
        Builder only(FrontEnd frontEnd, String why) {
            frontEnds = EnumSet.of(frontEnd);
            note = why;
            return this;
        }

        /** The CLI's default differs, for the reason given (shown in the docs). */
        Builder cliDefault(Object value, String why) {
            cliDefault = value;
            note = why;
            return this;
        }

        EngineOption define() {
            return OptionCatalogue.add(
                    new EngineOption(name, unit, defaultValue, cliDefault, frontEnds, note, operations, help));
        }
    }
}
