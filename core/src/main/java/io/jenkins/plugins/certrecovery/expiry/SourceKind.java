package io.jenkins.plugins.certrecovery.expiry;

/** Where a row's certificate was found. */
public enum SourceKind {
    /** A PEM file on the host. */
    FILE,
    /** A certificate field of a kubeconfig on the host, embedded or naming a file. */
    KUBECONFIG,
    /** The chain a TLS endpoint presented to the runner. */
    ENDPOINT,
    /** The host as a whole (it could not be reached or the scan failed). */
    HOST
}
