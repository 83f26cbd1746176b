package io.jenkins.plugins.certrecovery.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar ocp-cert-recovery.jar} as a real process (the shaded jar of the package phase): started with extra environment
 * variables and its standard input written and closed, then awaited for its exit code and both streams.
 */
final class JarProcess {
    /** What a finished run printed and returned. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Process process;
    private final List<String> args;
    private final Path out;
    private final Path err;

    private JarProcess(Process process, List<String> args, Path out, Path err) {
        this.process = process;
        this.args = args;
        this.out = out;
        this.err = err;
    }

    static Path jar() {
        String jar = System.getProperty("cli.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail("the shaded jar is missing (" + jar + "): these tests run in the verify phase, after package");
        }
        return Path.of(jar);
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return start(Map.of(), "", args).await(Duration.ofMinutes(2));
    }

    /** Starts the jar with extra environment variables, writes {@code stdin} to its standard input and closes it. */
    static JarProcess start(Map<String, String> environment, String stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove(CliEnvironment.PASSPHRASE_VARIABLE);
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException closedEarly) {
            // the process ended without reading its input; its exit code and output tell why
        }
        return new JarProcess(process, List.of(args), out, err);
    }

    long pid() {
        return process.pid();
    }

    /** What it has printed on stdout so far. */
    String outSoFar() throws IOException {
        return Files.readString(out);
    }

    /** Waits for the end; a run still going after the timeout is killed and fails the test. */
    Result await(Duration timeout) throws IOException, InterruptedException {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                fail("ocp-cert-recovery " + String.join(" ", args) + " did not end within " + timeout + "\n--- stdout\n"
                        + Files.readString(out) + "--- stderr\n" + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
