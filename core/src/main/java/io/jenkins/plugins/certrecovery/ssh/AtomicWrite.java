package io.jenkins.plugins.certrecovery.ssh;

import java.util.List;

/**
 * The one way a file is written on a host: the new content (on stdin, never in the argv, where {@code ps} would show a secret) goes
 * to a temporary file beside the target; when the target already has exactly that content nothing changes; otherwise, when a backup
 * path is given, the old file is first copied there, and then the temporary file is renamed over the target. Any failure leaves the
 * target as it was and no temporary file behind. One round trip.
 */
public final class AtomicWrite {
    /** Exit codes of the script: the temporary file could not be written; the backup could not be made; the rename failed. */
    public static final int TEMPORARY_FAILED = 20;
    public static final int BACKUP_FAILED = 21;
    public static final int RENAME_FAILED = 22;

    /**
     * {@code $1} the target, {@code $2} its mode, {@code $3} the backup path or empty for none. Prints {@code unchanged}, or
     * {@code written} (after {@code backed-up} when a previous file was copied into the backup).
     */
    private static final String SCRIPT = """
            target=$1; mode=$2; backup=$3
            tmp=$(mktemp "$(dirname -- "$target")/.$(basename -- "$target").XXXXXX") || exit 20
            trap 'rm -f -- "$tmp"' EXIT
            cat > "$tmp" || exit 20
            if [ -e "$target" ]; then
              if cmp -s -- "$tmp" "$target"; then echo unchanged; exit 0; fi
              if [ -n "$backup" ]; then
                mkdir -p -- "$(dirname -- "$backup")" && cp -p -T -- "$target" "$backup" || exit 21
                echo backed-up
              fi
              chown --reference="$target" -- "$tmp" 2>/dev/null || true
            fi
            chmod "$mode" -- "$tmp" && mv -fT -- "$tmp" "$target" || exit 22
            trap - EXIT
            echo written
            """;

    /** What a successful write did, read from the script's output. */
    public enum Outcome {
        UNCHANGED, WRITTEN, WRITTEN_AFTER_BACKUP;

        public static Outcome of(CommandResult result) {
            List<String> said = result.stdout().lines().map(String::strip).toList();
            if (said.contains("unchanged")) {
                return UNCHANGED;
            }
            return said.contains("backed-up") ? WRITTEN_AFTER_BACKUP : WRITTEN;
        }
    }

    private AtomicWrite() {
    }

    /**
     * The command that writes {@code path} with {@code mode}; give it the content with {@link RemoteCommand#withStdin}.
     *
     * @param backup where the previous file is copied first, or null for none (this tool's own state files)
     */
    public static RemoteCommand command(String path, int mode, String backup) {
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("file mode " + Integer.toOctalString(mode) + " for " + path + " is not a Unix mode");
        }
        return RemoteCommand.of("sh", "-c", SCRIPT, "atomic-write", path, "0" + Integer.toOctalString(mode), backup == null ? "" : backup);
    }
}
