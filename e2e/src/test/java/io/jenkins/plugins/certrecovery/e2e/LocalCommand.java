package io.jenkins.plugins.certrecovery.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program run on this machine (ssh-keygen, kill, the CLI jar), with its output captured in files so that a chatty program never
 * blocks on a full pipe, and a bound on how long it may take.
 */
final class LocalCommand {
    private LocalCommand() {}

    /** What a local program did. */
    record Result(List<String> argv, int exitCode, String stdout, String stderr, Duration duration) {
        Result requireSuccess() {
            if (exitCode != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " exited " + exitCode + ": " + stderr.strip());
            }
            return this;
        }
    }

    static Result run(List<String> argv, Duration timeout) {
        return run(argv, Map.of(), null, timeout);
    }

    /** Runs argv with extra environment variables and optional stdin; a program still running after the timeout is killed. */
    static Result run(List<String> argv, Map<String, String> environment, byte[] stdin, Duration timeout) {
        Path out = null;
        Path err = null;
        long start = System.nanoTime();
        try {
            out = Files.createTempFile("e2e-out", ".txt");
            err = Files.createTempFile("e2e-err", ".txt");
            ProcessBuilder builder =
                    new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            if (stdin == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            Process process = builder.start();
            if (stdin != null) {
                try (var in = process.getOutputStream()) {
                    in.write(stdin);
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(
                        String.join(" ", argv) + " did not finish within " + timeout.toSeconds() + " s; stderr so far: "
                                + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            return new Result(
                    List.copyOf(argv),
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv.get(0), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }
}
