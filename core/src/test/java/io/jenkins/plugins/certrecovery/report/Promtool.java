package io.jenkins.plugins.certrecovery.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The real promtool of Debian's prometheus package; tests that need it are skipped, saying why, where it is missing. */
final class Promtool {
    static final Path BINARY = Path.of("/usr/bin/promtool");

    /** Exit status and everything promtool printed. */
    record Result(int exitCode, String output) {}

    private Promtool() {}

    static void assumeInstalled() {
        if (!Files.isExecutable(BINARY)) {
            String reason =
                    "skipped: " + BINARY + " is not installed (apt-get install prometheus; .ci/run installs it)";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
    }

    /** Runs {@code promtool ARGS…}, {@code stdin} on its standard input; never waits longer than a minute. */
    static Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("promtool " + args[0] + " did not finish within a minute");
        }
        return new Result(process.exitValue(), output);
    }
}
