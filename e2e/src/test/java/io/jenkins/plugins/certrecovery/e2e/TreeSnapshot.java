package io.jenkins.plugins.certrecovery.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Every file under a host's root dir with its content hash (symlinks by target), to prove that "nothing changed anywhere" and that
 * a failed write left the old file intact and no partial file behind.
 *
 * @param entries relative path to "sha256:…", "link:target" or "dir"
 */
record TreeSnapshot(Map<String, String> entries) {
    /** Paths that change without the product doing anything: sshd's and sudo's runtime state in the host's /run. */
    static final Predicate<String> RUNTIME_NOISE = p -> p.startsWith("run/sshd") || p.startsWith("run/sudo");

    static TreeSnapshot of(Path root, Predicate<String> ignored) {
        Map<String, String> entries = new TreeMap<>();
        if (!Files.exists(root)) {
            return new TreeSnapshot(entries);
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> !p.equals(root)).toList()) {
                String relative = root.relativize(path).toString();
                if (ignored.test(relative)) {
                    continue;
                }
                if (Files.isSymbolicLink(path)) {
                    entries.put(relative, "link:" + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(relative, "dir");
                } else {
                    entries.put(relative, "sha256:" + sha256(Files.readAllBytes(path)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot snapshot " + root, e);
        }
        return new TreeSnapshot(entries);
    }

    /** The differences to a later snapshot, one line each: "+ added", "- removed", "~ changed". */
    List<String> differencesTo(TreeSnapshot later) {
        List<String> differences = new ArrayList<>();
        for (String path : new TreeSet<>(union(later))) {
            String before = entries.get(path);
            String after = later.entries.get(path);
            if (before == null) {
                differences.add("+ " + path);
            } else if (after == null) {
                differences.add("- " + path);
            } else if (!Objects.equals(before, after)) {
                differences.add("~ " + path);
            }
        }
        return differences;
    }

    private TreeSet<String> union(TreeSnapshot later) {
        TreeSet<String> all = new TreeSet<>(entries.keySet());
        all.addAll(later.entries.keySet());
        return all;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
