package io.jenkins.plugins.certrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A refused inventory: exit 64, every problem listed with its field path, no stack trace; for every cluster command. */
class MalformedInventoryTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "check",
                "plan",
                "recover",
                "recovery-apiserver create",
                "recovery-apiserver destroy",
                "regenerate-certificates",
                "force-redeploy",
                "recover-kubelets",
                "approve-csrs --list"
            })
    void everyProblemIsListedWithItsPathAndTheExitIs64(String command) throws IOException {
        Path inventory = write("bad.yaml", """
                ocpVersion: "3.11"
                releaseImage: "not an image"
                colour: blue
                ssh:
                  port: 70000
                  identityFile: /nonexistent/id_ed25519
                masters:
                  - {name: master-0, host: "10.0.0.10; rm -rf /"}
                  - {name: master-0}
                workers:
                  - {name: Worker_0, host: 10.0.0.20}
                """);
        String[] args = (command + " -i " + inventory).split(" ");
        CliRun run = CliRun.run(args);
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        for (String path : new String[] {
            "ocpVersion:",
            "releaseImage:",
            "colour:",
            "ssh.port:",
            "ssh.identityFile:",
            "masters[0].host:",
            "masters[1].host:",
            "workers[0].name:"
        }) {
            assertTrue(run.err().contains("  " + path), () -> path + " missing in\n" + run.err());
        }
        assertTrue(run.err().startsWith("error: inventory " + inventory + " has "), run::err);
        assertFalse(run.all().contains("\tat "), "no stack trace: " + run.all());
        assertEquals("", run.out(), "nothing ran");
    }

    @Test
    void aYamlSyntaxErrorNamesLineAndColumn() throws IOException {
        Path inventory = write("syntax.yaml", "ocpVersion: \"4.3\"\nmasters: [ {name: master-0, host: 10.0.0.10\n");
        CliRun run = CliRun.run("plan", "-i", inventory.toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().matches("(?s).*line \\d+, column \\d+: is not valid YAML.*"), run::err);
    }

    @Test
    void aMissingFileIsExit64AndNamesIt() {
        CliRun run = CliRun.run("check", "-i", dir.resolve("nothere.yaml").toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("nothere.yaml") && run.err().contains("cannot be read"), run::err);
    }

    @Test
    void verboseAndQuietTogetherIsABadCommandLine() throws IOException {
        CliRun run = CliRun.run(
                "plan",
                "-v",
                "-q",
                "-i",
                write("any.yaml", "ocpVersion: \"4.3\"\n").toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--verbose and --quiet cannot be used together"), run::err);
    }
}
