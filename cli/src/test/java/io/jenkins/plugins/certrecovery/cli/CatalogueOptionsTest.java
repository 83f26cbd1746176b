package io.jenkins.plugins.certrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jenkins.plugins.certrecovery.options.EngineOption;
import io.jenkins.plugins.certrecovery.options.FrontEnd;
import io.jenkins.plugins.certrecovery.options.Operation;
import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The CLI against the option catalogue (core {@link OptionCatalogue}): every operation is the subcommand of its name, and offers
 * the catalogue's options of that operation spelt by the catalogue's rule, with its defaults and help, and no option of the engine
 * that the catalogue lacks.
 */
class CatalogueOptionsTest {
    /** The CLI's own options: what to work on and how to show it, none of them an option of the engine. */
    private static final Set<String> CLI_OWN = Set.of(
            "--help",
            "--version",
            "--verbose",
            "--quiet",
            "--no-color",
            "--inventory",
            "--list",
            "--json",
            "--html",
            "--junit",
            "--endpoint");

    /** The subcommands that run no operation: {@code plan} shows recover's plan, {@code demo} runs others on a sandbox. */
    private static final Set<String> NOT_OPERATIONS = Set.of("plan", "demo");

    private static CommandLine root() {
        return Main.commandLine(new CliEnvironment(Map.of(), new BufferedReader(new StringReader("")), false, null));
    }

    private static CommandSpec spec(Operation operation) {
        return CatalogueOptions.command(root(), operation.cliCommand()).getCommandSpec();
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void everyOperationIsTheSubcommandOfItsName(Operation operation) {
        CommandSpec command = spec(operation);
        assertEquals(operation.id(), command.qualifiedName("-").substring("ocp-cert-recovery-".length()));
    }

    @Test
    void everySubcommandThatRunsSomethingIsAnOperation() {
        List<String> leaves = new ArrayList<>();
        collectLeaves(root(), leaves);
        List<String> operations =
                Arrays.stream(Operation.values()).map(Operation::cliCommand).toList();
        for (String leaf : leaves) {
            assertTrue(
                    operations.contains(leaf) || NOT_OPERATIONS.contains(leaf),
                    () -> "ocp-cert-recovery " + leaf
                            + " is no operation of core's Operation: name it after the engine's");
        }
        assertEquals(operations.size() + NOT_OPERATIONS.size(), leaves.size(), leaves::toString);
    }

    private static void collectLeaves(CommandLine command, List<String> leaves) {
        if (command.getSubcommands().isEmpty()) {
            leaves.add(command.getCommandSpec().qualifiedName(" ").substring("ocp-cert-recovery ".length()));
        }
        command.getSubcommands().values().forEach(sub -> collectLeaves(sub, leaves));
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void offersEveryOptionOfItsOperationWithTheCataloguesDefaultAndHelp(Operation operation) {
        CommandSpec command = spec(operation);
        for (EngineOption option : OptionCatalogue.of(operation, FrontEnd.CLI)) {
            OptionSpec declared = command.findOption(option.cliName());
            String where = "ocp-cert-recovery " + operation.cliCommand() + " " + option.cliName();
            assertNotNull(
                    declared, () -> where + ": missing; the catalogue has " + option.name() + " for " + operation.id());
            assertEquals(option.cliDefaultText(), declared.defaultValue(), () -> where + ": another default");
            assertTrue(
                    String.join(" ", declared.description()).contains(option.help()),
                    () -> where + ": not the catalogue's help: " + Arrays.toString(declared.description()));
        }
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void offersNoOptionTheCatalogueLacks(Operation operation) {
        for (OptionSpec declared : spec(operation).options()) {
            String name = declared.longestName();
            if (!CLI_OWN.contains(name)
                    && OptionCatalogue.byCliName(operation, name).isEmpty()) {
                fail("ocp-cert-recovery " + operation.cliCommand() + " " + name
                        + " is not in core's OptionCatalogue for " + operation.id()
                        + ": add it there, or spell it as the catalogue does");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void anOptionNotGivenHasTheCataloguesDefault(Operation operation) {
        List<String> args = new ArrayList<>(List.of(operation.cliCommand().split(" ")));
        args.add(operation == Operation.REPORT_MERGE ? "expiry-report.json" : "--inventory=cluster.yaml");
        CommandLine root = root();
        CommandLine.ParseResult parsed = root.parseArgs(args.toArray(String[]::new));
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        CommandSpec command = parsed.commandSpec();
        for (EngineOption option : OptionCatalogue.of(operation, FrontEnd.CLI)) {
            Object value = command.findOption(option.cliName()).getValue();
            String where = "ocp-cert-recovery " + operation.cliCommand() + " " + option.cliName();
            if (option.cliDefaultText() == null) {
                assertTrue(
                        value == null || value instanceof List<?> list && list.isEmpty(), () -> where + ": " + value);
            } else if (value instanceof Duration duration) {
                assertEquals(option.defaultDuration(), duration, where);
            } else {
                assertEquals(option.cliDefaultText(), String.valueOf(value).toLowerCase(java.util.Locale.ROOT), where);
            }
        }
    }
}
