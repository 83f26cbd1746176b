package io.jenkins.plugins.certrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.ssh.AtomicWrite;
import io.jenkins.plugins.certrecovery.ssh.ScriptFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every host script this tool ships is checked by the build: by {@code sh -n} as a file and as it is sent, by shellcheck as a file
 * (following the fragments it includes); and the exit codes its header documents are exactly those of its Java enum.
 */
class HostScriptFilesTest {
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path SCRIPTS = RESOURCES.resolve(ScriptFile.FOLDER.substring(1));

    /** Each script with the enum its exit code is decoded through. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final Map<String, Class> EXIT_CODES = Map.ofEntries(
            Map.entry("atomic-write.sh", AtomicWrite.Exit.class),
            Map.entry("move-to-backup.sh", Backups.MoveExit.class),
            Map.entry("read-if-exists.sh", HostExecutor.ReadExit.class),
            Map.entry("kubelet-client-certificate.sh", KubeletClientCertificate.Exit.class),
            Map.entry("kubeconfig-client-certificate.sh", AdminCredential.Exit.class),
            Map.entry("control-plane-certificates.sh", ControlPlaneCertificates.Exit.class),
            Map.entry("preflight-checks.sh", Preflight.Exit.class),
            Map.entry("take-lock.sh", ClusterLock.TakeExit.class),
            Map.entry("release-lock.sh", ClusterLock.ReleaseExit.class),
            Map.entry("restart-kubelet.sh", RecoverKubelets.RestartExit.class),
            Map.entry("run-detached.sh", RecoverKubelets.DetachedExit.class));

    /** Every .sh file below src/main/resources (the host scripts and the expiry scan). */
    private static List<Path> scriptFiles() throws IOException {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            return files.filter(f -> f.toString().endsWith(".sh")).sorted().toList();
        }
    }

    /** The scripts that are run (not fragments that others include). */
    static List<String> runnableScripts() throws IOException {
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".sh") && !n.equals("keep-function.sh"))
                    .sorted()
                    .toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyScriptFileAndBuiltScriptPassesShDashN() throws IOException {
        Stream<DynamicTest> files = scriptFiles().stream()
                .map(f -> DynamicTest.dynamicTest(
                        RESOURCES.relativize(f).toString(),
                        () -> assertClean(
                                "sh -n",
                                f,
                                run(f.getParent(), "sh", "-n", f.getFileName().toString()))));
        Stream<DynamicTest> built = runnableScripts().stream()
                .map(n -> DynamicTest.dynamicTest(n + " as sent", () -> {
                    Path sent = Files.writeString(
                            Files.createTempFile(n.replace(".sh", ""), ".sh"),
                            ScriptFile.load(n, EXIT_CODES.get(n)).text());
                    try {
                        assertClean(
                                "sh -n", Path.of(n + " as sent"), run(sent.getParent(), "sh", "-n", sent.toString()));
                    } finally {
                        Files.delete(sent);
                    }
                }));
        return Stream.concat(files, built);
    }

    @TestFactory
    Stream<DynamicTest> everyScriptFilePassesShellcheck() throws IOException {
        Path shellcheck = Stream.of(
                        Objects.requireNonNullElse(System.getenv("PATH"), "").split(":"))
                .map(d -> Path.of(d, "shellcheck"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        if (shellcheck == null) {
            String why = "shellcheck is not installed (Debian package shellcheck): the host scripts are not linted";
            return Stream.of(DynamicTest.dynamicTest("shellcheck", () -> {
                System.out.println("SKIPPED: " + why);
                Assumptions.abort(why);
            }));
        }
        return scriptFiles().stream()
                .map(f -> DynamicTest.dynamicTest(
                        RESOURCES.relativize(f).toString(),
                        () -> assertClean(
                                "shellcheck",
                                f,
                                run(
                                        f.getParent(),
                                        shellcheck.toString(),
                                        "--shell=sh",
                                        "--external-sources",
                                        "--format=gcc",
                                        f.getFileName().toString()))));
    }

    @TestFactory
    Stream<DynamicTest> theExitCodesAScriptDocumentsAreThoseOfItsEnum() throws IOException {
        assertEquals(
                new TreeSet<>(runnableScripts()),
                new TreeSet<>(EXIT_CODES.keySet()),
                "a script without an exit-code enum");
        return runnableScripts().stream()
                .map(n -> DynamicTest.dynamicTest(n, () -> {
                    ScriptFile<?> script = assertDoesNotThrow(
                            () -> load(n, EXIT_CODES.get(n)),
                            n + " and " + EXIT_CODES.get(n).getName());
                    for (Object code : EXIT_CODES.get(n).getEnumConstants()) {
                        assertEquals(
                                1,
                                IntStream.range(0, 256)
                                        .filter(c -> script.exit(c)
                                                .filter(code::equals)
                                                .isPresent())
                                        .count(),
                                n + ": exit code " + code);
                    }
                }));
    }

    private static <E extends Enum<E>> ScriptFile<E> load(String name, Class<E> codes) {
        return ScriptFile.load(name, codes);
    }

    @Test
    void aHeaderAndAnEnumThatDisagreeAreRefusedNamingTheScript() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> ScriptFile.load("take-lock.sh", ClusterLock.ReleaseExit.class));
        assertTrue(e.getMessage().contains("take-lock.sh"), e.getMessage());
    }

    @TestFactory
    Stream<DynamicTest> everyScriptHeaderSaysHowItIsRunAndWhatItChanges() throws IOException {
        return runnableScripts().stream()
                .map(n -> DynamicTest.dynamicTest(n, () -> {
                    String header = String.join("\n", header(n));
                    assertTrue(
                            header.contains("Run as: sh -c SCRIPT"),
                            n + ": the header does not say how it is run (Run as: sh -c SCRIPT …)");
                    assertTrue(header.contains("Changes"), n + ": the header does not say what it changes on the host");
                }));
    }

    @Test
    void aFragmentIsIncludedOnceAndTheHeadersStayOutOfTheSentScript() {
        String sent = ScriptFile.load("restart-kubelet.sh", RecoverKubelets.RestartExit.class)
                .text();
        assertEquals(1, sent.split("keep\\(\\) \\{", -1).length - 1, sent);
        assertFalse(sent.contains(". ./"), "an include line was sent: " + sent);
        assertFalse(sent.lines().anyMatch(l -> l.startsWith("# ")), "a header line was sent: " + sent);
        assertTrue(sent.startsWith("pki=$1; kubeconfig=$2;"), sent);
    }

    private static List<String> header(String name) throws IOException {
        return Files.readAllLines(SCRIPTS.resolve(name)).stream()
                .takeWhile(l -> l.startsWith("#"))
                .toList();
    }

    private record Outcome(int exitCode, String output) {}

    private static Outcome run(Path dir, String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Outcome(process.waitFor(), output);
    }

    private static void assertClean(String check, Path script, Outcome outcome) {
        assertTrue(
                outcome.exitCode() == 0 && outcome.output().isBlank(),
                () -> check + " finds fault with " + script + ":\n" + outcome.output());
    }
}
