package io.jenkins.plugins.certrecovery.options;

/**
 * What an option's value is. A duration is typed with its unit on the command line ({@code 90s}, {@code 10m}, {@code 1h}) and as a
 * whole number in a pipeline, whose argument names the unit ({@code Minutes}, {@code Seconds}).
 */
public enum Unit {
    /** A duration given in minutes in a pipeline. */
    MINUTES("Minutes"),
    /** A duration given in seconds in a pipeline. */
    SECONDS("Seconds"),
    DAYS(""),
    HOSTS(""),
    CLUSTERS(""),
    /** On or off. */
    FLAG(""),
    /** One of a few words. */
    WORD(""),
    PATH(""),
    /** Several paths. */
    PATHS(""),
    /** Inventory node names. */
    NODES(""),
    URL("");

    private final String pipelineSuffix;

    Unit(String pipelineSuffix) {
        this.pipelineSuffix = pipelineSuffix;
    }

    /** Appended to the option's name in a pipeline: a pipeline gives a duration as a number, so its name says the unit. */
    String pipelineSuffix() {
        return pipelineSuffix;
    }

    public boolean isDuration() {
        return this == MINUTES || this == SECONDS;
    }
}
