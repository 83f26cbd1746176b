package io.jenkins.plugins.certrecovery.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The executables on a sandbox host's PATH: the simulated tools are small bash clients of the {@link ToolController}, so they
 * run as ordinary programs wherever bash and the controller's loopback port are reachable; {@code sudo} behaves like a
 * NOPASSWD sudo for the sandbox's SSH servers, where the login user {@code core} is the JVM's own user.
 */
final class ToolScripts {
    static final List<String> TOOLS = List.of("oc", "podman", "systemctl", "recover-kubeconfig.sh");

    private ToolScripts() {}

    /** The client of one tool on one host: sends the call NUL-separated, replays the framed answer on stdout/stderr. */
    static String client(String host, String tool, int port) {
        return """
                #!/bin/bash
                # Simulated %2$s on sandbox host %1$s: the cluster state lives in the sandbox's controller.
                exec 3<>/dev/tcp/127.0.0.1/%3$d || { echo "%2$s: the sandbox controller on 127.0.0.1:%3$d is not reachable" >&2; exit 127; }
                {
                  printf '%%s\\0' v1 '%1$s' '%2$s' "$PWD" "${USER-}" "$EUID" "${KUBECONFIG+1}" "${KUBECONFIG-}" "$#"
                  for arg in "$@"; do printf '%%s\\0' "$arg"; done
                } >&3
                code=1
                while IFS= read -r -d '' kind <&3 && IFS= read -r -d '' text <&3; do
                  case $kind in
                    out) printf '%%s' "$text" ;;
                    err) printf '%%s' "$text" >&2 ;;
                    exit) code=$text; break ;;
                  esac
                done
                exec 3<&-
                exit "$code"
                """.formatted(host, tool, port);
    }

    /**
     * A NOPASSWD sudo: options {@code -n}, {@code -E}, {@code -H}, {@code -u root}, {@code --}; then runs the command as "root"
     * with the environment reset as sudo's env_reset does (PATH kept, as secure_path would list these tools too).
     */
    static String sudo() {
        return """
                #!/bin/sh
                # Sandbox sudo: the login user may run anything without a password (RHCOS core has NOPASSWD sudo).
                # POSIX sh on purpose: it starts faster than bash, and every remote command of the engine passes through here.
                keep_env=
                while [ $# -gt 0 ]; do
                  case $1 in
                    -n|-H|-S) shift ;;
                    -E) keep_env=1; shift ;;
                    -u) [ "$2" = root ] || { echo "sudo: unknown user: $2" >&2; exit 1; }; shift 2 ;;
                    -u*) [ "${1#-u}" = root ] || { echo "sudo: unknown user: ${1#-u}" >&2; exit 1; }; shift ;;
                    --) shift; break ;;
                    -*) echo "sudo: invalid option -- '${1#-}'" >&2; exit 1 ;;
                    *) break ;;
                  esac
                done
                [ $# -gt 0 ] || { echo "usage: sudo -n command" >&2; exit 1; }
                # Real sudo looks the command up itself: "sudo: NAME: command not found", exit 1 (not the shell's 127).
                command -v "$1" >/dev/null 2>&1 || { echo "sudo: $1: command not found" >&2; exit 1; }
                if [ -n "$keep_env" ]; then
                  USER=root LOGNAME=root SUDO_USER="${USER-}" exec "$@"
                fi
                exec env -i PATH="$PATH" HOME=/root USER=root LOGNAME=root SHELL=/bin/bash SUDO_USER="${USER-}" \\
                  ${TERM:+TERM="$TERM"} "$@"
                """;
    }

    /** Writes every tool client and sudo into {@code toolsDir}; masters also get recover-kubeconfig.sh under /usr/local/bin. */
    static void install(SimHost host, int port, boolean withSudo) {
        for (String tool : TOOLS) {
            if (tool.equals("recover-kubeconfig.sh") && !host.isMaster()) {
                continue;
            }
            executable(host.toolsDir().resolve(tool), client(host.name(), tool, port));
        }
        if (withSudo) {
            executable(host.toolsDir().resolve("sudo"), sudo());
        }
        if (host.isMaster()) {
            executable(host.path(HostFiles.RECOVER_SCRIPT), client(host.name(), "recover-kubeconfig.sh", port));
        }
    }

    private static void executable(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + file, e);
        }
    }
}
