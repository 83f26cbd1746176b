package io.jenkins.plugins.certrecovery.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a value holds, a real /bin/sh receives exactly that value as one word, also as a host script's argument. */
class ShellQuotingPropertyTest {
    private static final List<String> HOSTILE = List.of(
            "'", "\"", "$(id)", "`id`", ";", "&&", "|", "\n", "\r", "*", "?", "[a]", "~", "-", "--", "-rf", "$HOME",
            "${IFS}", "\\", " ", "\t", "#", "!", "é", "日本", "🙂", "\u202e", "%s", "{a,b}", "<", ">");

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of(HOSTILE),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(4),
                Arbitraries.strings().withCharRange('\u00a0', '\ud7ff').ofMaxLength(2));
        return piece.list().ofMaxSize(8).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<List<String>> argvs() {
        return Combinators.combine(hostile(), hostile(), hostile()).as(List::of);
    }

    @Property(tries = 100)
    void aQuotedValueComesBackByteExact(@ForAll("hostile") String value) throws Exception {
        // The script reaches sh on stdin, so the JVM's own argument encoding plays no part.
        byte[] echoed = sh("printf '%s' " + ShellQuoting.quote(value));
        assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), echoed, () -> "value: " + value);
    }

    @Property(tries = 50)
    void aJoinedArgvArrivesAsTheSameWords(@ForAll("argvs") List<String> argv) throws Exception {
        byte[] echoed = sh("printf '%s\\0' " + ShellQuoting.join(argv));
        assertEquals(String.join("\0", argv) + "\0", new String(echoed, StandardCharsets.UTF_8));
    }

    /** Each host script in scripts/ that is run (keep-function.sh is a fragment the others include). */
    @Provide
    Arbitrary<String> scripts() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(Path.of(
                ShellQuotingPropertyTest.class.getResource(ScriptFile.FOLDER).toURI()))) {
            return Arbitraries.of(files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".sh") && !n.equals("keep-function.sh"))
                    .sorted()
                    .toList());
        }
    }

    private static final Pattern ASSIGNMENT = Pattern.compile("([a-z_]+)=\\$(\\d)");
    private static final Pattern SHIFT = Pattern.compile("shift(?: (\\d))?");

    /**
     * A script's arguments, passed the way the transport passes them ({@code sh -c SCRIPT NAME ARG…}, the line quoted with
     * {@link ShellQuoting#join}) to a real /bin/sh, arrive unchanged in the variables its prologue names and in what it leaves in
     * {@code "$@"}. The prologue (the lines up to the first blank one) is run as sent, followed by a printf of those variables.
     */
    @Property(tries = 60)
    void aScriptsArgumentsArriveUnchangedInItsPrologue(
            @ForAll("scripts") String script, @ForAll("argvs") List<String> values, @ForAll("argvs") List<String> more)
            throws Exception {
        String sent = ScriptFile.textOf(script);
        String prologue = sent.substring(0, sent.indexOf("\n\n"));
        List<String> names = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        int shifted = 0;
        for (String statement : prologue.split("[;\n] *")) {
            Matcher assignment = ASSIGNMENT.matcher(statement.strip());
            Matcher shift = SHIFT.matcher(statement.strip());
            if (assignment.matches()) {
                names.add(assignment.group(1));
                positions.add(Integer.parseInt(assignment.group(2)));
            } else if (shift.matches()) {
                shifted += shift.group(1) == null ? 1 : Integer.parseInt(shift.group(1));
            } else {
                throw new AssertionError(
                        script + ": its prologue does more than name its arguments: `" + statement + "`");
            }
        }
        int needed = Math.max(
                shifted, positions.stream().mapToInt(Integer::intValue).max().orElse(0));
        List<String> args = new ArrayList<>(values);
        args.addAll(more);
        args = args.subList(0, Math.max(needed, Math.min(args.size(), needed + 2)));
        while (args.size() < needed) {
            args.add("");
        }
        StringBuilder probe = new StringBuilder(prologue).append("\nprintf '%s\\0'");
        names.forEach(n -> probe.append(" \"$").append(n).append('"'));
        probe.append(" \"$@\"\n");
        List<String> argv = new ArrayList<>(List.of("sh", "-c", probe.toString(), script.replace(".sh", "")));
        argv.addAll(args);
        List<String> expected = new ArrayList<>();
        for (int position : positions) {
            expected.add(args.get(position - 1));
        }
        expected.addAll(args.subList(shifted, args.size()));
        byte[] echoed = sh(ShellQuoting.join(argv));
        assertEquals(
                String.join("\0", expected) + (expected.isEmpty() ? "" : "\0"),
                new String(echoed, StandardCharsets.UTF_8),
                () -> script + " with " + values);
    }

    private static byte[] sh(String script) throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("/bin/sh")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (OutputStream in = sh.getOutputStream()) {
            in.write(script.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sh.getInputStream().transferTo(out);
        assertEquals(0, sh.waitFor(), script);
        return out.toByteArray();
    }
}
