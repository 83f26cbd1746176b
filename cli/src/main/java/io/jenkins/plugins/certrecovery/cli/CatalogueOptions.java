package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.options.EngineOption;
import io.jenkins.plugins.certrecovery.options.FrontEnd;
import io.jenkins.plugins.certrecovery.options.Operation;
import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives the options the commands declare from the catalogue ({@link OptionCatalogue}) its help text and default, so that the
 * annotations only say where a value goes. An option is found by its catalogue name ({@code --apiserver-timeout}); one the command
 * lacks or spells otherwise is left as declared, and CatalogueOptionsTest names it.
 */
final class CatalogueOptions {
    /** Commands that are no operation of their own but take an operation's options: {@code plan} shows the plan of {@code recover}. */
    private static final Map<String, Operation> PLANS = Map.of("plan", Operation.RECOVER);

    private CatalogueOptions() {}

    static void apply(CommandLine root) {
        for (Operation operation : Operation.values()) {
            apply(command(root, operation.cliCommand()), operation);
        }
        PLANS.forEach((name, operation) -> apply(root.getSubcommands().get(name), operation));
    }

    /** The subcommand whose words, after the tool's name, are {@code words} ({@code recovery-apiserver create}). */
    static CommandLine command(CommandLine root, String words) {
        CommandLine command = root;
        for (String word : words.split(" ")) {
            command = command.getSubcommands().get(word);
            if (command == null) {
                throw new IllegalStateException("ocp-cert-recovery has no subcommand '" + words + "'");
            }
        }
        return command;
    }

    private static void apply(CommandLine command, Operation operation) {
        CommandSpec spec = command.getCommandSpec();
        for (EngineOption option : OptionCatalogue.of(operation, FrontEnd.CLI)) {
            OptionSpec declared = spec.findOption(option.cliName());
            if (declared != null) {
                spec.remove(declared);
                spec.addOption(declared.toBuilder()
                        .description(help(option))
                        .defaultValue(option.cliDefaultText())
                        .build());
            }
        }
    }

    /** The catalogue's help, with how to type a duration and the default. */
    static String help(EngineOption option) {
        StringBuilder help = new StringBuilder(option.help());
        if (option.unit().isDuration()) {
            help.append(" A number followed by s, m or h.");
        }
        if (option.cliDefaultText() != null && !option.cliDefaultText().equals("false")) { // a flag is off unless given
            help.append(" Default: ${DEFAULT-VALUE}.");
        }
        return help.toString();
    }
}
