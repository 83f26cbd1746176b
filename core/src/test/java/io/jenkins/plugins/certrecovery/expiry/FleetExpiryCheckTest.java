package io.jenkins.plugins.certrecovery.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet check's own rules: no cluster ends the run, names are unique, the bound holds; the cluster checks are stand-ins. */
class FleetExpiryCheckTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    private static Inventory cluster(String name) {
        return new InventoryLoader(InventoryLoader.Caller.JENKINS, Path.of("/nonexistent"))
                .fromYaml(
                        "name: " + name
                                + "\nocpVersion: \"4.3\"\nreleaseImage: quay.io/openshift-release-dev/ocp-release:4.3.0-x86_64\n"
                                + "masters:\n  - {name: master-0, host: 10.0.0.10}\n",
                        name);
    }

    private static ExpiryReport empty(Inventory inventory) {
        return new ExpiryReport(inventory.name(), CLOCK.instant(), Duration.ZERO, ExpiryThresholds.DEFAULT, List.of());
    }

    private final SecretMasker masker = new SecretMasker();

    @Test
    void aRefusedInventoryIsOneInvalidInventoryRowOfItsCluster() throws Exception {
        List<ExpiryReport> reports = new FleetExpiryCheck(2, ExpiryThresholds.DEFAULT, masker, CLOCK)
                .run(
                        List.of(
                                FleetExpiryCheck.Member.loaded(cluster("east"), "east.yaml"),
                                FleetExpiryCheck.Member.refused(
                                        Path.of("clusters/broken.yaml"), "masters: is missing")),
                        FleetExpiryCheckTest::empty);
        assertEquals(
                List.of("east", "broken"),
                reports.stream().map(ExpiryReport::cluster).toList());
        ExpiryRow row = reports.get(1).rows().get(0);
        assertEquals(ErrorKind.INVALID_INVENTORY, row.errorKind());
        assertEquals("clusters/broken.yaml", row.source());
        assertTrue(row.error().contains("masters: is missing"), row.error());
    }

    @Test
    void aClusterWhoseCheckFailsIsAnUnreachableRowAndTheOthersAreChecked() throws Exception {
        masker.register("s3cret-passphrase");
        List<ExpiryReport> reports = new FleetExpiryCheck(1, ExpiryThresholds.DEFAULT, masker, CLOCK)
                .run(
                        List.of(
                                FleetExpiryCheck.Member.loaded(cluster("down"), "down.yaml"),
                                FleetExpiryCheck.Member.loaded(cluster("up"), "up.yaml")),
                        inventory -> {
                            if (inventory.name().equals("down")) {
                                throw new IllegalArgumentException(
                                        "the key with passphrase s3cret-passphrase does not decode");
                            }
                            return empty(inventory);
                        });
        assertEquals(ExpiryStatus.ERROR, reports.get(0).result());
        assertEquals(ErrorKind.UNREACHABLE, reports.get(0).rows().get(0).errorKind());
        assertFalse(reports.get(0).rows().get(0).error().contains("s3cret-passphrase"), "masked");
        assertEquals(ExpiryStatus.OK, reports.get(1).result());
    }

    @Test
    void twoMembersOfOneNameAreRefusedNamingBothSources() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> FleetExpiryCheck.requireDistinctNames(List.of(
                        FleetExpiryCheck.Member.loaded(cluster("east"), "a/east.yaml"),
                        FleetExpiryCheck.Member.loaded(cluster("east"), "b/east.yaml"))));
        assertTrue(
                refused.getMessage().startsWith("a/east.yaml and b/east.yaml are both cluster 'east'"),
                refused.getMessage());
    }

    @Test
    void exactlyTheBoundOfClustersIsCheckedAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // Three checks meet at the barrier (so three do run at once) and hold there while a fourth would be counted.
        java.util.concurrent.CyclicBarrier three = new java.util.concurrent.CyclicBarrier(3);
        List<FleetExpiryCheck.Member> members = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> FleetExpiryCheck.Member.loaded(cluster("c" + i), "c" + i + ".yaml"))
                .toList();
        List<ExpiryReport> reports = new FleetExpiryCheck(3, ExpiryThresholds.DEFAULT, masker, CLOCK)
                .run(members, inventory -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    three.await(1, java.util.concurrent.TimeUnit.MINUTES);
                    running.decrementAndGet();
                    return empty(inventory);
                });
        assertTrue(reports.stream().allMatch(r -> r.rows().isEmpty()), "every check met two others at the barrier");
        assertEquals(3, most.get(), "clusters checked at once");
    }

    @Test
    void aGlobMatchesRegularFilesBelowItsDirectorySorted(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("clusters/old"));
        Files.writeString(dir.resolve("clusters/west.yaml"), "");
        Files.writeString(dir.resolve("clusters/east.yaml"), "");
        Files.writeString(dir.resolve("clusters/notes.txt"), "");
        Files.writeString(dir.resolve("clusters/old/gone.yaml"), "");
        assertEquals(
                List.of(dir.resolve("clusters/east.yaml"), dir.resolve("clusters/west.yaml")),
                FileGlob.matches(dir.resolve("clusters/*.yaml")));
        assertEquals(
                List.of(dir.resolve("clusters/old/gone.yaml")), FileGlob.matches(dir.resolve("clusters/**/gone.yaml")));
        assertEquals(List.of(), FileGlob.matches(dir.resolve("nowhere/*.yaml")));
    }
}
