package io.jenkins.plugins.certrecovery.e2e;

import io.jenkins.plugins.certrecovery.ssh.ShellQuoting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A deterministic moment to inject a fault: a wrapper in front of one simulated tool on one host which, the first time it is called
 * with the given arguments, runs the tool, then holds the call open (the product is waiting for it) until the suite says resume or
 * 5 min pass (long enough for a second CLI process to start and log in on a loaded machine while the call is held). While it is
 * held, the suite kills or freezes the host, or fills its disk.
 */
final class ToolPause {
    private static final String ARMED = ".e2e-pause-armed";
    private static final String PAUSED = ".e2e-paused";
    private static final String RESUME = ".e2e-resume";

    private final Path toolsDir;
    private final String description;

    private ToolPause(Path toolsDir, String description) {
        this.toolsDir = toolsDir;
        this.description = description;
    }

    /** Wraps {@code tool} in a host's tools dir; the pause happens after the first call whose arguments are exactly {@code args}. */
    static ToolPause after(Path toolsDir, String tool, String args) {
        try {
            Path wrapper = toolsDir.resolve(tool);
            Files.move(wrapper, toolsDir.resolve(tool + ".sandbox"));
            Files.writeString(
                    wrapper,
                    """
                    #!/bin/bash
                    # e2e pause point (see ToolPause)
                    here=$(dirname "$0")
                    "$here/%1$s.sandbox" "$@"
                    code=$?
                    if [ "$*" = %2$s ] && rm "$here/%3$s" 2>/dev/null; then
                      touch "$here/%4$s"
                      for _ in $(seq 3000); do [ -e "$here/%5$s" ] && break; sleep 0.1; done
                    fi
                    exit "$code"
                    """.formatted(tool, ShellQuoting.quote(args), ARMED, PAUSED, RESUME),
                    StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(toolsDir.resolve(ARMED), "armed\n");
            return new ToolPause(toolsDir, tool + " " + args);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the pause point " + tool + " in " + toolsDir, e);
        }
    }

    /** True while the call is held: the tool has run and the product waits for its answer. */
    boolean paused() {
        return Files.exists(toolsDir.resolve(PAUSED));
    }

    /** Lets the held call return. */
    void resume() {
        try {
            Files.writeString(toolsDir.resolve(RESUME), "resume\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "pause after `" + description + "`";
    }
}
