package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * File arguments that may be globs: {@code 'clusters/*.yaml'}, {@code 'reports/**}{@code /expiry-report.json'}. Quoted, the shell
 * leaves them alone and they are expanded here, the same on every shell and on Windows; each glob's files come sorted by path.
 */
final class FileGlobs {
    private FileGlobs() {
    }

    /** True for a value with a glob character ({@code * ? [ {}). */
    static boolean isGlob(String value) {
        return value.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /**
     * The files the values name, in order, each once; a plain value is kept as it is (reading it reports a missing file).
     *
     * @throws UsageException naming the option and the glob when a glob matches no file
     */
    static List<Path> expand(List<String> values, String option) {
        Set<Path> files = new LinkedHashSet<>();
        for (String value : values) {
            Path path = InventoryLoader.forCli().expandHome(value);
            if (!isGlob(value)) {
                files.add(path);
                continue;
            }
            List<Path> matched = matches(path);
            if (matched.isEmpty()) {
                throw new UsageException(option + " '" + value + "' matches no file; check the directory and the pattern (quote it, "
                        + "so that the shell leaves it to this tool)");
            }
            files.addAll(matched);
        }
        return List.copyOf(files);
    }

    private static List<Path> matches(Path pattern) {
        // The directory to walk is the part before the first element with a glob character; the rest is matched below it.
        Path start = pattern.getRoot() == null ? Path.of("") : pattern.getRoot();
        int first = 0;
        while (first < pattern.getNameCount() - 1 && !isGlob(pattern.getName(first).toString())) {
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
        } catch (IOException | UncheckedIOException e) {
            throw new UsageException("cannot list " + walked + " to expand '" + pattern + "': " + e.getMessage(), e);
        }
        matched.sort(null);
        return matched;
    }
}
