package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import java.time.Duration;
import java.util.List;

/**
 * What an expiry check looks at and how it classifies.
 *
 * @param thresholds     warning and critical windows
 * @param extraPaths     absolute paths, directories or globs (as on the host) read on every node in addition to the OCP paths
 * @param endpoints      TLS endpoints whose chains are read from the runner ({@link TlsEndpoint#defaultsFor} gives the usual ones)
 * @param parallelism    how many hosts and endpoints are checked at once
 * @param tlsTimeout     connect and handshake limit per endpoint
 */
public record ExpiryCheckSettings(
        ExpiryThresholds thresholds,
        List<String> extraPaths,
        List<TlsEndpoint> endpoints,
        int parallelism,
        Duration tlsTimeout) {
    /** Hosts in flight at once: across regions (20 ms each way) a host costs ~0.4 s of waiting and the runner ~10 ms of CPU. */
    public static final int DEFAULT_PARALLELISM = OptionCatalogue.HOST_PARALLELISM.defaultInt();

    public static final Duration DEFAULT_TLS_TIMEOUT = Duration.ofSeconds(10);

    public ExpiryCheckSettings {
        thresholds = thresholds == null ? ExpiryThresholds.DEFAULT : thresholds;
        extraPaths = List.copyOf(extraPaths == null ? List.of() : extraPaths);
        endpoints = List.copyOf(endpoints == null ? List.of() : endpoints);
        parallelism = parallelism <= 0 ? DEFAULT_PARALLELISM : parallelism;
        tlsTimeout = tlsTimeout == null ? DEFAULT_TLS_TIMEOUT : tlsTimeout;
    }

    /** Default thresholds, the OCP paths only, no endpoints. */
    public static ExpiryCheckSettings defaults() {
        return new ExpiryCheckSettings(null, null, null, 0, null);
    }

    public ExpiryCheckSettings withThresholds(ExpiryThresholds value) {
        return new ExpiryCheckSettings(value, extraPaths, endpoints, parallelism, tlsTimeout);
    }

    public ExpiryCheckSettings withExtraPaths(List<String> value) {
        return new ExpiryCheckSettings(thresholds, value, endpoints, parallelism, tlsTimeout);
    }

    public ExpiryCheckSettings withEndpoints(List<TlsEndpoint> value) {
        return new ExpiryCheckSettings(thresholds, extraPaths, value, parallelism, tlsTimeout);
    }

    public ExpiryCheckSettings withParallelism(int value) {
        return new ExpiryCheckSettings(thresholds, extraPaths, endpoints, value, tlsTimeout);
    }
}
