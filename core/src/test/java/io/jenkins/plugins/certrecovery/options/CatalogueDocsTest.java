package io.jenkins.plugins.certrecovery.options;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The docs' tables are the catalogue's: docs/architecture.md's operation names are {@link Operation}'s, docs/cli.md's option table
 * has a row per option of {@link OptionCatalogue} with its names and default.
 */
class CatalogueDocsTest {
    private static String doc(String name) throws IOException {
        return Files.readString(Path.of("..", "docs", name));
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void theArchitectureTableRowOfEveryOperationHasItsNames(Operation operation) throws IOException {
        String row = doc("architecture.md")
                .lines()
                .filter(line -> line.startsWith("| `" + operation.id() + "`"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("docs/architecture.md has no row for " + operation.id()));
        assertTrue(row.contains("| `" + operation.cliCommand() + "` |"), row);
        assertTrue(row.contains("| `" + operation.pipelineStep()), row);
    }

    @Test
    void theCliOptionTableHasARowPerOptionWithItsNamesAndDefault() throws IOException {
        List<String> rows = doc("cli.md").lines().toList();
        for (EngineOption option : OptionCatalogue.all()) {
            String cli =
                    option.offeredBy(FrontEnd.CLI) ? "`" + option.cliName().replace("--no-", "--[no-]") + "`" : "–";
            String pipeline = option.offeredBy(FrontEnd.JENKINS) ? "`" + option.pipelineName() + "`" : "–";
            String start = "| `" + option.name() + "` | " + cli + " | " + pipeline + " | "
                    + (option.defaultText() == null ? "–" : "`" + option.defaultText() + "`");
            assertTrue(
                    rows.stream().anyMatch(row -> row.startsWith(start) && row.contains(option.help())),
                    () -> "docs/cli.md has no row starting " + start + " with the catalogue's help");
        }
    }
}
