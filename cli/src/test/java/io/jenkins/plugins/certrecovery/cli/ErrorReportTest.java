package io.jenkins.plugins.certrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ErrorReportTest {
    @Test
    void theParagraphJoinsTheCauseChainSayingEachMessageOnce() {
        IOException root = new IOException("Connection refused");
        RuntimeException middle = new UncheckedIOException("master-0: cannot connect: Connection refused", root);
        IllegalStateException top = new IllegalStateException("recovery-apiserver create failed on master-0", middle);
        assertEquals(
                "recovery-apiserver create failed on master-0: master-0: cannot connect: Connection refused",
                ErrorReport.paragraph(top));
    }

    @Test
    void aFailureWithoutMessageIsNamedAndPointsAtVerbose() {
        assertEquals(
                "NullPointerException (run with --verbose for the stack trace)",
                ErrorReport.paragraph(new NullPointerException()));
    }

    @Test
    void theStackTraceOnlyWithVerboseAndMaskedToo() {
        SecretMasker masker = new SecretMasker();
        masker.register("hunter2-passphrase");
        RuntimeException failure = new RuntimeException("wrong passphrase hunter2-passphrase");
        for (Terminal.Verbosity verbosity : Terminal.Verbosity.values()) {
            StringWriter err = new StringWriter();
            Terminal terminal = new Terminal(
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(err),
                    false,
                    false,
                    verbosity,
                    masker,
                    System::nanoTime);
            ErrorReport.print(terminal, "recover", failure);
            assertTrue(err.toString().startsWith("error: recover: wrong passphrase ****\n"), err::toString);
            assertEquals(verbosity == Terminal.Verbosity.VERBOSE, err.toString().contains("\tat "), err::toString);
            assertFalse(err.toString().contains("hunter2"), err::toString);
        }
    }
}
