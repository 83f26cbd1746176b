package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.FanOut;
import io.jenkins.plugins.certrecovery.ssh.HostOutcome;
import io.jenkins.plugins.certrecovery.ssh.RemoteHost;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshException;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks certificate expiry across a cluster: one SSH command per host ({@link HostCertificateScan}; a second only for files a
 * kubeconfig names outside the usual places) and one TLS handshake per
 * endpoint, at most {@link ExpiryCheckSettings#parallelism()} at a time. Nothing on the hosts is changed. A host or endpoint that
 * fails becomes an error row; the check itself only throws when interrupted.
 */
public final class ExpiryCheck {
    /** What {@link #execute()} will read: per host the one command's targets, and the endpoints. */
    public record Plan(List<HostCertificateScan> hosts, List<TlsEndpoint> endpoints) {
        /** One line per host and per endpoint, for dry runs and logs. */
        public List<String> describe() {
            List<String> lines = new ArrayList<>();
            for (HostCertificateScan host : hosts) {
                lines.add(host.node().name() + ": one SSH command reading "
                        + host.targets().size() + " paths");
                host.targets().forEach(target -> lines.add("  " + target.kind() + " " + target.path()));
            }
            endpoints.forEach(endpoint -> lines.add("TLS handshake with " + endpoint));
            return lines;
        }
    }

    private final Inventory inventory;
    private final ClusterHosts hosts;
    private final ExpiryCheckSettings settings;
    private final Clock clock;

    public ExpiryCheck(Inventory inventory, ClusterHosts hosts, ExpiryCheckSettings settings, Clock clock) {
        this.inventory = inventory;
        this.hosts = hosts;
        this.settings = settings;
        this.clock = clock;
    }

    public Plan plan() {
        List<HostCertificateScan> scans = new ArrayList<>();
        for (ClusterNode node : inventory.nodes()) {
            scans.add(new HostCertificateScan(
                    node, inventory.layout(node), inventory.ocpVersion(), settings.extraPaths()));
        }
        return new Plan(List.copyOf(scans), settings.endpoints());
    }

    /** One host scan or one endpoint handshake; each turns every expected failure into error rows. */
    private record Job(String name, FanOut.Action<Job, List<ExpiryRow>> work) {}

    /** Runs the plan; every row is classified against one instant, taken when the check starts. */
    public ExpiryReport execute() throws InterruptedException {
        Plan plan = plan();
        Instant now = clock.instant();
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        String marker = "@@certscan-" + HexFormat.of().formatHex(nonce);
        SecretMasker masker = hosts.masker();
        TlsChainReader tls = new TlsChainReader(settings.tlsTimeout());
        List<Job> jobs = new ArrayList<>();
        for (HostCertificateScan scan : plan.hosts()) {
            jobs.add(new Job(scan.node().name(), job -> scanHost(scan, marker, now, masker)));
        }
        for (TlsEndpoint endpoint : plan.endpoints()) {
            jobs.add(new Job(endpoint.toString(), job -> readEndpoint(tls, endpoint, now)));
        }
        List<ExpiryRow> rows = new ArrayList<>();
        for (HostOutcome<List<ExpiryRow>> outcome : new FanOut(settings.parallelism())
                .run(jobs, Job::name, job -> job.work().apply(job))) {
            if (outcome.succeeded()) {
                rows.addAll(outcome.value());
            } else {
                // Not an SSH or TLS failure (those are rows already) but a bug: still a row, so the report is never
                // silently short.
                rows.add(ExpiryRow.error(
                        outcome.host(),
                        SourceKind.HOST,
                        outcome.host(),
                        ErrorKind.SCAN_FAILED,
                        masker.mask("the check failed unexpectedly: " + outcome.failure())));
            }
        }
        return new ExpiryReport(
                inventory.name(),
                now,
                Duration.between(now, clock.instant()),
                settings.thresholds(),
                rows,
                ShutdownHorizon.of(inventory.ocpVersion(), rows));
    }

    private List<ExpiryRow> scanHost(HostCertificateScan scan, String marker, Instant now, SecretMasker masker)
            throws InterruptedException {
        String name = scan.node().name();
        try {
            RemoteHost host = hosts.host(scan.node());
            return scan.read(host, marker, settings.thresholds(), now, masker);
        } catch (SshException e) {
            return List.of(ExpiryRow.error(
                    name,
                    SourceKind.HOST,
                    scan.node().host(),
                    ErrorKind.UNREACHABLE,
                    masker.mask("no certificate of this host was checked: " + e.getMessage())));
        }
    }

    private List<ExpiryRow> readEndpoint(TlsChainReader tls, TlsEndpoint endpoint, Instant now) {
        List<X509Certificate> chain;
        try {
            chain = tls.read(endpoint);
        } catch (IOException e) {
            return List.of(ExpiryRow.error(
                    endpoint.host(),
                    SourceKind.ENDPOINT,
                    endpoint.toString(),
                    ErrorKind.ENDPOINT_UNREACHABLE,
                    "TLS handshake failed: " + describe(e)));
        }
        List<ExpiryRow> rows = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            String source = endpoint + (chain.size() == 1 ? "" : " [chain " + (i + 1) + "/" + chain.size() + "]");
            rows.add(ExpiryRow.certificate(
                    endpoint.host(), SourceKind.ENDPOINT, source, chain.get(i), settings.thresholds(), now));
        }
        return rows;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
