package io.jenkins.plugins.certrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicLong now = new AtomicLong();
    private final SecretMasker masker = new SecretMasker();

    private Terminal terminal(boolean onTerminal, boolean colour, Terminal.Verbosity verbosity) {
        return new Terminal(
                new PrintWriter(out), new PrintWriter(err), onTerminal, colour, verbosity, masker, now::get);
    }

    @Test
    void onATerminalTheProgressLineRedrawsInPlaceAndIsClearedBeforeTheNextLine() {
        Terminal terminal = terminal(true, false, Terminal.Verbosity.NORMAL);
        terminal.progress("kube-system namespace on master-0", Duration.ofSeconds(5), Duration.ofMinutes(10), null);
        terminal.progress("kube-system namespace on master-0", Duration.ofSeconds(6), Duration.ofMinutes(10), null);
        terminal.hostLine("master-0", "namespace/kube-system");
        String text = out.toString();
        assertTrue(text.startsWith("\r  waiting: kube-system namespace on master-0  0:05 / 10:00"), text);
        assertTrue(text.contains("\r  waiting: kube-system namespace on master-0  0:06 / 10:00"), text);
        assertEquals(1, text.split("\n", -1).length - 1, "the progress line adds no line of its own: " + text);
        assertTrue(text.endsWith("\r[master-0] namespace/kube-system\n"), text);
    }

    @Test
    void offATerminalProgressIsPlainLinesAtMostEveryPeriodAndAgainWhenTheSubjectChanges() {
        Terminal terminal = terminal(false, true, Terminal.Verbosity.NORMAL);
        for (int second = 0; second <= 25; second++) {
            now.set(Duration.ofSeconds(second).toNanos());
            terminal.progress(
                    "node CSRs",
                    Duration.ofSeconds(second),
                    Duration.ofMinutes(10),
                    second % 2 == 0 ? "2 pending" : null);
        }
        terminal.progress("nodes Ready", Duration.ofSeconds(25), Duration.ofMinutes(10), null);
        String[] lines = out.toString().split("\n");
        assertEquals(4, lines.length, out::toString);
        assertEquals("  waiting: node CSRs  0:00 / 10:00  (2 pending)", lines[0]);
        assertEquals("  waiting: node CSRs  0:10 / 10:00  (2 pending)", lines[1]);
        assertEquals("  waiting: node CSRs  0:20 / 10:00  (2 pending)", lines[2]);
        assertEquals("  waiting: nodes Ready  0:25 / 10:00", lines[3]);
        assertFalse(out.toString().contains("\r"), "no carriage returns in logs");
    }

    @Test
    void coloursOnlyOnATerminalAndNotWithNoColor() {
        terminal(false, true, Terminal.Verbosity.NORMAL).result("ok", Terminal.Outcome.GOOD);
        terminal(true, false, Terminal.Verbosity.NORMAL).result("ok", Terminal.Outcome.GOOD);
        assertFalse(out.toString().contains("\u001b["), out::toString);
        terminal(true, true, Terminal.Verbosity.NORMAL).result("ok", Terminal.Outcome.GOOD);
        assertTrue(out.toString().contains("\u001b[32mok\u001b[0m"), out::toString);
    }

    @Test
    void quietKeepsResultsWarningsAndErrorsOnly() {
        Terminal terminal = terminal(false, false, Terminal.Verbosity.QUIET);
        terminal.heading("step");
        terminal.info("info");
        terminal.hostLine("master-0", "output");
        terminal.progress("x", Duration.ZERO, Duration.ofSeconds(1), null);
        terminal.detail("detail");
        terminal.result("result");
        terminal.warning("warning");
        terminal.error("error");
        assertEquals("result\nwarning\n", out.toString());
        assertEquals("error\n", err.toString());
    }

    @Test
    void detailsOnlyWhenVerbose() {
        terminal(false, false, Terminal.Verbosity.NORMAL).detail("hidden");
        terminal(false, false, Terminal.Verbosity.NORMAL).hostDetail("master-0", "hidden");
        terminal(false, false, Terminal.Verbosity.VERBOSE).detail("shown");
        terminal(false, false, Terminal.Verbosity.VERBOSE).hostDetail("master-0", "raw output");
        assertEquals("shown\n[master-0] raw output\n", out.toString());
    }

    @Test
    void everythingPrintedIsMasked() {
        masker.register("s3cret-passphrase");
        Terminal terminal = terminal(true, false, Terminal.Verbosity.VERBOSE);
        terminal.hostLine("master-0", "echo s3cret-passphrase");
        terminal.hostDetail("master-0", "s3cret-passphrase");
        terminal.progress("token", Duration.ZERO, Duration.ofSeconds(1), "s3cret-passphrase");
        terminal.result("s3cret-passphrase");
        terminal.error("s3cret-passphrase");
        terminal.errorDetail("s3cret-passphrase");
        assertFalse((out.toString() + err).contains("s3cret"), out + "" + err);
    }

    @Test
    void clockFormat() {
        assertEquals("0:00", Terminal.clock(Duration.ZERO));
        assertEquals("10:00", Terminal.clock(Duration.ofMinutes(10)));
        assertEquals("1:01:01", Terminal.clock(Duration.ofSeconds(3661)));
    }
}
