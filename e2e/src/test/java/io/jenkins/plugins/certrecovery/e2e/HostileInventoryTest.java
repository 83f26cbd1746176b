package io.jenkins.plugins.certrecovery.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Inventories whose names, hosts and user carry shell metacharacters, given to the real CLI with five reachable OpenSSH hosts:
 * refused at load with the field named, no login attempted, and the canary file the payloads would create appears nowhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInventoryTest {
    private static final String CANARY = "/tmp/ocpcr-e2e-canary";
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);

    private Path dir;
    private Path roots;
    private OpenSshCluster cluster;

    @BeforeAll
    void startHosts() throws IOException {
        E2eRequirements.assumeMet();
        dir = E2eSettings.workDir().resolve("hostile-inventory");
        OpenSshCluster.deleteTree(dir);
        roots = dir.resolve("roots");
        Path tools = Files.createDirectories(dir.resolve("tools"));
        Files.deleteIfExists(Path.of(CANARY));
        cluster = OpenSshCluster.start(OpenSshCluster.threeMastersTwoWorkers(roots, tools), dir.resolve("logs"), E2eSettings.sshPort());
    }

    @AfterAll
    void stopHosts() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void metacharactersInNamesHostsAndUserAreRefusedAtLoadAndNothingRuns() throws IOException {
        Map<String, Object> inventory = InventoryFile.of(cluster, "quay.io/openshift-release-dev/ocp-release:4.3.0-x86_64",
                E2eRequirements.CORE_USER);
        Map<String, String> payloads = new LinkedHashMap<>();
        payloads.put("masters[0].name", "master-0;touch " + CANARY);
        payloads.put("masters[1].host", "127.0.1.12$(touch " + CANARY + ")");
        payloads.put("masters[2].host", "127.0.1.13`touch " + CANARY + "`");
        payloads.put("workers[0].name", "worker-0\ntouch " + CANARY);
        payloads.put("workers[1].host", "127.0.1.22 && touch " + CANARY);
        payloads.put("ssh.user", "core;touch " + CANARY);
        payloads.forEach((path, value) -> set(inventory, path, value));
        Path file = InventoryFile.write(inventory, dir.resolve("hostile-inventory.yaml"));

        for (String command : List.of("plan", "check")) {
            CliProcess.Run run = CliProcess.run(dir, command, OpenSshCluster.OPERATOR_PASSPHRASE, CLI_TIMEOUT, command, "-i",
                    file.toString());
            assertEquals(64, run.exitCode(), run::toString);
            for (String path : payloads.keySet()) {
                assertTrue(run.output().contains(path), () -> "the refusal names " + path + ":\n" + run);
            }
        }
        assertNoCanaryAndNoLogin();
        Outcomes.record("hostile-inventory-metacharacters", "hostile input",
                "inventory with `;`, `$( )`, backticks, a newline and `&&` in 2 names, 3 hosts and ssh.user (`plan`, `check`)",
                "exit 64 before any connection; every field named (" + String.join(", ", payloads.keySet())
                        + "); no canary file, no SSH connection in any sshd log");
    }

    private void assertNoCanaryAndNoLogin() throws IOException {
        assertFalse(Files.exists(Path.of(CANARY)), "canary " + CANARY + " created");
        for (NamespacedSshd host : cluster.hosts()) {
            try (var files = Files.walk(roots.resolve(host.spec().name()))) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("canary")), "canary on " + host.spec().name());
            }
            assertFalse(Files.readString(host.log()).contains("Connection from"), "no login attempted on " + host.spec().name());
        }
    }

    /** Sets a value at an inventory path such as {@code masters[1].host} or {@code ssh.user}. */
    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> inventory, String path, String value) {
        String[] parts = path.split("\\.");
        Object container = inventory;
        String head = parts[0];
        int bracket = head.indexOf('[');
        if (bracket >= 0) {
            List<Object> list = (List<Object>) inventory.get(head.substring(0, bracket));
            container = list.get(Integer.parseInt(head.substring(bracket + 1, head.length() - 1)));
        } else {
            container = inventory.get(head);
        }
        ((Map<String, Object>) container).put(parts[1], value);
    }
}
