package io.jenkins.plugins.certrecovery.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test (its name keeps it out of the suite; run it by name): {@code recover --approve validated} through CLI
 * jars on fresh OpenSSH clusters (3 + 2, OpenShift 4.3, {@link SandboxSpec#defaults()}), the jars taking turns round by round so
 * that the machine's load hits each alike. Prints each run's wall time (the process, from start to exit) and the medians.
 *
 * <pre>
 * flock /tmp/e2e.lock mvn -B verify -Pe2e -pl e2e -am -DskipITs -Dtest=CliRecoverBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dbenchmark.jars=before=/tmp/before.jar,after=/tmp/after.jar -Dbenchmark.rounds=3
 * </pre>
 */
class CliRecoverBenchmark {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);

    @Test
    void recoverThroughEachJar() {
        String jars = System.getProperty("benchmark.jars", "");
        Assumptions.assumeFalse(
                jars.isBlank(), "benchmark skipped: give -Dbenchmark.jars=label=path[,label=path…] to measure");
        E2eRequirements.assumeMet();
        int rounds = Integer.parseInt(System.getProperty("benchmark.rounds", "3"));
        Map<String, Path> byLabel = new LinkedHashMap<>();
        for (String entry : jars.split(",")) {
            String[] labelAndPath = entry.split("=", 2);
            byLabel.put(labelAndPath[0], Path.of(labelAndPath[1]).toAbsolutePath());
        }
        Map<String, List<Duration>> times = new LinkedHashMap<>();
        byLabel.keySet().forEach(label -> times.put(label, new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(byLabel.keySet());
            if (round % 2 == 0) {
                Collections.reverse(order); // neither jar always goes first
            }
            for (String label : order) {
                String scenario = "bench-" + label + "-" + round;
                try (E2eCluster cluster = E2eCluster.start(scenario, SandboxSpec.defaults())) {
                    Path inventory = cluster.inventory(E2eRequirements.CORE_USER);
                    CliProcess.Run run = CliProcess.runJar(
                            byLabel.get(label),
                            cluster.dir(),
                            "recover",
                            OpenSshCluster.OPERATOR_PASSPHRASE,
                            RUN_TIMEOUT,
                            "recover",
                            "-i",
                            inventory.toString(),
                            "--approve",
                            // no audit flag: its name changed between versions; each jar writes its default file
                            "validated");
                    assertEquals(0, run.exitCode(), run::toString);
                    times.get(label).add(run.duration());
                    System.out.printf(
                            "[bench] %s round %d: recover %d ms (%s, load %s)%n",
                            label, round, run.duration().toMillis(), Instant.now(), load());
                }
            }
        }
        times.forEach((label, list) -> System.out.printf(
                "[bench] %s: %s ms, median %d ms%n",
                label,
                list.stream().map(d -> String.valueOf(d.toMillis())).toList(),
                median(list).toMillis()));
    }

    private static Duration median(List<Duration> durations) {
        List<Duration> sorted = durations.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
