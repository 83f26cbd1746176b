package io.jenkins.plugins.certrecovery.ssh;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replaces registered secrets with {@code ****} in everything that is logged, reported or audited.
 * One instance per run, shared by the transport, the engine, reports and audit.
 */
public final class SecretMasker {
    public static final String MASK = "****";
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    // Longest first, so a secret that contains another is replaced whole; rebuilt on register, read on every line.
    private volatile List<String> longestFirst = List.of();

    /** Registers a secret (key text, passphrase, password, token). Multi-line secrets are also registered line by line. */
    public void register(String secret) {
        if (secret == null || secret.isBlank()) {
            return;
        }
        add(secret);
        for (String line : secret.split("\\R")) {
            if (line.strip().length() >= 8) {
                add(line.strip());
            }
        }
    }

    private synchronized void add(String secret) {
        if (!secrets.contains(secret)) {
            secrets.add(secret);
            List<String> sorted = new ArrayList<>(secrets);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            longestFirst = List.copyOf(sorted);
        }
    }

    public String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : longestFirst) {
            masked = masked.replace(secret, MASK);
        }
        if (masked.indexOf('\n') < 0) {
            return masked;
        }
        return String.join("\n", maskAcrossLineBreaks(List.of(masked.split("\n", -1))));
    }

    /**
     * Masks consecutive lines where a secret was split by line breaks: the lines joined without their breaks spell a whole secret
     * that no single line holds. Every line that carries part of it gets that part replaced by {@link #MASK} (a line that is all
     * secret becomes {@code ****}). Lines masked one by one already ({@link #mask}) go in; the lines come back in a new list.
     */
    public List<String> maskAcrossLineBreaks(List<String> lines) {
        List<String> masked = new ArrayList<>(lines);
        for (String secret : longestFirst) {
            // All occurrences are found in the text as it was before this secret's masks, and applied from the last one
            // back, so a
            // mask can never form a new occurrence (a secret of asterisks would otherwise be found again and again).
            List<int[]> spans = spanningOccurrences(masked, secret);
            for (int k = spans.size() - 1; k >= 0; k--) {
                int[] span = spans.get(k);
                int first = span[0];
                int last = span[2];
                masked.set(last, MASK + masked.get(last).substring(span[3]));
                for (int i = first + 1; i < last; i++) {
                    masked.set(i, MASK);
                }
                masked.set(first, masked.get(first).substring(0, span[1]) + MASK);
            }
        }
        return masked;
    }

    /** The secret's non-overlapping occurrences across line breaks, in order: {first line, start in it, last line, end in it}. */
    private static List<int[]> spanningOccurrences(List<String> lines, String secret) {
        StringBuilder joined = new StringBuilder();
        int[] lineStarts = new int[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            lineStarts[i] = joined.length();
            joined.append(lines.get(i));
        }
        List<int[]> spans = new ArrayList<>();
        for (int at = joined.indexOf(secret); at >= 0; at = joined.indexOf(secret, at + secret.length())) {
            int end = at + secret.length();
            int first = lineOf(lineStarts, at);
            int last = lineOf(lineStarts, end - 1);
            if (first != last) {
                spans.add(new int[] {first, at - lineStarts[first], last, end - lineStarts[last]});
            }
        }
        return spans;
    }

    private static int lineOf(int[] lineStarts, int offset) {
        int line = 0;
        while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) {
            line++;
        }
        return line;
    }

    /**
     * How many characters at the end of the text are the beginning of a secret (the longest such), so that the next lines could
     * complete it; 0 when none.
     */
    public int partOfSecretAtEnd(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int longest = 0;
        int length = text.length();
        char last = text.charAt(length - 1);
        for (String secret : longestFirst) {
            for (int part = Math.min(secret.length() - 1, length); part > longest; part--) {
                if (secret.charAt(part - 1) == last && text.regionMatches(length - part, secret, 0, part)) {
                    longest = part;
                    break;
                }
            }
        }
        return longest;
    }

    public List<String> secrets() {
        return List.copyOf(secrets);
    }
}
