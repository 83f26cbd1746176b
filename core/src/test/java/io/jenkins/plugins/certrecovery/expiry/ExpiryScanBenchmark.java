package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxMain;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import io.jenkins.plugins.certrecovery.ssh.FanOut;
import io.jenkins.plugins.certrecovery.ssh.OutputSink;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.ShellQuoting;
import io.jenkins.plugins.certrecovery.ssh.SshClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.SshIdentity;
import io.jenkins.plugins.certrecovery.ssh.SshOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/benchmarks.md "Expiry scan": the expiry check against 1 and 100 sandbox hosts, and the usual shell loop (one OpenSSH
 * {@code ssh HOST 'openssl x509 -enddate -noout -in FILE'} per file, sequential) over the same files of the same hosts.
 * Arguments: masters workers (default 3 97), then {@code separate} to run the sandbox in a child JVM, so that this JVM's CPU is the
 * runner's alone (the JSch client and the parsing) and the child's is what the hosts spend (SSH servers and their processes);
 * or {@code latency [MS,MS,…]} to put every host behind a {@link LatencyProxy} with that one-way delay (default 0,1,20) and
 * compare the scan with the loop at each; or {@code cli [rounds]} to time the check as users run it, {@code java -jar cli/target/ocp-cert-recovery.jar check} in a new JVM
 * each time, on one host and on all, against a sandbox in a child JVM (build the jar first); or {@code fleet [CLUSTERS]} to check the
 * same hosts (a sandbox in a child JVM) once as one cluster and once as CLUSTERS clusters (default 50) through
 * {@link FleetExpiryCheck}, each cluster one master and its share of the workers (give masters = CLUSTERS).
 */
public final class ExpiryScanBenchmark {
    /**
     * The JVMs that stand in for what is not on a runner (the simulated hosts' {@code SandboxMain}, the {@link LatencyProxy}s) run
     * C1-compiled code only: a real host's sshd and a real network need no compiling, and C2 kept compiling the SSH servers through
     * the measured scans, CPU taken from the same two cores as the runner. Processes start by vfork, without the extra exec of
     * {@code jspawnhelper} per command that a real sshd does not pay.
     */
    private static final List<String> SIMULATION_JVM_FLAGS =
            List.of("-XX:TieredStopAtLevel=1", "-Djdk.lang.Process.launchMechanism=VFORK");
    /**
     * Scans of all hosts before the latency figures: five, as the cli mode's untimed checks, so that the simulation's JVMs have
     * compiled their code. The runner's JIT goes on longer, since a scan runs each per-host method only a hundred times: its
     * compiler threads still used about half its CPU in the measured scans (docs/benchmarks.md, "Latency figures").
     */
    private static final int LATENCY_WARM_UP_SCANS = 5;

    /** The command line of a JVM of the simulation ({@link #SIMULATION_JVM_FLAGS}) running {@code main} on this classpath. */
    private static List<String> simulationJvm(Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(SIMULATION_JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private ExpiryScanBenchmark() {}

    public static void main(String[] args) throws Exception {
        int masters = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 97;
        String mode = args.length > 2 ? args[2] : "";
        if (mode.equals("cli")) {
            Path jar = Path.of("cli/target/ocp-cert-recovery.jar");
            if (!Files.isRegularFile(jar)) {
                System.err.println("cli mode runs " + jar
                        + " from the repository root: build it first (mvn -B -q package -DskipTests)");
                System.exit(2);
            }
            try (SeparateSandbox sandbox = SeparateSandbox.start(masters, workers)) {
                cli(jar, sandbox, args.length > 3 ? Integer.parseInt(args[3]) : 5);
            }
        } else if (mode.equals("fleet")) {
            try (SeparateSandbox sandbox = SeparateSandbox.start(masters, workers)) {
                fleet(sandbox, args.length > 3 ? Integer.parseInt(args[3]) : 50);
            }
        } else if (mode.equals("latency")) {
            try (SeparateSandbox sandbox = SeparateSandbox.start(masters, workers)) {
                for (String delay : (args.length > 3 ? args[3] : "0,1,20").split(",")) {
                    try (ProxiedHosts proxied = ProxiedHosts.start(sandbox, Integer.parseInt(delay))) {
                        latency(Integer.parseInt(delay), proxied, sandbox);
                    }
                }
            }
        } else if (mode.equals("separate")) {
            try (SeparateSandbox sandbox = SeparateSandbox.start(masters, workers)) {
                run(
                        sandbox.inventory(),
                        sandbox.clientKey(),
                        sandbox.knownHosts(),
                        new Usage.Labels(
                                "runner (this JVM: JSch client, parsing;" + " its ssh clients in the loop)",
                                () -> Usage.jvmCpu() + Usage.childCpuNanos(),
                                "hosts (sandbox JVM: SSH servers and their processes)",
                                sandbox::cpuNanos));
            }
        } else {
            try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withNodes(masters, workers))) {
                run(
                        sandbox.inventoryFile(),
                        sandbox.clientKeyFile(),
                        sandbox.knownHostsFile(),
                        new Usage.Labels(
                                "JVM (client + SSH servers)",
                                Usage::jvmCpu,
                                "host processes (in the loop also the ssh clients)",
                                Usage::childCpuNanos));
            }
        }
    }

