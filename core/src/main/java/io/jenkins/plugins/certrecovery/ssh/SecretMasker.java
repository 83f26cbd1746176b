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

    private void add(String secret) {
        if (!secrets.contains(secret)) {
            secrets.add(secret);
        }
    }

    public String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        List<String> longestFirst = new ArrayList<>(secrets);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        String masked = text;
        for (String secret : longestFirst) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    public List<String> secrets() {
        return List.copyOf(secrets);
    }
}
