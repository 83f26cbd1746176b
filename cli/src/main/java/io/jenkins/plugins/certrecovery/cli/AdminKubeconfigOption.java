package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import picocli.CommandLine.Option;

/**
 * {@code --admin-kubeconfig PATH}: the kubeconfig on the first master that approves CSRs, over the inventory's {@code adminKubeconfig}.
 * Required on 4.4 and 4.5; on 4.6+ when the master's {@code localhost-recovery.kubeconfig} expired (up to 4.15 after about 120 days
 * off). Help text: the catalogue's ({@link CatalogueOptions}).
 */
final class AdminKubeconfigOption {
    @Option(names = "--admin-kubeconfig", paramLabel = "PATH")
    private String path;

    /** The engine options with the kubeconfig given on the command line, if any. */
    RecoveryOptions.Builder applyTo(RecoveryOptions.Builder options) {
        if (path != null && !path.startsWith("/")) {
            throw new UsageException("--admin-kubeconfig: '" + path
                    + "' is not an absolute path; give the path on the first master, " + "e.g. /root/kubeconfig");
        }
        return path == null ? options : options.adminKubeconfig(path);
    }
}
