package io.jenkins.plugins.certrecovery.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What cluster to simulate. Start from {@link #defaults()} (short delays, for tests), {@link #demo()} (delays a person can follow)
 * or {@link #realistic()} (a real cluster's delays), all in real time, and change it with the {@code with…} methods; a test that
 * waits for the cluster or shows that something does not happen takes {@link #withManualClock()} or
 * {@link #withClockSteppedByToolCalls()}.
 *
 * @param masters                  number of masters ({@code master-0} …), at least 1
 * @param workers                  number of workers ({@code worker-0} …), 0 or more
 * @param clusterName              cluster name in {@code api-int.<clusterName>.<baseDomain>}
 * @param baseDomain               base DNS domain
 * @param releaseImage             the cluster's own release image, the only one {@code oc adm release info} knows
 * @param apiserverStartDelay      how long after {@code recovery-apiserver create} the recovery API server starts answering
 * @param kubeletStartDelay        how long a started kubelet takes before it acts
 * @param csrDelay                 how long a kubelet with a good bootstrap kubeconfig waits before its client CSR appears
 * @param servingCsrDelay          how long after its client certificate a kubelet asks for a serving certificate
 * @param certificatesExpired      true: control-plane and kubelet certificates expired (the default); false: all valid
 * @param workersWithValidClient   how many workers (from {@code worker-0} on) still hold a valid kubelet client certificate
 * @param ssh                      true: an SSH server per host; false: only the controller, host directories and tools (for
 *                                 the end-to-end suite, which puts the tools behind real OpenSSH servers)
 * @param workDir                  where host directories go; null for a fresh temporary directory, removed at close
 * @param apiserverNeverAnswers    fault: the recovery API server never starts answering
 * @param sshDown                  fault: these hosts' SSH servers refuse connections
 * @param kubeletFailsOn           fault: {@code systemctl start kubelet} fails on these hosts
 * @param rogueCsrs                rogue CSRs pending from the start
 * @param clock                    how the cluster's time moves: real time, or simulated time that a test controls
 *                                 ({@link SandboxClock})
 * @param ocpVersion               the OpenShift release to imitate ({@link OpenShiftVersion}): 4.3 (recovery API server) or 4.6–4.18
 * @param daysOff                  4.6+: how many days the cluster was shut down before this start; certificates issued before the
 *                                 shutdown were issued 10 days before it (inside every rotation's refresh window), so a 30-day
 *                                 leaf is expired after 20 days off, node-system-admin-client after 110 (≤4.15) or 720 (4.16+).
 *                                 4.3 ignores it (its expired certificates ended 30 days ago)
 * @param csrRetryInterval         4.6+: how long a bootstrapping kubelet waits for its client CSR before it posts another one (the
 *                                 kubelet exits when it has no valid client certificate and systemd restarts it; ~5 min on a
 *                                 real cluster); the older CSRs stay Pending
 * @param localhostRecoveryClientExpired 4.6+ fault: the client certificate in the masters' node-kubeconfigs
 *                                 (localhost-recovery.kubeconfig) is expired whatever {@code daysOff} says
 */
public record SandboxSpec(
        int masters,
        int workers,
        String clusterName,
        String baseDomain,
        String releaseImage,
        Duration apiserverStartDelay,
        Duration kubeletStartDelay,
        Duration csrDelay,
        Duration servingCsrDelay,
        boolean certificatesExpired,
        int workersWithValidClient,
        boolean ssh,
        Path workDir,
        boolean apiserverNeverAnswers,
        Set<String> sshDown,
        Set<String> kubeletFailsOn,
        Set<RogueCsr> rogueCsrs,
        SandboxClock.Mode clock,
        OpenShiftVersion ocpVersion,
        int daysOff,
        Duration csrRetryInterval,
        boolean localhostRecoveryClientExpired) {

    public static final String DEFAULT_RELEASE_IMAGE = "quay.io/openshift-release-dev/ocp-release:4.3.0-x86_64";

    public SandboxSpec {
        if (masters < 1) {
            throw new IllegalArgumentException("masters: a cluster needs at least one master, got " + masters);
        }
        if (workers < 0) {
            throw new IllegalArgumentException("workers: cannot be negative, got " + workers);
        }
        if (workersWithValidClient < 0 || workersWithValidClient > workers) {
            throw new IllegalArgumentException("workersWithValidClient: must be between 0 and workers (" + workers
                    + "), got " + workersWithValidClient);
        }
        sshDown = Set.copyOf(sshDown);
        kubeletFailsOn = Set.copyOf(kubeletFailsOn);
        rogueCsrs = rogueCsrs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rogueCsrs));
        if (ocpVersion == null) {
            throw new IllegalArgumentException(
                    "ocpVersion: say which OpenShift release to imitate, e.g. OpenShiftVersion.parse(\"4.12\")");
        }
        if (daysOff < 0) {
            throw new IllegalArgumentException("daysOff: cannot be negative, got " + daysOff);
        }
        if (csrRetryInterval == null || csrRetryInterval.isZero() || csrRetryInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "csrRetryInterval: must be a positive duration, got " + csrRetryInterval);
        }
        if (clock == null) {
            throw new IllegalArgumentException(
                    "clock: say how the cluster's time moves, e.g. SandboxClock.Mode.REAL_TIME");
        }
    }

    /**
     * OpenShift 4.3, 3 masters, 2 workers (worker-0 still has a valid kubelet client certificate), expired certificates, short
     * delays (a 4.6+ kubelet posts a new client CSR every 5 s while its last one is pending; 60 days off).
     */
    public static SandboxSpec defaults() {
        return new SandboxSpec(
                3,
                2,
                "sandbox",
                "example.com",
                DEFAULT_RELEASE_IMAGE,
                Duration.ofMillis(300),
                Duration.ofMillis(100),
                Duration.ofMillis(100),
                Duration.ofMillis(300),
                true,
                1,
                true,
                null,
                false,
                Set.of(),
                Set.of(),
                Set.of(),
                SandboxClock.Mode.REAL_TIME,
                new OpenShiftVersion(3),
                60,
                Duration.ofSeconds(5),
                false);
    }

    /** Like {@link #defaults()} with delays a person can watch (recovery API server 5 s, CSRs and kubelets 1–3 s). */
    public static SandboxSpec demo() {
        return defaults()
                .withDelays(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3))
                .withCsrRetryInterval(Duration.ofSeconds(60));
    }

    /**
     * Like {@link #defaults()} with the delays of a real cluster, for benchmarks. Recovery API server 30 s: the kubelet picks up a new
     * static pod manifest within its 20 s file check period, then kube-apiserver needs seconds to serve. Kubelet start 5 s and client
     * CSR 5 s: the bootstrap request follows the kubelet's start. Serving CSR 30 s: a kubelet asks for its serving certificate a few
     * dozen seconds after its client CSR is approved (code-ready/crc pkg/crc/machine/cert-renewal.go waits for both waves).
     * CSR retry 5 min: the kubelet's transport watchdog exits after 5 min without a valid client certificate (kubernetes
     * pkg/kubelet/certificate/transport.go) and systemd restarts it with a new CSR (openshift-4x-facts §3.6).
     */
    public static SandboxSpec realistic() {
        return defaults()
                .withDelays(
                        Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30))
                .withCsrRetryInterval(Duration.ofMinutes(5));
    }

    /**
     * A 4.6+ release ({@code version}) for tests that run the engine, the CLI or the steps on it: the manual clock, kube-apiserver
     * answering after 300 ms, no kubelet or CSR delays (the cluster does what falls due at each tool call, so neither the machine's
     * load nor the caller's polling changes what it sees), every rogue CSR of the release. Start it, then
     * {@link Sandbox#bootWithSupersededCsrs()}.
     */
    public static SandboxSpec openShift4xOnManualClock(String version) {
        return defaults()
                .withOpenShiftVersion(version)
                .withManualClock()
                .withDelays(Duration.ofMillis(300), Duration.ZERO, Duration.ZERO, Duration.ZERO)
                .withRogueCsrs(RogueCsr.values());
    }

    public SandboxSpec withNodes(int masterCount, int workerCount) {
        return new SandboxSpec(
                masterCount,
                workerCount,
                clusterName,
                baseDomain,
                releaseImage,
                apiserverStartDelay,
                kubeletStartDelay,
                csrDelay,
                servingCsrDelay,
                certificatesExpired,
                Math.min(workersWithValidClient, workerCount),
                ssh,
                workDir,
                apiserverNeverAnswers,
                sshDown,
                kubeletFailsOn,
                rogueCsrs,
                clock,
                ocpVersion,
                daysOff,
                csrRetryInterval,
                localhostRecoveryClientExpired);
    }

    public SandboxSpec withDelays(
            Duration apiserverStart, Duration kubeletStart, Duration csrAppear, Duration servingCsr) {
        return new SandboxSpec(
                masters,
                workers,
                clusterName,
                baseDomain,
                releaseImage,
                apiserverStart,
                kubeletStart,
                csrAppear,
                servingCsr,
                certificatesExpired,
                workersWithValidClient,
                ssh,
                workDir,
                apiserverNeverAnswers,
                sshDown,
                kubeletFailsOn,
                rogueCsrs,
                clock,
                ocpVersion,
                daysOff,
                csrRetryInterval,
                localhostRecoveryClientExpired);
    }

    public SandboxSpec withCertificatesExpired(boolean expired) {
        return new SandboxSpec(
                masters,
                workers,
                clusterName,
                baseDomain,
                releaseImage,
                apiserverStartDelay,
                kubeletStartDelay,
                csrDelay,
                servingCsrDelay,
                expired,
                workersWithValidClient,
                ssh,
                workDir,
                apiserverNeverAnswers,
                sshDown,
                kubeletFailsOn,
                rogueCsrs,
                clock,
                ocpVersion,
                daysOff,
                csrRetryInterval,
                localhostRecoveryClientExpired);
    }

    /** Without SSH servers: controller, host directories and tools only (see {@link Sandbox#toolsDir(String)}). */
    public SandboxSpec withoutSsh() {
        return new SandboxSpec(
                masters,
                workers,
                clusterName,
                baseDomain,
                releaseImage,
                apiserverStartDelay,
                kubeletStartDelay,
                csrDelay,
                servingCsrDelay,
                certificatesExpired,
                workersWithValidClient,
                false,
                workDir,
                apiserverNeverAnswers,
                sshDown,
                kubeletFailsOn,
                rogueCsrs,
                clock,
                ocpVersion,
                daysOff,
                csrRetryInterval,
                localhostRecoveryClientExpired);
    }

    public SandboxSpec withWorkDir(Path dir) {
        return new SandboxSpec(
                masters,
                workers,
                clusterName,
                baseDomain,
                releaseImage,
                apiserverStartDelay,
                kubeletStartDelay,
                csrDelay,
                servingCsrDelay,
                certificatesExpired,
                workersWithValidClient,
                ssh,
                dir,
                apiserverNeverAnswers,
                sshDown,
                kubeletFailsOn,
                rogueCsrs,
                clock,
                ocpVersion,
                daysOff,
                csrRetryInterval,
                localhostRecoveryClientExpired);
    }

    public SandboxSpec withApiserverNeverAnswering() {
        return new SandboxSpec(
                masters,
                workers,
                clusterName,
                baseDomain,
                releaseImage,
                apiserverStartDelay,
                kubeletStartDelay,
                csrDelay,
                servingCsrDelay,
                certificatesExpired,
                workersWithValidClient,
                ssh,
                workDir,
                true,
                sshDown,
                kubeletFailsOn,
                rogueCsrs,
                clock,
                ocpVersion,
                daysOff,
                csrRetryInterval,
                localhostRecoveryClientExpired);
    }

    public SandboxSpec withSshDown(String... hosts) {
        Set<String> down = new HashSet<>(sshDown);
        down.addAll(List.of(hosts));
        return new SandboxSpec(
                masters,
                workers,
                clusterName,
                baseDomain,
                releaseImage,
                apiserverStartDelay,
                kubeletStartDelay,
                csrDelay,
                servingCsrDelay,
                certificatesExpired,
                workersWithValidClient,
                ssh,
                workDir,
                apiserverNeverAnswers,
                down,
                kubeletFailsOn,
                rogueCsrs,
                clock,
                ocpVersion,
                daysOff,
                csrRetryInterval,
                localhostRecoveryClientExpired);
    }

    public SandboxSpec withKubeletFailingOn(String... hosts) {
        Set<String> failing = new HashSet<>(kubeletFailsOn);
        failing.addAll(List.of(hosts));
        return new SandboxSpec(
                masters,
                workers,
                clusterName,
                baseDomain,
                releaseImage,
                apiserverStartDelay,
                kubeletStartDelay,
                csrDelay,
                servingCsrDelay,
                certificatesExpired,
                workersWithValidClient,
                ssh,
                workDir,
                apiserverNeverAnswers,
                sshDown,
                failing,
                rogueCsrs,
                clock,
                ocpVersion,
                daysOff,
                csrRetryInterval,
                localhostRecoveryClientExpired);
    }

    /** Simulated time that moves only when the test says so ({@link SandboxClock.Mode#MANUAL}). */
    public SandboxSpec withManualClock() {
        return withClock(SandboxClock.Mode.MANUAL);
    }

    /** Simulated time that moves on after each tool call ({@link SandboxClock.Mode#STEPPED_BY_TOOL_CALLS}): for runs of the engine. */
    public SandboxSpec withClockSteppedByToolCalls() {
        return withClock(SandboxClock.Mode.STEPPED_BY_TOOL_CALLS);
    }

    private SandboxSpec withClock(SandboxClock.Mode mode) {
        return new SandboxSpec(
                masters,
                workers,
                clusterName,
                baseDomain,
                releaseImage,
                apiserverStartDelay,
                kubeletStartDelay,
                csrDelay,
                servingCsrDelay,
                certificatesExpired,
                workersWithValidClient,
                ssh,
                workDir,
                apiserverNeverAnswers,
                sshDown,
                kubeletFailsOn,
                rogueCsrs,
                mode,
                ocpVersion,
                daysOff,
                csrRetryInterval,
                localhostRecoveryClientExpired);
    }

    /** CSRs slow to appear: a kubelet waits this long after its bootstrap is possible before it posts its client CSR. */
    public SandboxSpec withSlowCsrs(Duration delay) {
        return withDelays(apiserverStartDelay, kubeletStartDelay, delay, servingCsrDelay);
    }

    public SandboxSpec withRogueCsrs(RogueCsr... rogues) {
        Set<RogueCsr> all = rogueCsrs.isEmpty() ? EnumSet.noneOf(RogueCsr.class) : EnumSet.copyOf(rogueCsrs);
        all.addAll(List.of(rogues));
        return new SandboxSpec(
                masters,
                workers,
                clusterName,
                baseDomain,
                releaseImage,
                apiserverStartDelay,
                kubeletStartDelay,
                csrDelay,
                servingCsrDelay,
                certificatesExpired,
                workersWithValidClient,
                ssh,
                workDir,
                apiserverNeverAnswers,
                sshDown,
                kubeletFailsOn,
                all,
                clock,
                ocpVersion,
                daysOff,
                csrRetryInterval,
                localhostRecoveryClientExpired);
    }

    /**
     * The OpenShift release to imitate, {@code 4.3} or {@code 4.6} to {@code 4.18}. The release image becomes that release's
     * {@code 4.N.0} image.
     */
    public SandboxSpec withOpenShiftVersion(String version) {
        OpenShiftVersion parsed = OpenShiftVersion.parse(version);
        return new SandboxSpec(
                masters,
                workers,
                clusterName,
                baseDomain,
                parsed.releaseImage(),
                apiserverStartDelay,
                kubeletStartDelay,
                csrDelay,
                servingCsrDelay,
                certificatesExpired,
                workersWithValidClient,
                ssh,
                workDir,
                apiserverNeverAnswers,
                sshDown,
                kubeletFailsOn,
                rogueCsrs,
                clock,
                parsed,
                daysOff,
                csrRetryInterval,
                localhostRecoveryClientExpired);
    }

    /** 4.6+: the cluster was shut down this many days before the sandbox starts. */
    public SandboxSpec withDaysOff(int days) {
        return new SandboxSpec(
                masters,
                workers,
                clusterName,
                baseDomain,
                releaseImage,
                apiserverStartDelay,
                kubeletStartDelay,
                csrDelay,
                servingCsrDelay,
                certificatesExpired,
                workersWithValidClient,
                ssh,
                workDir,
                apiserverNeverAnswers,
                sshDown,
                kubeletFailsOn,
                rogueCsrs,
                clock,
                ocpVersion,
                days,
                csrRetryInterval,
                localhostRecoveryClientExpired);
    }

    /** 4.6+: how long a kubelet waits for its pending client CSR before it posts a new one. */
    public SandboxSpec withCsrRetryInterval(Duration interval) {
        return new SandboxSpec(
                masters,
                workers,
                clusterName,
                baseDomain,
                releaseImage,
                apiserverStartDelay,
                kubeletStartDelay,
                csrDelay,
                servingCsrDelay,
                certificatesExpired,
                workersWithValidClient,
                ssh,
                workDir,
                apiserverNeverAnswers,
                sshDown,
                kubeletFailsOn,
                rogueCsrs,
                clock,
                ocpVersion,
                daysOff,
                interval,
                localhostRecoveryClientExpired);
    }

    /** 4.6+ fault: the client certificate of localhost-recovery.kubeconfig (node-system-admin-client) is expired. */
    public SandboxSpec withExpiredLocalhostRecoveryClient() {
        return new SandboxSpec(
                masters,
                workers,
                clusterName,
                baseDomain,
                releaseImage,
                apiserverStartDelay,
                kubeletStartDelay,
                csrDelay,
                servingCsrDelay,
                certificatesExpired,
                workersWithValidClient,
                ssh,
                workDir,
                apiserverNeverAnswers,
                sshDown,
                kubeletFailsOn,
                rogueCsrs,
                clock,
                ocpVersion,
                daysOff,
                csrRetryInterval,
                true);
    }

    /** Node names, masters first. */
    public List<String> nodeNames() {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < masters; i++) {
            names.add("master-" + i);
        }
        for (int i = 0; i < workers; i++) {
            names.add("worker-" + i);
        }
        return names;
    }

    /** {@code https://api-int.<cluster>.<domain>:6443}, the cluster's {@code .status.apiServerInternalURI}. */
    public String apiServerInternalUri() {
        return "https://api-int." + clusterName + "." + baseDomain + ":6443";
    }
}
