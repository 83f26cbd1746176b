package io.jenkins.plugins.certrecovery.expiry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A simulated host's file system below a prefix directory, readable by the unprivileged test shell unless a test says otherwise. */
final class HostTree {
    private final Path root;

    HostTree(Path root) {
        this.root = root;
        permit(root, "rwxr-xr-x");
    }

    String prefix() {
        return root.toString();
    }

    Path path(String hostPath) {
        return root.resolve(hostPath.substring(1));
    }

    HostTree write(String hostPath, String content) {
        Path file = path(hostPath);
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            for (Path d = dir; d.startsWith(root); d = d.getParent()) {
                permit(d, "rwxr-xr-x");
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
            permit(file, "rw-r--r--");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    HostTree symlink(String hostPath, String target) {
        try {
            Files.createSymbolicLink(path(hostPath), Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Makes a file unreadable for the test server's shell (as root, readable by root only: that shell runs as nobody). */
    HostTree unreadable(String hostPath) {
        permit(path(hostPath), "root".equals(System.getProperty("user.name")) ? "rw-------" : "---------");
        return this;
    }

    private static void permit(Path path, String permissions) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
