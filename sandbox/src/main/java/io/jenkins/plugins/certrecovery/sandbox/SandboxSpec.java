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
 */
public record SandboxSpec(int masters, int workers, String clusterName, String baseDomain, String releaseImage,
                          Duration apiserverStartDelay, Duration kubeletStartDelay, Duration csrDelay, Duration servingCsrDelay,
                          boolean certificatesExpired, int workersWithValidClient, boolean ssh, Path workDir,
                          boolean apiserverNeverAnswers, Set<String> sshDown, Set<String> kubeletFailsOn, Set<RogueCsr> rogueCsrs,
                          SandboxClock.Mode clock) {

    public static final String DEFAULT_RELEASE_IMAGE = "quay.io/openshift-release-dev/ocp-release:4.3.0-x86_64";

    public SandboxSpec {
        if (masters < 1) {
            throw new IllegalArgumentException("masters: a cluster needs at least one master, got " + masters);
        }
        if (workers < 0) {
            throw new IllegalArgumentException("workers: cannot be negative, got " + workers);
        }
        if (workersWithValidClient < 0 || workersWithValidClient > workers) {
            throw new IllegalArgumentException("workersWithValidClient: must be between 0 and workers (" + workers + "), got "
                    + workersWithValidClient);
        }
        sshDown = Set.copyOf(sshDown);
        kubeletFailsOn = Set.copyOf(kubeletFailsOn);
        rogueCsrs = rogueCsrs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rogueCsrs));
        if (clock == null) {
            throw new IllegalArgumentException("clock: say how the cluster's time moves, e.g. SandboxClock.Mode.REAL_TIME");
        }
    }

    /** 3 masters, 2 workers (worker-0 still has a valid kubelet client certificate), expired certificates, short delays. */
    public static SandboxSpec defaults() {
        return new SandboxSpec(3, 2, "sandbox", "example.com", DEFAULT_RELEASE_IMAGE, Duration.ofMillis(300),
                Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(300), true, 1, true, null, false, Set.of(),
                Set.of(), Set.of(), SandboxClock.Mode.REAL_TIME);
    }

    /** Like {@link #defaults()} with delays a person can watch (recovery API server 5 s, CSRs and kubelets 1–3 s). */
    public static SandboxSpec demo() {
        return defaults().withDelays(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    /**
     * Like {@link #defaults()} with the delays of a real cluster, for benchmarks. Recovery API server 30 s: the kubelet picks up a new
     * static pod manifest within its 20 s file check period, then kube-apiserver needs seconds to serve. Kubelet start 5 s and client
     * CSR 5 s: the bootstrap request follows the kubelet's start. Serving CSR 30 s: a kubelet asks for its serving certificate a few
     * dozen seconds after its client CSR is approved (code-ready/crc pkg/crc/machine/cert-renewal.go waits for both waves).
     */
    public static SandboxSpec realistic() {
        return defaults().withDelays(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    public SandboxSpec withNodes(int masterCount, int workerCount) {
        return new SandboxSpec(masterCount, workerCount, clusterName, baseDomain, releaseImage, apiserverStartDelay,
                kubeletStartDelay, csrDelay, servingCsrDelay, certificatesExpired, Math.min(workersWithValidClient, workerCount),
                ssh, workDir, apiserverNeverAnswers, sshDown, kubeletFailsOn, rogueCsrs, clock);
    }

    public SandboxSpec withDelays(Duration apiserverStart, Duration kubeletStart, Duration csrAppear, Duration servingCsr) {
        return new SandboxSpec(masters, workers, clusterName, baseDomain, releaseImage, apiserverStart, kubeletStart, csrAppear,
                servingCsr, certificatesExpired, workersWithValidClient, ssh, workDir, apiserverNeverAnswers, sshDown,
                kubeletFailsOn, rogueCsrs, clock);
    }

    public SandboxSpec withCertificatesExpired(boolean expired) {
        return new SandboxSpec(masters, workers, clusterName, baseDomain, releaseImage, apiserverStartDelay, kubeletStartDelay,
                csrDelay, servingCsrDelay, expired, workersWithValidClient, ssh, workDir, apiserverNeverAnswers, sshDown,
                kubeletFailsOn, rogueCsrs, clock);
    }

    /** Without SSH servers: controller, host directories and tools only (see {@link Sandbox#toolsDir(String)}). */
    public SandboxSpec withoutSsh() {
        return new SandboxSpec(masters, workers, clusterName, baseDomain, releaseImage, apiserverStartDelay, kubeletStartDelay,
                csrDelay, servingCsrDelay, certificatesExpired, workersWithValidClient, false, workDir, apiserverNeverAnswers, sshDown,
                kubeletFailsOn, rogueCsrs, clock);
    }

    public SandboxSpec withWorkDir(Path dir) {
        return new SandboxSpec(masters, workers, clusterName, baseDomain, releaseImage, apiserverStartDelay, kubeletStartDelay,
                csrDelay, servingCsrDelay, certificatesExpired, workersWithValidClient, ssh, dir, apiserverNeverAnswers, sshDown,
                kubeletFailsOn, rogueCsrs, clock);
    }

    public SandboxSpec withApiserverNeverAnswering() {
        return new SandboxSpec(masters, workers, clusterName, baseDomain, releaseImage, apiserverStartDelay, kubeletStartDelay,
                csrDelay, servingCsrDelay, certificatesExpired, workersWithValidClient, ssh, workDir, true, sshDown, kubeletFailsOn,
                rogueCsrs, clock);
    }

    public SandboxSpec withSshDown(String... hosts) {
        Set<String> down = new HashSet<>(sshDown);
        down.addAll(List.of(hosts));
        return new SandboxSpec(masters, workers, clusterName, baseDomain, releaseImage, apiserverStartDelay, kubeletStartDelay,
                csrDelay, servingCsrDelay, certificatesExpired, workersWithValidClient, ssh, workDir, apiserverNeverAnswers, down,
                kubeletFailsOn, rogueCsrs, clock);
    }

    public SandboxSpec withKubeletFailingOn(String... hosts) {
        Set<String> failing = new HashSet<>(kubeletFailsOn);
        failing.addAll(List.of(hosts));
        return new SandboxSpec(masters, workers, clusterName, baseDomain, releaseImage, apiserverStartDelay, kubeletStartDelay,
                csrDelay, servingCsrDelay, certificatesExpired, workersWithValidClient, ssh, workDir, apiserverNeverAnswers, sshDown,
                failing, rogueCsrs, clock);
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
        return new SandboxSpec(masters, workers, clusterName, baseDomain, releaseImage, apiserverStartDelay, kubeletStartDelay,
                csrDelay, servingCsrDelay, certificatesExpired, workersWithValidClient, ssh, workDir, apiserverNeverAnswers, sshDown,
                kubeletFailsOn, rogueCsrs, mode);
    }

    /** CSRs slow to appear: a kubelet waits this long after its bootstrap is possible before it posts its client CSR. */
    public SandboxSpec withSlowCsrs(Duration delay) {
        return withDelays(apiserverStartDelay, kubeletStartDelay, delay, servingCsrDelay);
    }

    public SandboxSpec withRogueCsrs(RogueCsr... rogues) {
        Set<RogueCsr> all = rogueCsrs.isEmpty() ? EnumSet.noneOf(RogueCsr.class) : EnumSet.copyOf(rogueCsrs);
        all.addAll(List.of(rogues));
        return new SandboxSpec(masters, workers, clusterName, baseDomain, releaseImage, apiserverStartDelay, kubeletStartDelay,
                csrDelay, servingCsrDelay, certificatesExpired, workersWithValidClient, ssh, workDir, apiserverNeverAnswers, sshDown,
                kubeletFailsOn, all, clock);
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
