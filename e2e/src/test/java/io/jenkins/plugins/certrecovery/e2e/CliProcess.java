package io.jenkins.plugins.certrecovery.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shaded {@code ocp-cert-recovery} jar run as a real process, as an operator would: no terminal, no stdin, the identity's
 * passphrase from {@code OCP_CERT_RECOVERY_PASSPHRASE}. Output goes to files in the scenario's directory, kept for the secret scan
 * and for inspection after a failure.
 */
final class CliProcess {
    static final String PASSPHRASE_VARIABLE = "OCP_CERT_RECOVERY_PASSPHRASE";

    /** What one run printed and returned. */
    record Run(
            List<String> args,
            int exitCode,
            String stdout,
            String stderr,
            Duration duration,
            Path stdoutFile,
            Path stderrFile) {
        /** stdout and stderr together, for assertions on messages that may go to either. */
        String output() {
            return stdout + stderr;
        }

        /** The error paragraph ({@code error: …} to the end of stderr) as one line, its lines joined by " / ". */
        String errorParagraph() {
            List<String> lines = stderr.lines().toList();
            int start = 0;
            while (start < lines.size() && !lines.get(start).startsWith("error:")) {
                start++;
            }
            if (start == lines.size()) {
                throw new AssertionError("no error on stderr:\n" + this);
            }
            return String.join(
                    " / ",
                    lines.subList(start, lines.size()).stream()
                            .map(String::strip)
                            .filter(l -> !l.isEmpty())
                            .toList());
        }

        @Override
        public String toString() {
            return "ocp-cert-recovery " + String.join(" ", args) + " -> exit " + exitCode + "\n--- stdout\n" + stdout
                    + "--- stderr\n" + stderr;
        }
    }

    private final Path jar;
    private final Path dir;
    private final String passphrase;
    private final Process process;
    private final List<String> args;
    private final Path stdoutFile;
    private final Path stderrFile;
    private final long started;

    private CliProcess(Path jar, Path dir, String passphrase, List<String> args, String name) {
        this.jar = jar;
        this.dir = dir;
        this.passphrase = passphrase;
        this.args = List.copyOf(args);
        this.stdoutFile = dir.resolve(name + ".stdout");
        this.stderrFile = dir.resolve(name + ".stderr");
        List<String> command = new ArrayList<>(List.of(
                javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-jar", jar.toString()));
        command.addAll(args);
        try {
            Files.createDirectories(dir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdoutFile.toFile())
                    .redirectError(stderrFile.toFile());
            builder.environment().put(PASSPHRASE_VARIABLE, passphrase);
            builder.environment().put("CI", "true");
            this.started = System.nanoTime();
            this.process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    /**
     * Starts the CLI.
     *
     * @param dir  the scenario's directory (working directory; stdout and stderr land here as NAME.stdout / NAME.stderr)
     * @param name a short name of this run within the scenario ({@code recover-1})
     */
    static CliProcess start(Path dir, String name, String passphrase, String... args) {
        Path jar = E2eSettings.cliJar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the CLI jar " + jar
                    + " is missing: build it with -Pe2e -pl e2e -am (the reactor" + " packages cli first)");
        }
        return new CliProcess(jar, dir, passphrase, List.of(args), name);
    }

    /** Runs another build of the CLI (a benchmark's "before" jar) to the end. */
    static Run runJar(Path jar, Path dir, String name, String passphrase, Duration timeout, String... args) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the CLI jar " + jar + " is missing");
        }
        return new CliProcess(jar, dir, passphrase, List.of(args), name).await(timeout);
    }

    /** Runs the CLI to the end. */
    static Run run(Path dir, String name, String passphrase, Duration timeout, String... args) {
        return start(dir, name, passphrase, args).await(timeout);
    }

    /** Waits for the run to end; one still running after the timeout is killed and reported as a hang. */
    Run await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("ocp-cert-recovery " + String.join(" ", args) + " hung for "
                        + timeout.toSeconds() + " s (killed); stderr: " + read(stderrFile));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return new Run(
                args,
                process.exitValue(),
                read(stdoutFile),
                read(stderrFile),
                Duration.ofNanos(System.nanoTime() - started),
                stdoutFile,
                stderrFile);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the run if it is still going (a test that failed half way). */
    void destroy() {
        process.destroyForcibly();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "ocp-cert-recovery " + String.join(" ", args) + " in " + dir + " (" + jar + ", passphrase given: "
                + !passphrase.isEmpty() + ")";
    }
}
