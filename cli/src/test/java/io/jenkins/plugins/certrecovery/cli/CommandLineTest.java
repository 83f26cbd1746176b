package io.jenkins.plugins.certrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command tree, help, version and the exit code of a bad command line, run in-process. */
class CommandLineTest {
    private static final String[] COMMANDS = {
        "check",
        "plan",
        "recover",
        "recovery-apiserver",
        "regenerate-certificates",
        "force-redeploy",
        "recover-kubelets",
        "approve-csrs",
        "demo"
    };

    @Test
    void topLevelHelpListsEveryCommandAndTheExitCodes() {
        CliRun run = CliRun.run("--help");
        assertEquals(0, run.exitCode(), run::toString);
        for (String command : COMMANDS) {
            assertTrue(run.out().contains("  " + command + " "), () -> command + " missing in\n" + run.out());
        }
        assertTrue(run.out().contains("64"), run::out);
        assertTrue(run.out().contains("--no-color"), run::out);
        assertFalse(run.out().contains("\u001b["), "no colour when not on a terminal");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "check",
                "plan",
                "recover",
                "recovery-apiserver",
                "recovery-apiserver create",
                "recovery-apiserver destroy",
                "regenerate-certificates",
                "force-redeploy",
                "recover-kubelets",
                "approve-csrs",
                "demo"
            })
    void everyCommandHasHelp(String command) {
        String[] words = (command + " --help").split(" ");
        CliRun run = CliRun.run(words);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Usage: ocp-cert-recovery " + command + " "), run::out);
        assertTrue(
                run.out().contains("--verbose") && run.out().contains("--quiet"),
                "global options are inherited: " + run.out());
    }

    @Test
    void checkRecoverAndApproveCsrsOfferTheFlagsScriptsUse() {
        String check = CliRun.run("check", "--help").out();
        for (String flag :
                new String[] {"--warning-days", "--critical-days", "--json", "--html", "--junit", "-i, --inventory"}) {
            assertTrue(check.contains(flag), () -> flag + " missing in\n" + check);
        }
        String recover = CliRun.run("recover", "--help").out();
        for (String flag : new String[] {
            "--approve", "--audit-file", "--keep-recovery-apiserver", "--force-unlock", "prompt", "validated"
        }) {
            assertTrue(recover.contains(flag), () -> flag + " missing in\n" + recover);
        }
        String approve = CliRun.run("approve-csrs", "--help").out();
        assertTrue(approve.contains("--list") && approve.contains("--wait") && approve.contains("NAME"), approve);
    }

    @ParameterizedTest
    @ValueSource(strings = {"recover", "recover-kubelets"})
    void theCommandsThatRecoverKubeletsListExit2ForNodesNotRecovered(String command) {
        String help = CliRun.run(command, "--help").out();
        assertTrue(java.util.regex.Pattern.compile("\n +2 +the").matcher(help).find(), help);
    }

    @Test
    void recoverTakesSkipUnreachable() {
        String help = CliRun.run("recover", "--help").out();
        assertTrue(
                help.contains("--skip-unreachable")
                        && help.replaceAll("\\s+", " ").contains("majority of the masters"),
                help);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "0s", "-5s", "5d", "1.5m", "PT10M", "m"})
    void aTimeoutThatIsNoDurationIsExit64AndSaysHowToWriteOne(String value) {
        CliRun run = CliRun.run("recover", "-i", "x.yaml", "--apiserver-timeout", value);
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(
                run.err()
                        .contains("'" + value
                                + "' is not a duration: give a positive whole number followed by s, m or h"),
                run::err);
    }

    @Test
    void durationsAreSecondsMinutesOrHours() {
        DurationConverter converter = new DurationConverter();
        assertEquals(Duration.ofSeconds(90), converter.convert("90s"));
        assertEquals(Duration.ofMinutes(10), converter.convert("10m"));
        assertEquals(Duration.ofHours(2), converter.convert("2h"));
    }

    @Test
    void versionNamesTheTool() {
        CliRun run = CliRun.run("--version");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().matches("(?s)ocp-cert-recovery \\d+\\.\\d+\\.\\d+.*Java 17.*"), run::out);
    }

    @Test
    void noCommandPrintsUsageAndExits64() {
        CliRun run = CliRun.run();
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Usage: ocp-cert-recovery [-hqvV] [--no-color] COMMAND"), run::err);
    }

    @Test
    void unknownOptionIsOneClearLineAndExit64() {
        CliRun run = CliRun.run("check", "-i", "x.yaml", "--frobnicate");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Unknown option: '--frobnicate'"), run::err);
        assertTrue(run.err().contains("Run 'ocp-cert-recovery check --help'"), run::err);
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void missingInventoryIsExit64() {
        CliRun run = CliRun.run("plan");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--inventory"), run::err);
    }

    @Test
    void unknownApprovalModeIsExit64AndNamesTheChoices() {
        CliRun run = CliRun.run("recover", "-i", "x.yaml", "--approve", "all");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("'all' is not an approval mode; use prompt or validated"), run::err);
    }
}
