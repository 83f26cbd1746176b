package io.jenkins.plugins.certrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class YesNoPromptTest {
    @Test
    void answersArePipedLinesAndOnlyYesIsYes() {
        StringWriter out = new StringWriter();
        Terminal terminal = new Terminal(
                new PrintWriter(out),
                new PrintWriter(new StringWriter()),
                false,
                false,
                Terminal.Verbosity.QUIET,
                new SecretMasker(),
                System::nanoTime);
        YesNoPrompt prompt = new YesNoPrompt(new BufferedReader(new StringReader("y\n YES \nn\n\nmaybe\n")), terminal);
        assertTrue(prompt.ask("approve csr-1?"));
        assertTrue(prompt.ask("approve csr-2?"));
        assertFalse(prompt.ask("approve csr-3?"));
        assertFalse(prompt.ask("approve csr-4?"), "an empty answer is the default, no");
        assertFalse(prompt.ask("approve csr-5?"));
        assertFalse(prompt.ask("approve csr-6?"), "end of input is no");
        assertTrue(out.toString().startsWith("approve csr-1? [y/N] approve csr-2? [y/N] "), out::toString);
        assertTrue(
                out.toString().endsWith("approve csr-6? [y/N] \n"),
                "the question asked at end of input is ended: " + out);
        assertEquals(6, out.toString().split("\\[y/N\\]").length - 1);
    }
}