    private static void run(Path inventoryFile, Path clientKey, Path knownHosts, Usage.Labels labels) throws Exception {
        Inventory all = InventoryLoader.forCli().load(inventoryFile.toString());
        SshIdentity identity = SshIdentity.privateKey(Files.readString(clientKey), null);
        Inventory one = new Inventory(
                all.name(), all.ocpVersion(), all.releaseImage(), all.ssh(), List.of(all.firstMaster()), List.of());
        scan("1 host (warm-up, not reported)", one, identity, labels);
        scan("1 host (master)", one, identity, labels);
        breakdown(one, identity, labels);
        ExpiryReport report = scan(
                all.nodes().size() + " hosts, parallelism " + ExpiryCheckSettings.DEFAULT_PARALLELISM,
                all,
                identity,
                labels);
        scan(all.nodes().size() + " hosts, again", all, identity, labels);
        breakdown(all, identity, labels);
        loop(clientKey, knownHosts, all, report, labels);
    }

    /**
     * The check as a cron job runs it: a new JVM per check ({@code check -q --no-check-endpoints}), alternately on the first master alone
     * and on every host, {@code rounds} times each; then the OpenSSH loop over the same hosts' files. Five untimed checks of all hosts
     * come first, so the simulated hosts' JVM has compiled its SSH server (a real host's sshd needs no warming; with two it still
     * compiled during the timed checks); the runner's JVM is new every time, as it is for users. Prints each run, the medians, and their ratios.
     */
    private static void cli(Path jar, SeparateSandbox sandbox, int rounds) throws Exception {
        Path oneHost = Files.createTempFile("one-host-inventory", ".yaml");
        try {
            var yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> inventory =
                    yaml.readValue(sandbox.inventory().toFile(), java.util.Map.class);
            inventory.put("masters", List.of(((List<?>) inventory.get("masters")).get(0)));
            inventory.put("workers", List.of());
            yaml.writeValue(oneHost.toFile(), inventory);
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> check = List.of(java, "-jar", jar.toString(), "check", "-q", "--no-check-endpoints", "-i");
            for (int i = 0; i < 5; i++) {
                cliCheck(check, sandbox.inventory(), sandbox);
            }
            List<Double> one = new ArrayList<>();
            List<Double> all = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                one.add(cliCheck(check, oneHost, sandbox));
                all.add(cliCheck(check, sandbox.inventory(), sandbox));
            }
            double oneMedian = median(one);
            double allMedian = median(all);
            System.out.printf(
                    "as users run it (new JVM each): 1 host median %.2f s, all hosts median %.2f s: %.1fx (goal <= 3x)%n",
                    oneMedian, allMedian, allMedian / oneMedian);
            Inventory hosts = InventoryLoader.forCli().load(sandbox.inventory().toString());
            SshIdentity identity = SshIdentity.privateKey(Files.readString(sandbox.clientKey()), null);
            Usage.Labels labels = new Usage.Labels(
                    "runner (ssh clients)",
                    () -> Usage.jvmCpu() + Usage.childCpuNanos(),
                    "hosts (sandbox JVM)",
                    sandbox::cpuNanos);
            ExpiryReport report = scan("all hosts, in this JVM, for the loop's file list", hosts, identity, labels);
            double loop = loop(sandbox.clientKey(), sandbox.knownHosts(), hosts, report, labels);
            System.out.printf(
                    "sequential loop %.2f s / all hosts by the CLI %.2f s: %.1fx (goal >= 20x)%n",
                    loop, allMedian, loop / allMedian);
        } finally {
            Files.deleteIfExists(oneHost);
        }
    }

    /**
     * The scan and the loop through {@link LatencyProxy} processes that delay every byte by {@code oneWayMs} each way: 1 host, all
     * hosts (each after a warm-up run, the median of three), the loop over the same files, and the runner's CPU per host.
     */
    private static void latency(int oneWayMs, ProxiedHosts proxied, SeparateSandbox sandbox) throws Exception {
        System.out.printf("%n== one-way latency %d ms (round trip %d ms)%n", oneWayMs, 2 * oneWayMs);
        Inventory all = InventoryLoader.forCli().load(proxied.inventory().toString());
        Inventory one = new Inventory(
                all.name(), all.ocpVersion(), all.releaseImage(), all.ssh(), List.of(all.firstMaster()), List.of());
        SshIdentity identity = SshIdentity.privateKey(Files.readString(sandbox.clientKey()), null);
        Usage.Labels labels = new Usage.Labels(
                "runner (this JVM: JSch client, parsing; its ssh clients in the loop)",
                () -> Usage.jvmCpu() + Usage.childCpuNanos(),
                "hosts (sandbox JVM)",
                sandbox::cpuNanos);
        scan("1 host, warm-up", one, identity, labels);
        List<Double> oneHost = new ArrayList<>();
        List<Double> allHosts = new ArrayList<>();
        ExpiryReport report = null;
        for (int i = 0; i < LATENCY_WARM_UP_SCANS; i++) {
            report = scan(all.nodes().size() + " hosts, warm-up", all, identity, labels);
        }
        for (int round = 0; round < 3; round++) {
            oneHost.add(timed(() -> scan("1 host", one, identity, labels)));
            allHosts.add(timed(() -> scan(all.nodes().size() + " hosts", all, identity, labels)));
        }
        double loop = loop(sandbox.clientKey(), proxied.knownHosts(), all, report, labels);
        double oneMedian = median(oneHost);
        double allMedian = median(allHosts);
        System.out.printf(
                "latency %d ms: 1 host %.2f s, %d hosts %.2f s (%.1fx of one host, goal <= 3x at 20 ms); loop %.1f s "
                        + "(%.1fx the scan, goal >= 20x at 20 ms)%n",
                oneWayMs, oneMedian, all.nodes().size(), allMedian, allMedian / oneMedian, loop, loop / allMedian);
    }

    /**
     * The same hosts checked as one cluster and as {@code clusters} clusters of one master and an equal share of the workers each,
     * through the fleet path ({@link FleetExpiryCheck}, its default cluster parallelism, each cluster its own SSH session set):
     * a warm-up of each, then three rounds alternately; prints the medians and their ratio.
     */
    private static void fleet(SeparateSandbox sandbox, int clusters) throws Exception {
        Inventory all = InventoryLoader.forCli().load(sandbox.inventory().toString());
        if (all.masters().size() != clusters || all.workers().size() % clusters != 0) {
            throw new IllegalArgumentException(
                    "fleet mode: give as many masters as clusters and a multiple of it as workers");
        }
        int workersEach = all.workers().size() / clusters;
        List<FleetExpiryCheck.Member> members = new ArrayList<>();
        for (int i = 0; i < clusters; i++) {
            members.add(FleetExpiryCheck.Member.loaded(
                    new Inventory(
                            "cluster-" + i,
                            all.ocpVersion(),
                            all.releaseImage(),
                            all.ssh(),
                            List.of(all.masters().get(i)),
                            all.workers().subList(i * workersEach, (i + 1) * workersEach)),
                    "cluster-" + i));
        }
        SshIdentity identity = SshIdentity.privateKey(Files.readString(sandbox.clientKey()), null);
        Usage.Labels labels =
                new Usage.Labels("runner (this JVM)", Usage::jvmCpu, "hosts (sandbox JVM)", sandbox::cpuNanos);
        FleetExpiryCheck fleetCheck = new FleetExpiryCheck(
                FleetExpiryCheck.DEFAULT_CLUSTER_PARALLELISM,
                ExpiryThresholds.DEFAULT,
                new SecretMasker(),
                Clock.systemUTC());
        Timed asFleet = () -> {
            Usage usage = new Usage(labels);
            List<ExpiryReport> reports = fleetCheck.run(members, inventory -> {
                try (SshClusterHosts hosts = new SshClusterHosts(
                        inventory, identity, SshOptions.defaults(), new SecretMasker(), OutputSink.DISCARD)) {
                    return new ExpiryCheck(inventory, hosts, ExpiryCheckSettings.defaults(), Clock.systemUTC())
                            .execute();
                }
            });
            System.out.printf(
                    "fleet of %d clusters: %d rows, %d errors%n",
                    reports.size(),
                    reports.stream().mapToInt(r -> r.rows().size()).sum(),
                    reports.stream().mapToInt(r -> r.errors().size()).sum());
            usage.print("fleet of " + clusters + " clusters", all.nodes().size());
        };
        Timed asOne = () -> scan("one cluster of " + all.nodes().size() + " hosts", all, identity, labels);
        asOne.run();
        asFleet.run();
        List<Double> one = new ArrayList<>();
        List<Double> fleet = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            one.add(timed(asOne));
            fleet.add(timed(asFleet));
        }
        double oneMedian = median(one);
        double fleetMedian = median(fleet);
        System.out.printf(
                "%d hosts: one cluster median %.2f s, %d clusters of %d median %.2f s: %.2fx (goal <= 2x)%n",
                all.nodes().size(), oneMedian, clusters, 1 + workersEach, fleetMedian, fleetMedian / oneMedian);
    }

    private interface Timed {
        void run() throws Exception;
    }

    private static double timed(Timed body) throws Exception {
        long start = System.nanoTime();
        body.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** The sandbox's hosts behind a {@link LatencyProxy} process: an inventory and a known_hosts file with the proxies' ports. */
    private record ProxiedHosts(Process process, Path inventory, Path knownHosts) implements AutoCloseable {
        static ProxiedHosts start(SeparateSandbox sandbox, int oneWayMs) throws Exception {
            var yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> inventory =
                    yaml.readValue(sandbox.inventory().toFile(), java.util.Map.class);
            List<java.util.Map<String, Object>> hosts = new ArrayList<>();
            for (String role : List.of("masters", "workers")) {
                for (Object host : (List<?>) inventory.get(role)) {
                    @SuppressWarnings("unchecked")
                    java.util.Map<String, Object> entry = (java.util.Map<String, Object>) host;
                    hosts.add(entry);
                }
            }
            List<String> command = simulationJvm(LatencyProxy.class, String.valueOf(oneWayMs));
            hosts.forEach(h -> command.add(String.valueOf(h.get("port"))));
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            var out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            java.util.Map<String, String> ports = new java.util.HashMap<>();
            for (String line = out.readLine();
                    line != null && !line.startsWith("close standard input");
                    line = out.readLine()) {
                String[] pair = line.split(" -> ");
                ports.put(pair[0], pair[1]);
            }
            hosts.forEach(h -> h.put("port", Integer.parseInt(ports.get(String.valueOf(h.get("port"))))));
            StringBuilder knownHosts = new StringBuilder();
            for (String line : Files.readAllLines(sandbox.knownHosts())) {
                Matcher m =
                        Pattern.compile("^\\[127\\.0\\.0\\.1\\]:(\\d+) (.*)$").matcher(line);
                if (m.matches() && ports.containsKey(m.group(1))) {
                    knownHosts
                            .append("[127.0.0.1]:")
                            .append(ports.get(m.group(1)))
                            .append(' ')
                            .append(m.group(2))
                            .append('\n');
                }
            }
            Path knownHostsFile = Files.createTempFile("proxied-known-hosts", "");
            Files.writeString(knownHostsFile, knownHosts);
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> ssh = (java.util.Map<String, Object>) inventory.get("ssh");
            ssh.put("knownHosts", knownHostsFile.toString());
            Path inventoryFile = Files.createTempFile("proxied-inventory", ".yaml");
            yaml.writeValue(inventoryFile.toFile(), inventory);
            return new ProxiedHosts(process, inventoryFile, knownHostsFile);
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            process.destroy();
            Files.deleteIfExists(inventory);
            Files.deleteIfExists(knownHosts);
        }
    }

    /** One check by the CLI: wall seconds; prints wall, the CLI JVM's CPU and the hosts' CPU. */
    private static double cliCheck(List<String> check, Path inventory, SeparateSandbox sandbox) throws Exception {
        List<String> command = new ArrayList<>(check);
        command.add(inventory.toString());
        long runnerCpu = Usage.childCpuNanos();
        long hostsCpu = sandbox.cpuNanos();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int exit = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "  cli check %s: %.2f s, exit %d; CPU: CLI JVM %.2f s, hosts %.2f s%n",
                inventory.getFileName(),
                wall,
                exit,
                (Usage.childCpuNanos() - runnerCpu) / 1e9,
                (sandbox.cpuNanos() - hostsCpu) / 1e9);
        return wall;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The sandbox in a child JVM ({@code SandboxMain}), read from what it prints; stops when its standard input closes. */
    private record SeparateSandbox(Process process, Path inventory, Path clientKey, Path knownHosts)
            implements AutoCloseable {
        static SeparateSandbox start(int masters, int workers) throws java.io.IOException {
            Process process = new ProcessBuilder(
                            simulationJvm(SandboxMain.class, String.valueOf(masters), String.valueOf(workers)))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            var out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Path inventory = null;
            Matcher ssh = null;
            for (String line = out.readLine();
                    line != null && !line.startsWith("close standard input");
                    line = out.readLine()) {
                if (line.startsWith("inventory: ")) {
                    inventory = Path.of(line.substring("inventory: ".length()));
                }
                Matcher m = SSH_LINE.matcher(line);
                if (ssh == null && m.find()) {
                    ssh = m;
                }
            }
            if (inventory == null || ssh == null) {
                process.destroy();
                throw new IllegalStateException("the sandbox JVM did not print its inventory and ssh lines");
            }
            return new SeparateSandbox(process, inventory, Path.of(ssh.group(1)), Path.of(ssh.group(2)));
        }

        /** The child JVM's CPU and that of the processes it waited for (utime, stime, cutime, cstime of /proc/PID/stat). */
        long cpuNanos() {
            return Usage.statCpuNanos(Path.of("/proc", String.valueOf(process.pid()), "stat"), 11, 15);
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            process.destroy();
        }
    }

    private static final Pattern SSH_LINE = Pattern.compile("ssh -i (\\S+) -o UserKnownHostsFile=(\\S+) ");

    private static ExpiryReport scan(String label, Inventory inventory, SshIdentity identity, Usage.Labels labels)
            throws Exception {
        Usage usage = new Usage(labels);
        long start = System.nanoTime();
        ExpiryReport report;
        try (SshClusterHosts hosts = new SshClusterHosts(
                inventory, identity, SshOptions.defaults(), new SecretMasker(), OutputSink.DISCARD)) {
            report = new ExpiryCheck(inventory, hosts, ExpiryCheckSettings.defaults(), Clock.systemUTC()).execute();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf(
                "expiry check, %s: %.2f s, %d rows, %d errors, result %s%n",
                label,
                took.toMillis() / 1000.0,
                report.rows().size(),
                report.errors().size(),
                report.result().label());
        usage.print("expiry check, " + label, inventory.nodes().size());
        return report;
    }

    /**
     * Where the time of a scan of all hosts goes, phase by phase over all hosts at the check's parallelism: connecting (handshake,
     * authentication), the scan command alone (sudo included), and the command with parsing. Each phase shows wall time and CPU
     * time, split as {@link Usage.Labels} says.
     */
    private static void breakdown(Inventory inventory, SshIdentity identity, Usage.Labels labels) throws Exception {
        List<HostCertificateScan> scans = new ExpiryCheck(
                        inventory, null, ExpiryCheckSettings.defaults(), Clock.systemUTC())
                .plan()
                .hosts();
        FanOut fanOut = new FanOut(ExpiryCheckSettings.DEFAULT_PARALLELISM);
        String marker = "@@certscan-benchmark";
        try (SshClusterHosts hosts = new SshClusterHosts(
                inventory, identity, SshOptions.defaults(), new SecretMasker(), OutputSink.DISCARD)) {
            Usage connect = new Usage(labels);
            fanOut.run(scans, scan -> scan.node().name(), scan -> hosts.host(scan.node()));
            connect.print("breakdown: connect", scans.size());
            Usage command = new Usage(labels);
            fanOut.run(
                    scans,
                    scan -> scan.node().name(),
                    scan -> hosts.host(scan.node()).runQuietly(scan.command(marker)));
            command.print("breakdown: scan command", scans.size());
            Usage read = new Usage(labels);
            fanOut.run(
                    scans,
                    scan -> scan.node().name(),
                    scan -> scan.read(
                            hosts.host(scan.node()),
                            marker,
                            ExpiryThresholds.DEFAULT,
                            java.time.Instant.now(),
                            hosts.masker()));
            read.print("breakdown: scan command + parsing", scans.size());
        }
    }

    /** Wall and CPU time since creation: this JVM's, and the hosts' (as {@link Labels} measures them). */
    private static final class Usage {
        /**
         * What the two CPU figures are: in-process, the JVM runs client and servers and the hosts' figure is the processes the JVM
         * waited for; with a separate sandbox, the first is the runner alone (this JVM and its children) and the second the
         * sandbox JVM's (with the processes it waited for).
         */
        record Labels(String jvm, LongSupplier jvmCpu, String hosts, LongSupplier hostsCpu) {}

        private final Labels labels;
        private final long wall = System.nanoTime();
        private final long jvmCpu;
        private final long hostsCpu;

        Usage(Labels labels) {
            this.labels = labels;
            this.jvmCpu = labels.jvmCpu().getAsLong();
            this.hostsCpu = labels.hostsCpu().getAsLong();
        }

        void print(String phase, int hosts) throws java.io.IOException {
            double wallS = (System.nanoTime() - wall) / 1e9;
            double jvmS = (labels.jvmCpu().getAsLong() - jvmCpu) / 1e9;
            double hostsS = (labels.hostsCpu().getAsLong() - hostsCpu) / 1e9;
            System.out.printf(
                    "  %s, %d hosts: wall %.2f s; CPU: %s %.2f s = %.0f ms per host, %s %.2f s = %.0f ms per host; load %s%n",
                    phase,
                    hosts,
                    wallS,
                    labels.jvm(),
                    jvmS,
                    jvmS * 1000 / hosts,
                    labels.hosts(),
                    hostsS,
                    hostsS * 1000 / hosts,
                    Files.readString(Path.of("/proc/loadavg")).strip());
        }

        static long jvmCpu() {
            return ((com.sun.management.OperatingSystemMXBean)
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /** This JVM's waited-for child processes: cutime + cstime of /proc/self/stat. */
        static long childCpuNanos() {
            return statCpuNanos(Path.of("/proc/self/stat"), 13, 15);
        }

        /**
         * Sums fields [from, to) of a /proc stat file, counted after "pid (comm) " (so 0 is the state, 11 utime, 12 stime,
         * 13 cutime, 14 cstime), in clock ticks of 10 ms (USER_HZ 100 on Linux), as nanoseconds.
         */
        static long statCpuNanos(Path stat, int from, int to) {
            try {
                String text = Files.readString(stat);
                String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
                long ticks = 0;
                for (int i = from; i < to; i++) {
                    ticks += Long.parseLong(fields[i]);
                }
                return ticks * 10_000_000L;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** The per-file OpenSSH loop over the certificate files the check found (bundles and kubeconfig fields counted once per file). */
    private static double loop(
            Path clientKey, Path knownHosts, Inventory inventory, ExpiryReport report, Usage.Labels labels)
            throws Exception {
        List<List<String>> calls = new ArrayList<>();
        for (ClusterNode node : inventory.nodes()) {
            report.rows().stream()
                    .filter(row ->
                            row.host().equals(node.name()) && row.sourceKind() == SourceKind.FILE && !row.isError())
                    .map(row -> row.source().replaceFirst(" \\[\\d+/\\d+\\]$", ""))
                    .distinct()
                    .forEach(path -> calls.add(List.of(
                            "ssh",
                            "-q",
                            "-i",
                            clientKey.toString(),
                            "-o",
                            "UserKnownHostsFile=" + knownHosts,
                            "-o",
                            "StrictHostKeyChecking=yes",
                            "-o",
                            "BatchMode=yes",
                            "-p",
                            String.valueOf(node.port()),
                            "core@127.0.0.1",
                            "sudo -n openssl x509 -enddate -noout -in "
                                    + ShellQuoting.quote(node.pathPrefix() + path))));
        }
        Usage usage = new Usage(labels);
        long start = System.nanoTime();
        int failed = 0;
        for (List<String> call : calls) {
            Process process = new ProcessBuilder(call).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0 || !out.startsWith("notAfter=")) {
                failed++;
                if (failed == 1) {
                    System.out.println("first failing call: " + String.join(" ", call) + " -> " + out.strip());
                }
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf(
                "sequential ssh+openssl loop, %d hosts, %d files: %.2f s (%.0f ms per file), %d failed%n",
                inventory.nodes().size(),
                calls.size(),
                took.toMillis() / 1000.0,
                (double) took.toMillis() / calls.size(),
                failed);
        usage.print("sequential ssh+openssl loop", inventory.nodes().size());
        return took.toMillis() / 1000.0;
    }
}
