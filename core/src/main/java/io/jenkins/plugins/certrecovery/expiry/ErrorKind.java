package io.jenkins.plugins.certrecovery.expiry;

/** Why a row is an error instead of a certificate. */
public enum ErrorKind {
    /** SSH to the host failed, or the scan command did not complete. */
    UNREACHABLE,
    /** The file or directory exists but the login user (or sudo) may not read it. */
    PERMISSION_DENIED,
    /** The path is expected on this host (or named by the user or a kubeconfig) and is not there. */
    MISSING,
    /** The file was read but holds no certificate, or a certificate that does not decode. */
    UNPARSEABLE,
    /** The TLS endpoint did not accept a connection or did not complete a handshake. */
    ENDPOINT_UNREACHABLE,
    /** The scan ran but reported something it could not do (exit status, stderr). */
    SCAN_FAILED,
    /** The cluster's inventory was refused, so none of its hosts was checked (a fleet check goes on with the other clusters). */
    INVALID_INVENTORY
}
