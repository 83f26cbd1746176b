package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.RemoteHost;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import io.jenkins.plugins.certrecovery.ssh.SshException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads every certificate of one host with one SSH command: a fixed POSIX sh script ({@code cert-scan.sh}) that gets every path as
 * its own quoted argument, lists all directories with one {@code find} and prints all files with one {@code cat}, framed as
 * {@link ScanOutput} describes; no process per file. Everything about content is decided here, in the runner: PEM blocks with the
 * JDK's X.509 support, kubeconfigs (block or flow style YAML, JSON) with Jackson. The files a kubeconfig names are taken from the
 * same output when the scan printed them (the kubelet's {@code pki/}); only others cost one more command, for all of them.
 * <p>Which paths: the certificate directories of the static pods and the current kube-apiserver revision on masters; the kubelet's
 * {@code pki/}, CA and kubeconfigs on every node (where OCP 4 keeps them: static-pod-resources, /var/lib/kubelet, /etc/kubernetes);
 * and the user's paths. From OpenShift 4.6 on also etcd's certificate directory and the current revisions of the
 * kube-controller-manager, kube-scheduler and etcd static pods, and every file {@link ExpectedCertificates} lists for the version
 * must be among those read.
 * <p>The output holds whole files, private keys and tokens included, so it is read with {@link RemoteHost#runQuietly} (never
 * streamed to a log) and only certificate fields leave this class.
 * <p>Longer than 300 lines on purpose: the paths a scan reads and the parsing of what it printed belong together, as the scan's
 * output format is defined by the two at once.
 */
public final class HostCertificateScan {
    static final String SCRIPT = ClasspathText.read(HostCertificateScan.class, "cert-scan.sh");
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** The script's {@code /.} endings of a directory start point, before a slash, a quote of find's message, or the end. */
    private static final Pattern DIRECTORY_MARK = Pattern.compile("(/\\.)+(?=/|'|\u2019|$)");

    private final ClusterNode node;
    private final HostLayout layout;
    private final List<ScanTarget> targets;
    private final OcpVersion version;
    private final List<ExpectedCertificates.Expected> expected;

    /**
     * @param userPaths absolute paths, directories or globs as seen on the host; they are read on every node
     */
    public HostCertificateScan(ClusterNode node, HostLayout layout, OcpVersion version, List<String> userPaths) {
        this.node = node;
        this.layout = layout;
        this.targets = targets(node, layout, version, userPaths);
        this.version = version;
        this.expected = ExpectedCertificates.of(node, layout, version);
    }

    private static List<ScanTarget> targets(
            ClusterNode node, HostLayout layout, OcpVersion version, List<String> userPaths) {
        List<ScanTarget> targets = new ArrayList<>();
        if (node.isMaster()) {
            targets.add(ScanTarget.of(ScanTarget.Kind.CERT_DIR, layout.kubeApiserverCertsDir()));
            targets.add(ScanTarget.of(ScanTarget.Kind.CERT_DIR, layout.kubeControllerManagerCertsDir()));
            // The scheduler's cert-dir appears in later kube-scheduler pod templates; 4.1-4.3 keep the scheduler's
            // certificates
            // only in its revision directories, so its absence is not reported.
            targets.add(ScanTarget.of(ScanTarget.Kind.CERT_DIR_IF_PRESENT, layout.kubeSchedulerCertsDir()));
            targets.add(new ScanTarget(
                    ScanTarget.Kind.STATIC_POD_REVISION,
                    layout.kubeApiserverManifest(),
                    layout.staticPodRevisionPrefix(ExpectedCertificates.KUBE_APISERVER_POD)));
            if (version.hasNodeKubeconfigs()) {
                targets.add(ScanTarget.of(ScanTarget.Kind.KUBECONFIG_DIR, layout.nodeKubeconfigsDir()));
            }
            if (ExpectedCertificates.coversVersion(version)) {
                targets.add(ScanTarget.of(ScanTarget.Kind.CERT_DIR, layout.etcdCertsDir()));
                for (String pod : ExpectedCertificates.REVISIONED_PODS_4X) {
                    targets.add(new ScanTarget(
                            ScanTarget.Kind.STATIC_POD_REVISION,
                            layout.staticPodManifest(pod),
                            layout.staticPodRevisionPrefix(pod)));
                }
            }
        }
        targets.add(ScanTarget.of(ScanTarget.Kind.FILE, layout.kubeletCa()));
        targets.add(ScanTarget.of(ScanTarget.Kind.KUBECONFIG, layout.bootstrapKubeconfig()));
        targets.add(ScanTarget.of(ScanTarget.Kind.KUBECONFIG, layout.kubeletKubeconfig()));
        targets.add(ScanTarget.of(ScanTarget.Kind.KUBELET_PKI_DIR, layout.kubeletPkiDir()));
        for (String userPath : userPaths) {
            if (!userPath.startsWith("/")) {
                throw new IllegalArgumentException("extra certificate path '" + userPath
                        + "' is not absolute: give the full path on the host, e.g. /etc/pki/custom/*.crt");
            }
            targets.add(ScanTarget.of(ScanTarget.Kind.USER_PATH, layout.prefix() + userPath));
        }
        return List.copyOf(targets);
    }

    public ClusterNode node() {
        return node;
    }

    public List<ScanTarget> targets() {
        return targets;
    }

    /** The scan command; {@code marker} must not occur in any file (use a random one per scan). */
    public RemoteCommand command(String marker) {
        return command(marker, targets.stream().map(ScanTarget::argument).toList());
    }

    private static RemoteCommand command(String marker, List<String> items) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "sh", marker));
        argv.addAll(items);
        return new RemoteCommand(argv, Map.of(), null, true, TIMEOUT);
    }

    /**
     * Reads the host: the scan command, then, only when a kubeconfig names files the scan did not print, one command reading all of
     * them. Returns one row per certificate and one per path that could not be read.
     */
    public List<ExpiryRow> read(
            RemoteHost host, String marker, ExpiryThresholds thresholds, Instant now, SecretMasker masker)
            throws SshException, InterruptedException {
        Rows rows = new Rows(thresholds, now, masker);
        ScanOutput scan = ScanOutput.parse(host.runQuietly(command(marker)), marker);
        List<NamedFile> named = rows.add(scan);
        rows.missingExpected(scan);
        if (!named.isEmpty()) {
            Map<String, ScanOutput.Entry> known = scan.byPath();
            List<String> unread = named.stream()
                    .map(NamedFile::path)
                    .filter(path -> !known.containsKey(path))
                    .distinct()
                    .toList();
            if (!unread.isEmpty()) {
                List<String> items = unread.stream()
                        .map(path -> ScanTarget.of(ScanTarget.Kind.FILE, path).argument())
                        .toList();
                ScanOutput more = ScanOutput.parse(host.runQuietly(command(marker, items)), marker);
                rows.commandFailures(more);
                more.byPath().forEach(known::putIfAbsent);
            }
            named.forEach(file -> rows.namedFile(file, known.get(file.path())));
        }
        return rows.list();
    }

    /** The script's paths as plain paths: without the {@code /.} endings that mark a directory's kind (also inside find's messages). */
    static String undotted(String text) {
        return DIRECTORY_MARK.matcher(text).replaceAll("");
    }

    /** A path as the host sees it: without the script's marks and the sandbox prefix. */
    private String shown(String path) {
        return layout.unprefixed(undotted(path));
    }

    /** A file a kubeconfig field names: the field as a row source, and the path on the host (below the prefix). */
    private record NamedFile(String source, String path) {}

    /** Relative names are resolved against the kubeconfig's directory; absolute ones are on the host (below the prefix). */
    private String resolve(String kubeconfigPath, String name) {
        String prefix = layout.prefix();
        String path;
        if (!prefix.isEmpty() && name.startsWith(prefix + "/")) {
            path = name;
        } else if (name.startsWith("/")) {
            path = prefix + name;
        } else {
            path = kubeconfigPath.substring(0, kubeconfigPath.lastIndexOf('/') + 1) + name;
        }
        return ScanTarget.plain(path);
    }

    /** Turns scan records into rows; one instance per host. */
    private final class Rows {
        private final ExpiryThresholds thresholds;
        private final Instant now;
        private final SecretMasker masker;
        private final List<ExpiryRow> rows = new ArrayList<>();

        Rows(ExpiryThresholds thresholds, Instant now, SecretMasker masker) {
            this.thresholds = thresholds;
            this.now = now;
            this.masker = masker;
        }

        List<ExpiryRow> list() {
            return rows;
        }

        /** The rows of one scan; returns the files its kubeconfigs name, for {@link #namedFile} once they are read. */
        List<NamedFile> add(ScanOutput scan) {
            List<String> listedDirectories = new ArrayList<>();
            List<NamedFile> named = new ArrayList<>();
            for (ScanOutput.Entry entry : scan.records()) {
                String path = entry.argument();
                if (entry.word().equals("DIR")) {
                    listedDirectories.add(path);
                } else if (entry.word().equals("DIRERR")) {
                    directoryError(listedDirectories, path);
                } else if (!entry.isRead()) {
                    problem(SourceKind.FILE, shown(path), entry);
                } else if (entry.content() == null) {
                    cutOff(SourceKind.FILE, shown(path), scan);
                } else if (entry.word().equals("KUBECONFIG")
                        || entry.word().equals("USER") && KubeconfigCertificateFields.isKubeconfig(entry.content())) {
                    named.addAll(kubeconfig(path, entry.content()));
                } else {
                    certificates(SourceKind.FILE, shown(path), entry.content());
                }
            }
            commandFailures(scan);
            return named;
        }

        /**
         * An error row for every file the version holds that the scan did not read, unless the scan stopped early or a row for the
         * path or a directory above it says already why (missing, denied). A file of a revision whose directory was not found has
         * its manifest's row.
         */
        void missingExpected(ScanOutput scan) {
            if (expected.isEmpty() || !scan.complete() || !scan.result().succeeded()) {
                return;
            }
            Set<String> read = new HashSet<>();
            List<String> directories = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (ScanOutput.Entry entry : scan.records()) {
                String path = undotted(entry.argument());
                if (entry.isRead()) {
                    read.add(path);
                } else if (entry.word().equals("DIR")) {
                    directories.add(path);
                } else if (!entry.word().equals("DIRERR")) {
                    problems.add(path);
                }
            }
            for (ExpectedCertificates.Expected file : expected) {
                String path = file.path();
                if (file.revisionPod() != null) {
                    Pattern revision = Pattern.compile(
                            Pattern.quote(layout.staticPodRevisionPrefix(file.revisionPod())) + "-[0-9]+");
                    String directory = directories.stream()
                            .filter(d -> revision.matcher(d).matches())
                            .findFirst()
                            .orElse(null);
                    if (directory == null) {
                        continue;
                    }
                    path = directory + "/" + path;
                }
                String wanted = path;
                if (!read.contains(wanted)
                        && problems.stream().noneMatch(p -> wanted.equals(p) || wanted.startsWith(p + "/"))) {
                    error(
                            SourceKind.FILE,
                            shown(wanted),
                            ErrorKind.MISSING,
                            "expected on OpenShift " + version
                                    + " (openshift-4x-facts.md section 2) but not found: this certificate was not checked");
                }
            }
        }

        /** A host row when the command failed, wrote to stderr or stopped early: the report must not look complete. */
        void commandFailures(ScanOutput scan) {
            CommandResult result = scan.result();
            boolean cut = !scan.complete() || scan.records().stream().anyMatch(e -> e.isRead() && e.content() == null);
            if (!result.succeeded() || !result.stderr().isBlank()) {
                rows.add(ExpiryRow.error(
                        node.name(),
                        SourceKind.HOST,
                        "certificate scan",
                        ErrorKind.SCAN_FAILED,
                        masker.mask("the scan command exited with status " + result.exitCode()
                                + (result.stderr().isBlank()
                                        ? ""
                                        : ": " + result.stderr().strip()))));
            } else if (cut) {
                rows.add(ExpiryRow.error(
                        node.name(),
                        SourceKind.HOST,
                        "certificate scan",
                        ErrorKind.SCAN_FAILED,
                        "the scan output was cut off: run the check again"));
            }
        }

        /** A file named by a kubeconfig field, from whichever command printed it (null: no command got to it). */
        void namedFile(NamedFile file, ScanOutput.Entry entry) {
            String source = file.source() + " -> " + layout.unprefixed(file.path());
            if (entry == null) {
                error(
                        SourceKind.KUBECONFIG,
                        source,
                        ErrorKind.SCAN_FAILED,
                        "the command reading this file gave no answer for it");
            } else if (!entry.isRead()) {
                problem(SourceKind.KUBECONFIG, source, entry);
            } else if (entry.content() == null) {
                error(
                        SourceKind.KUBECONFIG,
                        source,
                        ErrorKind.SCAN_FAILED,
                        "the output ended before this file's content");
            } else {
                certificates(SourceKind.KUBECONFIG, source, entry.content());
            }
        }

        private void cutOff(SourceKind kind, String source, ScanOutput scan) {
            int exit = scan.result().exitCode();
            error(
                    kind,
                    source,
                    ErrorKind.SCAN_FAILED,
                    "the scan output ended before this file's content: the command was cut off ("
                            + (exit == 0 ? "output incomplete" : "exit status " + exit) + ")");
        }

        private void certificates(SourceKind kind, String source, String pem) {
            List<PemCertificates.Decoded> decoded = PemCertificates.decode(pem);
            if (decoded.isEmpty()) {
                error(
                        kind,
                        source,
                        ErrorKind.UNPARSEABLE,
                        "the file holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
            }
            addDecoded(kind, source, decoded);
        }

        private void addDecoded(SourceKind kind, String source, List<PemCertificates.Decoded> decoded) {
            for (int n = 0; n < decoded.size(); n++) {
                String where = decoded.size() == 1 ? source : source + " [" + (n + 1) + "/" + decoded.size() + "]";
                PemCertificates.Decoded one = decoded.get(n);
                rows.add(
                        one.ok()
                                ? ExpiryRow.certificate(node.name(), kind, where, one.certificate(), thresholds, now)
                                : ExpiryRow.error(node.name(), kind, where, ErrorKind.UNPARSEABLE, one.problem()));
            }
        }

        private List<NamedFile> kubeconfig(String path, String text) {
            String shown = shown(path);
            List<KubeconfigCertificateFields.Field> fields;
            try {
                fields = KubeconfigCertificateFields.read(text);
            } catch (IllegalArgumentException e) {
                error(SourceKind.KUBECONFIG, shown, ErrorKind.UNPARSEABLE, e.getMessage());
                return List.of();
            }
            if (fields.isEmpty()) {
                error(
                        SourceKind.KUBECONFIG,
                        shown,
                        ErrorKind.UNPARSEABLE,
                        "no certificate-authority or client-certificate field");
            }
            List<NamedFile> named = new ArrayList<>();
            for (KubeconfigCertificateFields.Field field : fields) {
                String source = shown + " " + field.label();
                if (field.embedded() != null) {
                    embedded(source, field.embedded());
                } else if (field.namedFile().indexOf('\n') >= 0) {
                    error(
                            SourceKind.KUBECONFIG,
                            source,
                            ErrorKind.UNPARSEABLE,
                            "the field names a path with a line break");
                } else {
                    named.add(new NamedFile(source, resolve(undotted(path), field.namedFile())));
                }
            }
            return named;
        }

        private void embedded(String source, String base64) {
            String pem;
            try {
                pem = new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                error(SourceKind.KUBECONFIG, source, ErrorKind.UNPARSEABLE, "the field is not valid base64");
                return;
            }
            List<PemCertificates.Decoded> decoded = PemCertificates.decode(pem);
            if (decoded.isEmpty()) {
                error(SourceKind.KUBECONFIG, source, ErrorKind.UNPARSEABLE, "the field holds no PEM certificate");
            }
            addDecoded(SourceKind.KUBECONFIG, source, decoded);
        }

        /** find could not list part of a directory: the row goes to the listed directory its message names (the innermost). */
        private void directoryError(List<String> listedDirectories, String message) {
            String directory = listedDirectories.stream()
                    .filter(dir -> message.contains(dir + "/."))
                    .max(Comparator.comparingInt(String::length))
                    .orElse(null);
            // find's message names the unreadable entry with the prefix; show it as the host sees it.
            String shownMessage = undotted(message);
            if (!layout.prefix().isEmpty()) {
                shownMessage = shownMessage.replace(layout.prefix() + "/", "/");
            }
            if (directory == null) {
                rows.add(ExpiryRow.error(
                        node.name(),
                        SourceKind.HOST,
                        "certificate scan",
                        ErrorKind.SCAN_FAILED,
                        masker.mask("listing a directory failed: " + shownMessage)));
                return;
            }
            error(
                    SourceKind.FILE,
                    shown(directory),
                    shownMessage.contains("ermission denied") ? ErrorKind.PERMISSION_DENIED : ErrorKind.SCAN_FAILED,
                    "could not list everything below it: " + shownMessage);
        }

        private void problem(SourceKind kind, String source, ScanOutput.Entry entry) {
            switch (entry.word()) {
                case "MISSING" -> error(kind, source, ErrorKind.MISSING, "expected path is missing");
                case "DANGLING" -> error(kind, source, ErrorKind.MISSING, "the symbolic link points to a missing file");
                case "NOMATCH" ->
                    error(
                            kind,
                            source,
                            ErrorKind.MISSING,
                            "no file matches this extra path: correct it or remove it from the check");
                case "DENIED" ->
                    error(
                            kind,
                            source,
                            ErrorKind.PERMISSION_DENIED,
                            "permission denied: the login user cannot read it (is passwordless sudo set up for it?)");
                case "NOTFILE" ->
                    error(
                            kind,
                            source,
                            ErrorKind.UNPARSEABLE,
                            "expected a regular file, found a directory or special file");
                case "NOTDIR" -> error(kind, source, ErrorKind.UNPARSEABLE, "expected a directory, found a file");
                case "NOREVISION" ->
                    error(
                            kind,
                            source,
                            ErrorKind.UNPARSEABLE,
                            "the static pod's manifest names no revision directory (<pod>-N)");
                default ->
                    rows.add(ExpiryRow.error(
                            node.name(),
                            SourceKind.HOST,
                            "certificate scan",
                            ErrorKind.SCAN_FAILED,
                            masker.mask("unexpected scan record " + entry.word() + " " + entry.argument())));
            }
        }

        private void error(SourceKind kind, String source, ErrorKind errorKind, String message) {
            rows.add(ExpiryRow.error(node.name(), kind, source, errorKind, masker.mask(message)));
        }
    }
}
