package io.jenkins.plugins.certrecovery.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetExpiryReportTest {
    @TempDir
    Path dir;

    private final ExpiryReport demo = SampleReports.mixed();

    /** A healthy cluster: the demo's ok rows only. */
    private ExpiryReport healthy(String cluster) {
        return new ExpiryReport(
                cluster,
                demo.checkedAt().plusSeconds(60),
                Duration.ofMillis(800),
                demo.thresholds(),
                demo.rows().stream()
                        .filter(row -> row.status() == ExpiryStatus.OK)
                        .toList());
    }

    private Path json(String name, ExpiryReport report) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            new ExpiryJsonReport(new SecretMasker()).write(report, out);
        }
        return file;
    }

    @Test
    void theJsonReportCarriesTheClusterAndTheDurationInTheSummaryAndEveryRow() throws IOException {
        var json = new ObjectMapper().readTree(Files.readString(json("demo.json", demo)));
        assertEquals("demo", json.path("summary").path("cluster").asText());
        assertEquals(1.25, json.path("summary").path("durationSeconds").asDouble());
        json.path("rows")
                .forEach(row -> assertEquals("demo", row.path("cluster").asText(), row.toString()));
    }

    @Test
    void aReportReadBackEqualsTheReportWritten() throws IOException {
        assertEquals(demo, new ExpiryJsonReportReader().read(json("demo.json", demo)));
    }

    @Test
    void aComputedShutdownHorizonReadsBackAsItWasComputed() throws IOException {
        ExpiryReport checked = SampleReports.mixedWithHorizon("demo");
        assertTrue(checked.shutdownHorizon().computed(), "the sample's horizon is computed");
        assertEquals(checked, new ExpiryJsonReportReader().read(json("demo.json", checked)));
    }

    @Test
    void aMergedFleetKeepsEachClustersShutdownHorizon() throws IOException {
        ExpiryReport checked = SampleReports.mixedWithHorizon("demo");
        FleetExpiryReport fleet =
                FleetExpiryReport.merge(List.of(json("demo.json", checked), json("prod.json", healthy("prod"))));
        assertEquals(checked.shutdownHorizon(), fleet.summaries().get(0).shutdownHorizon());
        assertEquals(
                "not computed: the report was not made by a cluster check",
                fleet.summaries().get(1).shutdownHorizon().reason());
    }

    @Test
    void aReportWrittenBeforeReportsCarriedAHorizonReadsBackWithItNotComputed() throws IOException {
        ObjectNode json = new ExpiryJsonReport(new SecretMasker()).toJson(SampleReports.mixedWithHorizon("demo"));
        ((ObjectNode) json.path("summary")).remove("shutdownHorizon");
        Path old = dir.resolve("old.json");
        new ObjectMapper().writeValue(old.toFile(), json);
        assertFalse(new ExpiryJsonReportReader().read(old).shutdownHorizon().computed());
    }

    @Test
    void aHorizonDateDecidedByNoRowOfTheReportIsRefusedNamingTheField() throws IOException {
        ObjectNode json = new ExpiryJsonReport(new SecretMasker()).toJson(SampleReports.mixedWithHorizon("demo"));
        ((ObjectNode) json.path("summary")
                        .path("shutdownHorizon")
                        .path("nothingToDo")
                        .path("decidedBy"))
                .put("host", "master-9");
        Path broken = dir.resolve("broken.json");
        new ObjectMapper().writeValue(broken.toFile(), json);
        FleetReportException e =
                assertThrows(FleetReportException.class, () -> FleetExpiryReport.merge(List.of(broken)));
        assertTrue(
                e.getMessage()
                        .contains("summary.shutdownHorizon.nothingToDo.decidedBy (system:node:master-0 on master-9, "),
                e.getMessage());
        assertTrue(e.getMessage().contains("is none of the report's certificate rows"), e.getMessage());
    }

    @Test
    void mergingKeepsEveryRowWithItsClusterAndSummarisesEachCluster() throws IOException {
        FleetExpiryReport fleet =
                FleetExpiryReport.merge(List.of(json("demo.json", demo), json("prod.json", healthy("prod"))));

        assertEquals(
                List.of("demo", "prod"),
                fleet.clusters().stream().map(ExpiryReport::cluster).toList());
        assertEquals(demo.rows().size() + 2, fleet.rows().size());
        assertEquals(
                2,
                fleet.rows().stream()
                        .filter(row -> row.cluster().equals("prod"))
                        .count());
        assertTrue(fleet.rows().get(0).row().isError(), "errors first across the fleet");
        assertEquals(ExpiryStatus.ERROR, fleet.result());

        FleetExpiryReport.ClusterSummary demoSummary = fleet.summaries().get(0);
        assertEquals(ExpiryStatus.ERROR, demoSummary.result());
        assertEquals(
                "/var/lib/kubelet/pki/kubelet-client-current.pem",
                demoSummary.earliestExpiry().source());
        assertEquals(
                Map.of(
                        ExpiryStatus.OK,
                        2,
                        ExpiryStatus.WARNING,
                        3,
                        ExpiryStatus.CRITICAL,
                        1,
                        ExpiryStatus.EXPIRED,
                        1,
                        ExpiryStatus.ERROR,
                        2),
                demoSummary.counts());
        assertEquals(
                List.of(SampleReports.HOSTILE, "10.0.0.20"),
                demoSummary.errors().stream().map(ExpiryRow::source).toList());

        FleetExpiryReport.ClusterSummary prodSummary = fleet.summaries().get(1);
        assertEquals(ExpiryStatus.OK, prodSummary.result());
        assertEquals(demo.checkedAt().plusSeconds(60), prodSummary.checkedAt());
        assertEquals(List.of(), prodSummary.errors());
    }

    @Test
    void aClusterWithoutCertificatesHasNoEarliestExpiry() throws IOException {
        ExpiryReport onlyErrors =
                new ExpiryReport("dark", demo.checkedAt(), Duration.ZERO, demo.thresholds(), demo.errors());
        assertNull(FleetExpiryReport.merge(List.of(json("dark.json", onlyErrors)))
                .summaries()
                .get(0)
                .earliestExpiry());
    }

    @Test
    void twoReportsOfOneClusterAreRefusedNamingBothFiles() throws IOException {
        Path monday = json("monday.json", healthy("prod"));
        Path tuesday = json("tuesday.json", healthy("prod"));
        FleetReportException e =
                assertThrows(FleetReportException.class, () -> FleetExpiryReport.merge(List.of(monday, tuesday)));
        assertTrue(
                e.getMessage().startsWith(monday + " and " + tuesday + " are both reports of cluster 'prod'"),
                e.getMessage());
    }

    @Test
    void aFileThatIsNotJsonIsRefusedNamingIt() throws IOException {
        Path html = Files.writeString(dir.resolve("expiry-report.html"), "<!DOCTYPE html><html></html>");
        FleetReportException e = assertThrows(FleetReportException.class, () -> FleetExpiryReport.merge(List.of(html)));
        assertTrue(e.getMessage().startsWith(html + " is not an expiry report of this tool"), e.getMessage());
    }

    @Test
    void jsonOfAnotherKindIsRefusedNamingTheFile() throws IOException {
        Path other = Files.writeString(dir.resolve("package.json"), "{\"name\": \"x\", \"rows\": []}");
        FleetReportException e =
                assertThrows(FleetReportException.class, () -> FleetExpiryReport.merge(List.of(other)));
        assertTrue(
                e.getMessage()
                        .startsWith(other
                                + " is not an expiry report of this tool (openshift-cert-recovery/expiry-report/v1)"
                                + ": it has no \"schema\""),
                e.getMessage());
    }

    @Test
    void aReportWithoutAClusterNameIsRefusedNamingTheFieldAndWhatToDo() throws IOException {
        ObjectNode json = new ExpiryJsonReport(new SecretMasker()).toJson(demo);
        ((ObjectNode) json.path("summary")).remove("cluster");
        Path old = dir.resolve("old.json");
        new ObjectMapper().writeValue(old.toFile(), json);
        FleetReportException e = assertThrows(FleetReportException.class, () -> FleetExpiryReport.merge(List.of(old)));
        assertTrue(e.getMessage().contains(old + " is not an expiry report of this tool"), e.getMessage());
        assertTrue(e.getMessage().contains("summary.cluster is missing or not text"), e.getMessage());
        assertTrue(e.getMessage().contains("need the check to run again"), e.getMessage());
    }

    @Test
    void aMistypedRowFieldIsRefusedNamingTheRow() throws IOException {
        ObjectNode json = new ExpiryJsonReport(new SecretMasker()).toJson(demo);
        ((ObjectNode) json.path("rows").get(3)).put("notAfter", "next tuesday");
        Path broken = dir.resolve("broken.json");
        new ObjectMapper().writeValue(broken.toFile(), json);
        FleetReportException e =
                assertThrows(FleetReportException.class, () -> FleetExpiryReport.merge(List.of(broken)));
        assertTrue(
                e.getMessage().contains("rows[3].notAfter 'next tuesday' is not an ISO-8601 instant"), e.getMessage());
    }

    @Test
    void aMissingFileIsAnErrorNamingIt() {
        Path missing = dir.resolve("nope.json");
        FleetReportException e =
                assertThrows(FleetReportException.class, () -> FleetExpiryReport.merge(List.of(missing)));
        assertTrue(e.getMessage().startsWith(missing + " cannot be read: "), e.getMessage());
    }

    @Test
    void reportsGivenInMemoryMustAlsoBeOfDistinctClusters() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new FleetExpiryReport(List.of(healthy("prod"), demo, healthy("prod"))));
        assertEquals(
                "reports 1 and 3 are both of cluster 'prod'; give each cluster its own name (the inventory's name key)",
                e.getMessage());
    }
}
