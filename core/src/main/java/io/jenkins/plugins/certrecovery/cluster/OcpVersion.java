package io.jenkins.plugins.certrecovery.cluster;

import java.util.Optional;

/**
 * The OpenShift minor version of a cluster: it decides the procedure (a recovery API server up to 4.3, kubelet and CSR recovery
 * from 4.4 on) and the host layout.
 */
public record OcpVersion(int major, int minor) implements Comparable<OcpVersion> {
    public static final String SUPPORTED = "4.1, 4.2, 4.3, or 4.4 and later (4.x)";
    /**
     * The newest release whose sources this tool's rules were read from (openshift-4x-facts.md covers 4.6 to 4.18). A later 4.x
     * gets the behaviour of this one: every rule is "from 4.N on".
     */
    public static final OcpVersion NEWEST_VERIFIED = new OcpVersion(4, 18);

    /** Parses "4.3" or "4.3.0"; anything but 4.1 or later 4.x is refused with the list of supported versions. */
    public static OcpVersion parse(String text) {
        String value = text == null ? "" : text.strip();
        String[] parts = value.split("\\.");
        try {
            if (parts.length >= 2) {
                OcpVersion version = new OcpVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                if (version.major == 4 && version.minor >= 1) {
                    return version;
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("unsupported OpenShift version '" + value + "': supported are " + SUPPORTED);
    }

    /** 4.1 to 4.3 recover through a temporary recovery API server; 4.4 and later regenerate certificates themselves. */
    public boolean hasRecoveryApiserver() {
        return major == 4 && minor <= 3;
    }

    /** 4.1's recover script read {@code .status.apiServerURL}; 4.2 on read {@code .status.apiServerInternalURI}. */
    public boolean usesApiServerInternalUri() {
        return !(major == 4 && minor == 1);
    }

    /** 4.6 and later keep per-master kubeconfigs under {@code node-kubeconfigs/}. */
    public boolean hasNodeKubeconfigs() {
        return major > 4 || minor >= 6;
    }

    /** For a release after {@link #NEWEST_VERIFIED}: the warning that it runs as 4.18, unverified; empty up to 4.18. */
    public Optional<String> unverifiedWarning() {
        if (compareTo(NEWEST_VERIFIED) <= 0) {
            return Optional.empty();
        }
        return Optional.of("OpenShift " + this + " is not verified: this tool's rules were read for OpenShift 4.1 to "
                + NEWEST_VERIFIED + " and it runs " + this + " as " + NEWEST_VERIFIED
                + "; compare docs/versions.md with the release notes of " + this + " before relying on the result");
    }

    @Override
    public int compareTo(OcpVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
