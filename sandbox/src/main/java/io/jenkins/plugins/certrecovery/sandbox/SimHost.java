package io.jenkins.plugins.certrecovery.sandbox;

import java.nio.file.Path;

/**
 * One simulated host: its name, role, the directory standing for its {@code /}, its tools directory and its (documentation
 * range, never contacted) node IP.
 */
record SimHost(String name, HostRole role, Path root, Path toolsDir, String ip) {

    boolean isMaster() {
        return role == HostRole.MASTER;
    }

    /**
     * The path rule shared by every tool: a path under the host's root is used as is (the in-process sandbox passes rooted
     * paths); any other absolute path is taken relative to the root (the end-to-end hosts pass real paths); a relative path is
     * resolved against the caller's working directory first.
     */
    Path resolve(String workingDir, String path) {
        String hostPath;
        if (path.startsWith("/")) {
            hostPath = path.equals(root.toString()) || path.startsWith(root + "/")
                    ? path.substring(root.toString().length())
                    : path;
        } else {
            String base = workingDir == null || workingDir.isEmpty()
                    ? "/"
                    : resolve(null, workingDir).toString();
            hostPath = (base + "/" + path).substring(root.toString().length());
        }
        // Normalized as an absolute path first, so that ".." stops at the host's "/" as it does at a real root.
        Path inside = Path.of("/").resolve(hostPath).normalize();
        return root.resolve(Path.of("/").relativize(inside).toString()).normalize();
    }

    /** A host-absolute path ({@code /etc/kubernetes/…}) in this host's directory. */
    Path path(String absolute) {
        return root.resolve(absolute.substring(1));
    }
}
