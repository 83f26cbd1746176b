package io.jenkins.plugins.certrecovery.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small formats the simulated tools reproduce. */
class FormatsTest {
    @Test
    void backupSuffixIsWhatGoMakesOfTheOperatorsLayout() {
        // time.Now().Format(".1989-12-01-23-59-59") reads 1 = month, 2 = day, 01 = padded month, 3 = 12-hour clock, 5 =
        // second
        assertEquals(".11989-1126-11-263-599-599", HostFiles.goBackupSuffix(Instant.parse("2026-11-26T15:07:59Z")));
        assertEquals(".3989-35-03-512-09-09", HostFiles.goBackupSuffix(Instant.parse("2026-03-05T00:00:00Z")));
    }

    @Test
    void ageColumnFollowsHumanDuration() {
        assertEquals("0s", OcTool.humanDuration(Duration.ofMillis(-500)));
        assertEquals("119s", OcTool.humanDuration(Duration.ofSeconds(119)));
        assertEquals("5m5s", OcTool.humanDuration(Duration.ofSeconds(305)));
        assertEquals("12m", OcTool.humanDuration(Duration.ofMinutes(12)));
        assertEquals("3h20m", OcTool.humanDuration(Duration.ofMinutes(200)));
        assertEquals("30h", OcTool.humanDuration(Duration.ofHours(30)));
        assertEquals("3d4h", OcTool.humanDuration(Duration.ofHours(76)));
        assertEquals("400d", OcTool.humanDuration(Duration.ofDays(400)));
        assertEquals("2y35d", OcTool.humanDuration(Duration.ofDays(765)));
    }

    @Test
    void jsonPathReadsFieldsEscapedDotsAndLists() throws Exception {
        var json =
                new ObjectMapper().readTree("{\"data\":{\"ca.crt\":\"Q0E=\"},\"items\":[{\"n\":\"a\"},{\"n\":\"b\"}]}");
        assertEquals("Q0E=", JsonPath.evaluate(json, "{.data.ca\\.crt}"));
        assertEquals("a b", JsonPath.evaluate(json, "{.items[*].n}"));
        assertEquals("<b>", JsonPath.evaluate(json, "<{.items[1].n}>"));
        assertEquals("", JsonPath.evaluate(json, "{.missing.field}"));
        assertThrows(OcTool.OcError.class, () -> JsonPath.evaluate(json, "{.items[?(@.n==\"a\")]}"));
    }

    @Test
    void tablePadsColumnsByThreeSpacesLikeKubectl() {
        assertEquals(
                "NAME        AGE   CONDITION\ncsr-abcde   5s    Pending\n",
                OcTool.table(List.of(List.of("NAME", "AGE", "CONDITION"), List.of("csr-abcde", "5s", "Pending"))));
    }

    @Test
    void pathRuleKeepsRootedPathsAndRootsTheOthers() {
        SimHost host = new SimHost(
                "master-0",
                HostRole.MASTER,
                Path.of("/tmp/s/hosts/master-0"),
                Path.of("/tmp/s/tools/master-0"),
                "192.0.2.10");
        assertEquals(
                Path.of("/tmp/s/hosts/master-0/etc/kubernetes/kubeconfig"),
                host.resolve("/", "/etc/kubernetes/kubeconfig"));
        assertEquals(
                Path.of("/tmp/s/hosts/master-0/etc/kubernetes/kubeconfig"),
                host.resolve("/", "/tmp/s/hosts/master-0/etc/kubernetes/kubeconfig"));
        assertEquals(Path.of("/tmp/s/hosts/master-0/root/kubeconfig"), host.resolve("/root", "kubeconfig"));
        assertEquals(
                Path.of("/tmp/s/hosts/master-0/root/kubeconfig"),
                host.resolve("/tmp/s/hosts/master-0/root", "kubeconfig"));
        assertEquals(Path.of("/tmp/s/hosts/master-0/etc"), host.resolve("/", "/../../etc"), "no way out of the host");
        assertEquals(Path.of("/tmp/s/hosts/master-0/etc"), host.resolve("/root", "../../../etc"));
        assertEquals(Path.of("/tmp/s/hosts/master-0"), host.resolve("/", "/tmp/s/hosts/master-0"));
    }
}
