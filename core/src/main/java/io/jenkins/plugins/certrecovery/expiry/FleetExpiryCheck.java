package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import io.jenkins.plugins.certrecovery.ssh.FanOut;
import io.jenkins.plugins.certrecovery.ssh.HostOutcome;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the certificate expiry of several clusters, at most {@code clusterParallelism} at a time (each cluster's hosts in
 * parallel as {@link ExpiryCheck} does). No cluster ends the run: an inventory that was refused, or a check that failed as a
 * whole (its SSH key unreadable, for instance), is one error row in that cluster's report; an unreachable host already is.
 */
public final class FleetExpiryCheck {
    public static final int DEFAULT_CLUSTER_PARALLELISM = OptionCatalogue.CLUSTER_PARALLELISM.defaultInt();

    /**
     * One cluster of the fleet as an inventory gave it.
     *
     * @param cluster   the cluster's name: the inventory's, or for a refused inventory its file's name without extension
     * @param source    where it came from (the inventory file), for messages and error rows
     * @param inventory the validated inventory, null when it was refused
     * @param refusal   why the inventory was refused, null when it was loaded
     */
    public record Member(String cluster, String source, Inventory inventory, String refusal) {
        public static Member loaded(Inventory inventory, String source) {
            return new Member(inventory.name(), source, inventory, null);
        }

        /** An inventory file that was refused; the cluster is named after the file, as a valid one without a name key is. */
        public static Member refused(Path file, String reason) {
            String fileName = String.valueOf(file.getFileName());
            int dot = fileName.lastIndexOf('.');
            return new Member(dot > 0 ? fileName.substring(0, dot) : fileName, file.toString(), null, reason);
        }
    }

    /** The check of one cluster's inventory. */
    @FunctionalInterface
    public interface ClusterCheck {
        ExpiryReport check(Inventory inventory) throws Exception;
    }

    private final int clusterParallelism;
    private final ExpiryThresholds thresholds;
    private final SecretMasker masker;
    private final Clock clock;

    /**
     * @param thresholds classify nothing here: they are what an error-only report of a cluster says it was checked against
     * @param masker     masks the message of a check that failed as a whole
     */
    public FleetExpiryCheck(int clusterParallelism, ExpiryThresholds thresholds, SecretMasker masker, Clock clock) {
        if (clusterParallelism < 1) {
            throw new IllegalArgumentException("the cluster parallelism must be at least 1, got " + clusterParallelism);
        }
        this.clusterParallelism = clusterParallelism;
        this.thresholds = thresholds;
        this.masker = masker;
        this.clock = clock;
    }

    /**
     * Refuses two members of one cluster name, naming both sources: their reports would overwrite each other.
     *
     * @throws IllegalArgumentException naming the cluster and both inventories
     */
    public static void requireDistinctNames(List<Member> members) {
        Map<String, Member> first = new LinkedHashMap<>();
        for (Member member : members) {
            Member other = first.putIfAbsent(member.cluster(), member);
            if (other != null) {
                throw new IllegalArgumentException(
                        other.source() + " and " + member.source() + " are both cluster '" + member.cluster()
                                + "'; give each cluster its own name (the inventory's name key, or distinct file names)");
            }
        }
    }

    /** Checks every member; one report per member, in the order given. */
    public List<ExpiryReport> run(List<Member> members, ClusterCheck check) throws InterruptedException {
        requireDistinctNames(members);
        List<ExpiryReport> reports = new ArrayList<>();
        List<HostOutcome<ExpiryReport>> outcomes = new FanOut(clusterParallelism)
                .run(
                        members,
                        Member::cluster,
                        member -> member.inventory() == null
                                ? failed(
                                        member,
                                        ErrorKind.INVALID_INVENTORY,
                                        "the inventory was refused: " + member.refusal())
                                : check.check(member.inventory()));
        for (int i = 0; i < members.size(); i++) {
            HostOutcome<ExpiryReport> outcome = outcomes.get(i);
            if (outcome.failure() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            reports.add(
                    outcome.succeeded()
                            ? outcome.value()
                            : failed(
                                    members.get(i),
                                    ErrorKind.UNREACHABLE,
                                    "no host of this cluster was checked: " + describe(outcome.failure())));
        }
        return reports;
    }

    private ExpiryReport failed(Member member, ErrorKind kind, String message) {
        Instant now = clock.instant();
        return new ExpiryReport(
                member.cluster(),
                now,
                Duration.ZERO,
                thresholds,
                List.of(ExpiryRow.error("(cluster)", SourceKind.HOST, member.source(), kind, masker.mask(message))));
    }

    private static String describe(Exception failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
