package io.jenkins.plugins.certrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as users get it: runnable on its own, with the exit codes of a bad command line and a bad inventory. */
class JarIT {
    @Test
    void theJarIsSelfContainedAndUnsigned() throws IOException {
        try (JarFile jar = new JarFile(JarProcess.jar().toFile())) {
            assertEquals(
                    "io.jenkins.plugins.certrecovery.cli.Main",
                    jar.getManifest().getMainAttributes().getValue("Main-Class"));
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            assertTrue(
                    names.stream().noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")),
                    "signatures stripped");
            assertTrue(names.contains("picocli/CommandLine.class"));
            assertTrue(names.contains("com/jcraft/jsch/JSch.class"));
            assertTrue(names.contains("org/bouncycastle/jce/provider/BouncyCastleProvider.class"));
            JarEntry providers = jar.getJarEntry("META-INF/services/com.fasterxml.jackson.core.JsonFactory");
            String services = new String(jar.getInputStream(providers).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(services.contains("YAMLFactory"), "service files merged: " + services);
        }
    }

    @Test
    void versionAndHelp() throws Exception {
        JarProcess.Result version = JarProcess.run("--version");
        assertEquals(0, version.exitCode(), version::toString);
        assertTrue(version.out().startsWith("ocp-cert-recovery "), version::toString);
        JarProcess.Result help = JarProcess.run("--help");
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.out().contains("recovery-apiserver") && help.out().contains("approve-csrs"), help::toString);
        assertFalse(help.out().contains("\u001b["), "no colour when stdout is not a terminal");
    }

    @Test
    void aBadCommandLineExits64WithoutAStackTrace() throws Exception {
        JarProcess.Result run = JarProcess.run("recover", "--approve", "everything", "-i", "x.yaml");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("'everything' is not an approval mode"), run::toString);
        assertFalse(run.all().contains("\tat "), run::toString);
    }

    @Test
    void aBadInventoryExits64ListingItsProblems(@TempDir Path dir) throws Exception {
        Path inventory =
                Files.writeString(dir.resolve("inventory.yaml"), "ocpVersion: \"4.3\"\nmasters: []\nextra: 1\n");
        JarProcess.Result run = JarProcess.run("plan", "-i", inventory.toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(
                run.err().contains("  masters:")
                        && run.err().contains("  extra:")
                        && run.err().contains("  releaseImage:"),
                run::toString);
    }
}
