package io.jenkins.plugins.certrecovery.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A small tmpfs over one of a host's directories (its /etc/kubernetes), mounted in this machine's own namespace before the host's
 * sshd starts so that both the host and the sandbox controller see it; {@link #fill()} writes a filler until the disk is full.
 * {@link #close()} unmounts it (by path; the host's namespace must be stopped first) and the directory shows its old content again.
 */
final class FullDisk implements AutoCloseable {
    static final String FILLER = ".e2e-disk-filler";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private boolean mounted;

    private FullDisk(Path dir) {
        this.dir = dir;
    }

    /** Puts a tmpfs of the directory's size plus {@code spareKib} over it, with a copy of its content. */
    static FullDisk over(Path dir, int spareKib) {
        FullDisk disk = new FullDisk(dir);
        Path staging = dir.resolveSibling(dir.getFileName() + ".e2e-staging");
        try {
            LocalCommand.run(List.of("cp", "-a", dir.toString(), staging.toString()), COMMAND_TIMEOUT)
                    .requireSuccess();
            long usedKib = Long.parseLong(LocalCommand.run(List.of("du", "-sk", dir.toString()), COMMAND_TIMEOUT)
                    .requireSuccess()
                    .stdout()
                    .split("\\s+")[0]);
            long sizeKib = usedKib * 2 + spareKib;
            LocalCommand.run(
                            List.of(
                                    "mount",
                                    "-t",
                                    "tmpfs",
                                    "-o",
                                    "size=" + sizeKib + "k,mode=0755",
                                    "e2e-full-disk",
                                    dir.toString()),
                            COMMAND_TIMEOUT)
                    .requireSuccess();
            disk.mounted = true;
            LocalCommand.run(List.of("cp", "-a", staging + "/.", dir.toString()), COMMAND_TIMEOUT)
                    .requireSuccess();
            return disk;
        } catch (RuntimeException e) {
            disk.close();
            throw e;
        } finally {
            OpenSshCluster.deleteTree(staging);
        }
    }

    /** Fills the tmpfs to the last byte. */
    void fill() {
        // dd stops with "No space left on device", which is the point.
        LocalCommand.run(List.of("dd", "if=/dev/zero", "of=" + dir.resolve(FILLER), "bs=4k"), COMMAND_TIMEOUT);
        long free = LocalCommand.run(List.of("df", "--output=avail", "-k", dir.toString()), COMMAND_TIMEOUT)
                .requireSuccess()
                .stdout()
                .lines()
                .skip(1)
                .mapToLong(l -> Long.parseLong(l.strip()))
                .findFirst()
                .orElse(-1);
        if (free != 0) {
            throw new IllegalStateException("the tmpfs over " + dir + " still has " + free + " KiB free after filling");
        }
    }

    /** Removes the filler: room again for the second run. */
    void free() {
        try {
            Files.deleteIfExists(dir.resolve(FILLER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (mounted) {
            LocalCommand.run(List.of("umount", dir.toString()), COMMAND_TIMEOUT).requireSuccess();
            mounted = false;
        }
    }
}
