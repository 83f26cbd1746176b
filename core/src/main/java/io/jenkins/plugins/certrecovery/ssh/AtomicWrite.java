package io.jenkins.plugins.certrecovery.ssh;

import java.util.List;
import java.util.Optional;

/**
 * The one way a file is written on a host: the new content (on stdin, never in the argv, where {@code ps} would show a secret) goes
 * to a temporary file beside the target; when the target already has exactly that content nothing changes; otherwise, when a backup
 * path is given, the old file is first copied there, and then the temporary file is renamed over the target. Any failure leaves the
 * target as it was and no temporary file behind. One round trip.
 */
public final class AtomicWrite {
    /** The script, {@code scripts/atomic-write.sh}. */
    private static final ScriptFile<Exit> SCRIPT = ScriptFile.load("atomic-write.sh", Exit.class);

    /** The exit codes of {@code atomic-write.sh}. */
    public enum Exit {
        DONE,
        TEMPORARY_FAILED,
        BACKUP_FAILED,
        RENAME_FAILED
    }

    /** What a successful write did, read from the script's output. */
    public enum Outcome {
        UNCHANGED,
        WRITTEN,
        WRITTEN_AFTER_BACKUP;

        public static Outcome of(CommandResult result) {
            List<String> said = result.stdout().lines().map(String::strip).toList();
            if (said.contains("unchanged")) {
                return UNCHANGED;
            }
            return said.contains("backed-up") ? WRITTEN_AFTER_BACKUP : WRITTEN;
        }
    }

    private AtomicWrite() {}

    /** What an exit code of the write means; nothing for a code the script does not document. */
    public static Optional<Exit> exit(int code) {
        return SCRIPT.exit(code);
    }

    /**
     * The command that writes {@code path} with {@code mode}; give it the content with {@link RemoteCommand#withStdin}.
     *
     * @param backup where the previous file is copied first, or null for none (this tool's own state files)
     */
    public static RemoteCommand command(String path, int mode, String backup) {
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException(
                    "file mode " + Integer.toOctalString(mode) + " for " + path + " is not a Unix mode");
        }
        return RemoteCommand.of(
                "sh",
                "-c",
                SCRIPT.text(),
                "atomic-write",
                path,
                "0" + Integer.toOctalString(mode),
                backup == null ? "" : backup);
    }
}
