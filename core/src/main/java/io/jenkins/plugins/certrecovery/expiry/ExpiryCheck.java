package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.RemoteHost;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshException;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checks certificate expiry across a cluster: one SSH command per host ({@link HostCertificateScan}) and one TLS handshake per
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
                lines.add(host.node().name() + ": one SSH command reading " + host.targets().size() + " paths");
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
            scans.add(new HostCertificateScan(node, inventory.layout(node), inventory.ocpVersion(), settings.extraPaths()));
        }
        return new Plan(List.copyOf(scans), settings.endpoints());
    }

    /** Runs the plan; every row is classified against one instant, taken when the check starts. */
    public ExpiryReport execute() throws InterruptedException {
        Plan plan = plan();
        Instant now = clock.instant();
        String marker = "@@certscan-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        SecretMasker masker = hosts.masker();
        TlsChainReader tls = new TlsChainReader(settings.tlsTimeout());
        List<Callable<List<ExpiryRow>>> tasks = new ArrayList<>();
        for (HostCertificateScan scan : plan.hosts()) {
            tasks.add(() -> scanHost(scan, marker, now, masker));
        }
        for (TlsEndpoint endpoint : plan.endpoints()) {
            tasks.add(() -> readEndpoint(tls, endpoint, now));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.parallelism(), Math.max(1, tasks.size())));
        try {
            List<ExpiryRow> rows = new ArrayList<>();
            for (Future<List<ExpiryRow>> done : pool.invokeAll(tasks)) {
                rows.addAll(done.get());
            }
            return new ExpiryReport(now, settings.thresholds(), rows);
        } catch (ExecutionException e) {
            // scanHost and readEndpoint turn every expected failure into a row: anything else is a bug worth its stack trace
            throw new IllegalStateException("expiry check failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private List<ExpiryRow> scanHost(HostCertificateScan scan, String marker, Instant now, SecretMasker masker)
            throws InterruptedException {
        String name = scan.node().name();
        try {
            RemoteHost host = hosts.host(scan.node());
            CommandResult result = host.run(scan.command(marker));
            return scan.rows(result, marker, settings.thresholds(), now, masker);
        } catch (SshException e) {
            return List.of(ExpiryRow.error(name, SourceKind.HOST, scan.node().host(), ErrorKind.UNREACHABLE,
                    masker.mask("no certificate of this host was checked: " + e.getMessage())));
        }
    }

    private List<ExpiryRow> readEndpoint(TlsChainReader tls, TlsEndpoint endpoint, Instant now) {
        List<X509Certificate> chain;
        try {
            chain = tls.read(endpoint);
        } catch (IOException e) {
            return List.of(ExpiryRow.error(endpoint.host(), SourceKind.ENDPOINT, endpoint.toString(), ErrorKind.ENDPOINT_UNREACHABLE,
                    "TLS handshake failed: " + describe(e)));
        }
        List<ExpiryRow> rows = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            String source = endpoint + (chain.size() == 1 ? "" : " [chain " + (i + 1) + "/" + chain.size() + "]");
            rows.add(ExpiryRow.certificate(endpoint.host(), SourceKind.ENDPOINT, source, chain.get(i), settings.thresholds(), now));
        }
        return rows;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
