package io.jenkins.plugins.certrecovery.options;

/** Where a user gives an option: on the command line or as a pipeline step's argument. */
public enum FrontEnd {
    /** {@code ocp-cert-recovery}: options in kebab case with two dashes ({@code --apiserver-timeout 10m}). */
    CLI,
    /** The pipeline steps: arguments in camel case, durations as whole numbers with the unit in the name ({@code apiserverTimeoutMinutes: 10}). */
    JENKINS
}
