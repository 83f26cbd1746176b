package io.jenkins.plugins.certrecovery.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Greps files for secrets: each secret whole, and every line of at least 16 characters of a multi-line secret (a private key
 * printed in pieces is still a leak). Findings name the file and the secret's label, never the secret.
 */
final class SecretScan {
    private final Map<String, String> needles = new LinkedHashMap<>();

    /** The secrets no CLI run on the cluster may print: the operator's private key, its passphrase, the bootstrap token. */
    static SecretScan ofCliRuns(E2eCluster cluster) {
        try {
            return new SecretScan()
                    .secret(
                            "operator private key",
                            Files.readString(cluster.hosts().operatorKey()))
                    .secret("passphrase", OpenSshCluster.OPERATOR_PASSPHRASE)
                    .secret("bootstrap token", cluster.sandbox().secretValues().get(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operator's key", e);
        }
    }

    /** Adds a secret under a label that may be printed ("operator private key"). */
    SecretScan secret(String label, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("secret " + label + " is empty: the scan would prove nothing");
        }
        needles.put(label, value);
        List<String> lines = value.lines()
                .map(String::strip)
                .filter(l -> l.length() >= 16 && !l.startsWith("-----"))
                .toList();
        if (lines.size() > 1) {
            for (int i = 0; i < lines.size(); i++) {
                needles.put(label + " (line " + (i + 1) + ")", lines.get(i));
            }
        }
        return this;
    }

    /** "file: label" for every secret found in the files under the given paths (files or directories). */
    List<String> findIn(List<Path> roots) {
        List<String> findings = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                    needles.forEach((label, needle) -> {
                        if (text.contains(needle)) {
                            findings.add(file + ": " + label);
                        }
                    });
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot scan " + root, e);
            }
        }
        return findings;
    }

    int size() {
        return needles.size();
    }
}
