package io.jenkins.plugins.certrecovery.ssh;

import io.jenkins.plugins.certrecovery.expiry.ClasspathText;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the POSIX sh scripts this tool runs on hosts, each a file in {@link #FOLDER}. A script opens with a header comment (how it
 * is run, its arguments, what it changes on the host, and its exit codes, one line {@code #   CODE  NAME  meaning} each) and then a
 * prologue, the lines up to the first blank line, that only names its positional arguments. It is sent as
 * {@code sh -c SCRIPT NAME ARG…}: values reach it only as arguments, which the transport quotes with {@link ShellQuoting}, never as
 * part of its text. Its exit code is read as a constant of one Java enum whose constants are the names of its header's exit codes
 * (the numbers live in the script only).
 *
 * @param <E> the enum of the script's exit codes
 */
public final class ScriptFile<E extends Enum<E>> {
    /** Where the scripts are on the classpath. */
    public static final String FOLDER = "/io/jenkins/plugins/certrecovery/scripts/";

    /** A script's line that includes a fragment (a file of shell functions), replaced by the fragment's text when built. */
    private static final Pattern INCLUDE = Pattern.compile("\\. \\./([a-z0-9-]+\\.sh)");
    /** The directive that tells shellcheck where an included fragment is; it has no place in the built script. */
    private static final String SOURCE_DIRECTIVE = "# shellcheck source=";

    private static final String EXIT_CODES = "# Exit codes";
    private static final Pattern EXIT_CODE = Pattern.compile("#\\s+(\\d+)\\s+([A-Z][A-Z0-9_]*)\\s+\\S.*");

    private final String text;
    private final Map<Integer, E> exits;

    private ScriptFile(String text, Map<Integer, E> exits) {
        this.text = text;
        this.exits = Map.copyOf(exits);
    }

    /**
     * Loads a script and maps the exit codes its header documents to the constants of {@code exitCodes}, by name.
     *
     * @throws IllegalStateException when the header and the enum do not name the same exit codes (a packaging bug)
     */
    public static <E extends Enum<E>> ScriptFile<E> load(String name, Class<E> exitCodes) {
        List<String> lines = read(name);
        List<String> header = lines.stream().takeWhile(l -> l.startsWith("#")).toList();
        List<String> documented =
                header.stream().dropWhile(l -> !l.startsWith(EXIT_CODES)).toList();
        Map<Integer, E> exits = new HashMap<>();
        Set<E> missing = EnumSet.allOf(exitCodes);
        for (String line : documented) {
            Matcher exit = EXIT_CODE.matcher(line);
            if (exit.matches()) {
                E code = Arrays.stream(exitCodes.getEnumConstants())
                        .filter(c -> c.name().equals(exit.group(2)))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException(name + " documents exit code " + exit.group(2)
                                + ", which " + exitCodes.getName() + " does not have"));
                exits.put(Integer.parseInt(exit.group(1)), code);
                missing.remove(code);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    name + " does not document the exit codes " + missing + " of " + exitCodes.getName());
        }
        return new ScriptFile<>(build(lines), exits);
    }

    /**
     * The script as it is sent: its header comment left out (the host needs none of it, and the audit records every command in
     * full) and each include line replaced by the fragment's text, also without its header.
     */
    public String text() {
        return text;
    }

    /** What an exit code of this script means, or nothing for a code its header does not document. */
    public Optional<E> exit(int code) {
        return Optional.ofNullable(exits.get(code));
    }

    /** A script's text as sent, without reading its exit codes: for the tests of its arguments. */
    static String textOf(String name) {
        return build(read(name));
    }

    private static List<String> read(String name) {
        return List.of(ClasspathText.read(ScriptFile.class, FOLDER + name).split("\n", -1));
    }

    private static String build(List<String> lines) {
        StringBuilder built = new StringBuilder();
        for (String line : lines.stream().dropWhile(l -> l.startsWith("#")).toList()) {
            Matcher include = INCLUDE.matcher(line);
            if (include.matches()) {
                built.append(build(read(include.group(1))));
            } else if (!line.startsWith(SOURCE_DIRECTIVE)) {
                built.append(line).append('\n');
            }
        }
        return built.toString().stripTrailing() + "\n";
    }
}
