package io.jenkins.plugins.certrecovery.expiry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** File arguments that are globs (inventories, reports), expanded by this tool the same on every shell, agent and OS. */
public final class FileGlob {
    private FileGlob() {}

    /** True for a value with a glob character ({@code * ? [ {}). */
    public static boolean isGlob(String value) {
        return value.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /**
     * The regular files a glob path matches ({@code clusters/*.yaml}, {@code reports/**}{@code /expiry-report.json}), sorted; none
     * when the directory before the first glob element does not exist.
     *
     * @throws IOException naming the directory when it cannot be listed
     */
    public static List<Path> matches(Path pattern) throws IOException {
        // The directory to walk is the part before the first element with a glob character; the rest is matched below
        // it.
        Path start = pattern.getRoot() == null ? Path.of("") : pattern.getRoot();
        int first = 0;
        while (first < pattern.getNameCount() - 1
                && !isGlob(pattern.getName(first).toString())) {
            start = start.resolve(pattern.getName(first));
            first++;
        }
        Path base = start;
        Path rest = pattern.subpath(first, pattern.getNameCount());
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        int depth = rest.toString().contains("**") ? Integer.MAX_VALUE : rest.getNameCount();
        Path walked = base.toString().isEmpty() ? Path.of(".") : base;
        if (!Files.isDirectory(walked)) {
            return List.of();
        }
        List<Path> matched = new ArrayList<>();
        try (Stream<Path> found = Files.walk(walked, depth)) {
            found.filter(Files::isRegularFile).forEach(file -> {
                Path relative = walked.relativize(file);
                if (matcher.matches(relative)) {
                    matched.add(base.resolve(relative));
                }
            });
        } catch (UncheckedIOException e) {
            throw new IOException(
                    "cannot list " + walked + " to expand '" + pattern + "': "
                            + e.getCause().getMessage(),
                    e);
        }
        matched.sort(null);
        return matched;
    }
}
