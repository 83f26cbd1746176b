package io.jenkins.plugins.certrecovery.ssh;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whatever a value holds, a real /bin/sh receives exactly that value as one word. */
class ShellQuotingPropertyTest {
    private static final List<String> HOSTILE = List.of("'", "\"", "$(id)", "`id`", ";", "&&", "|", "\n", "\r", "*", "?", "[a]",
            "~", "-", "--", "-rf", "$HOME", "${IFS}", "\\", " ", "\t", "#", "!", "é", "日本", "🙂", "\u202e", "%s", "{a,b}", "<", ">");

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(HOSTILE),
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

    private static byte[] sh(String script) throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("/bin/sh").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = sh.getOutputStream()) {
            in.write(script.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sh.getInputStream().transferTo(out);
        assertEquals(0, sh.waitFor(), script);
        return out.toByteArray();
    }
}
