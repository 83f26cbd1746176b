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
        return masked;
    }

    /**
     * Masks a pair of consecutive lines where a secret was split by the line break: the end of {@code previous} followed by
     * the start of {@code next} spells a whole secret. Returns the two lines with their parts of the secret masked.
     */
    public String[] maskAcrossLineBreak(String previous, String next) {
        String before = previous;
        String after = next;
        for (String secret : longestFirst) {
            for (int split = 1; split < secret.length(); split++) {
                int rest = secret.length() - split;
                if (before.regionMatches(before.length() - split, secret, 0, split) && after.regionMatches(0, secret, split, rest)) {
                    before = before.substring(0, before.length() - split) + MASK;
                    after = MASK + after.substring(rest);
                    break;
                }
            }
        }
        return new String[] {before, after};
    }

    /** True when the text ends with the start of a secret, so the next line could complete it. */
    public boolean endsWithPartOfSecret(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char last = text.charAt(text.length() - 1);
        for (String secret : secrets) {
            for (int split = 1; split < secret.length(); split++) {
                if (secret.charAt(split - 1) == last && text.regionMatches(text.length() - split, secret, 0, split)) {
                    return true;
                }
            }
        }
        return false;
    }

    public List<String> secrets() {
        return List.copyOf(secrets);
    }
}
