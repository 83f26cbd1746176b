package io.jenkins.plugins.certrecovery.cluster;

/**
 * The OpenShift minor version of a cluster: it decides the procedure (a recovery API server up to 4.3, kubelet and CSR recovery
 * from 4.4 on) and the host layout.
 */
public record OcpVersion(int major, int minor) implements Comparable<OcpVersion> {
    public static final String SUPPORTED = "4.1, 4.2, 4.3, or 4.4 and later (4.x)";

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

    @Override
    public int compareTo(OcpVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
