package io.jenkins.plugins.certrecovery.expiry;

import java.util.Objects;

/**
 * One thing the scan script reads on a host. Every target is expected: a missing one becomes an error row.
 *
 * @param kind what the path is
 * @param path           the path on the host (already under the node's pathPrefix); for {@link Kind#STATIC_POD_REVISION} the
 *                       static pod's manifest
 * @param revisionPrefix for {@link Kind#STATIC_POD_REVISION} only: the revision directories without {@code -N}
 *                       ({@code …/static-pod-resources/kube-apiserver-pod})
 */
public record ScanTarget(Kind kind, String path, String revisionPrefix) {
    public enum Kind {
        /** One PEM file; every certificate block in it counts. */
        FILE("file"),
        /** Every {@code *.crt} and {@code *.pem} below the directory. */
        CERT_DIR("cert-dir"),
        /** Like {@link #CERT_DIR}, but its absence is not an error (not every version has it). */
        CERT_DIR_IF_PRESENT("cert-dir-if-present"),
        /** The kubelet's {@code pki/}: the {@code *-current.pem} certificates and {@code *.crt}. */
        KUBELET_PKI_DIR("kubelet-pki-dir"),
        /** A kubeconfig: embedded certificate data and the certificate files it names. */
        KUBECONFIG("kubeconfig"),
        /** Every {@code *.kubeconfig} below the directory. */
        KUBECONFIG_DIR("kubeconfig-dir"),
        /** A static pod's manifest: the revision it runs names the resource directory to scan. */
        STATIC_POD_REVISION("static-pod-revision"),
        /** A path or glob the user added: files, directories and kubeconfigs alike. */
        USER_PATH("user-path");

        private final String scriptWord;

        Kind(String scriptWord) {
            this.scriptWord = scriptWord;
        }
    }

    public ScanTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        if (path.indexOf('\n') >= 0 || (revisionPrefix != null && revisionPrefix.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("a scan path contains a line break: " + path.replace("\n", "\\n"));
        }
        if ((kind == Kind.STATIC_POD_REVISION) != (revisionPrefix != null)) {
            throw new IllegalArgumentException("only a static-pod-revision target has a revision prefix: " + path);
        }
        path = plain(path);
        revisionPrefix = revisionPrefix == null ? null : plain(revisionPrefix);
    }

    /**
     * The path without {@code .} components, repeated or trailing slashes: the scan script marks directory kinds with {@code /.}
     * endings, so a path must not bring its own.
     */
    static String plain(String path) {
        String plain = path.replaceAll("/(\\./)+", "/").replaceAll("/{2,}", "/");
        while (plain.length() > 1 && (plain.endsWith("/") || plain.endsWith("/."))) {
            plain = plain.substring(0, plain.length() - (plain.endsWith("/") ? 1 : 2));
        }
        return plain.isEmpty() ? "/" : plain;
    }

    public static ScanTarget of(Kind kind, String path) {
        return new ScanTarget(kind, path, null);
    }

    /** The script argument: {@code KIND:PATH}, the revision's two paths separated by a line break (paths cannot hold one). */
    String argument() {
        return kind.scriptWord + ":" + path + (revisionPrefix == null ? "" : "\n" + revisionPrefix);
    }
}
