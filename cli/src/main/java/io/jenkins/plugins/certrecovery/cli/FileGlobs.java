package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.expiry.FileGlob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * File arguments that may be globs: {@code 'clusters/*.yaml'}, {@code 'reports/**}{@code /expiry-report.json'}. Quoted, the shell
 * leaves them alone and they are expanded here, the same on every shell and on Windows; each glob's files come sorted by path.
 */
final class FileGlobs {
    private FileGlobs() {}

    /**
     * The files the values name, in order, each once; a plain value is kept as it is (reading it reports a missing file).
     *
     * @throws UsageException naming the option and the glob when a glob matches no file
     */
    static List<Path> expand(List<String> values, String option) {
        Set<Path> files = new LinkedHashSet<>();
        for (String value : values) {
            Path path = InventoryLoader.forCli().expandHome(value);
            if (!FileGlob.isGlob(value)) {
                files.add(path);
                continue;
            }
            List<Path> matched;
            try {
                matched = FileGlob.matches(path);
            } catch (IOException e) {
                throw new UsageException(option + " '" + value + "': " + e.getMessage(), e);
            }
            if (matched.isEmpty()) {
                throw new UsageException(
                        option + " '" + value + "' matches no file; check the directory and the pattern (quote it, "
                                + "so that the shell leaves it to this tool)");
            }
            files.addAll(matched);
        }
        return List.copyOf(files);
    }
}
