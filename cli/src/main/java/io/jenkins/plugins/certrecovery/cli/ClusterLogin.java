package io.jenkins.plugins.certrecovery.cli;

import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.SshSettings;
import io.jenkins.plugins.certrecovery.ssh.ClusterHosts;
import io.jenkins.plugins.certrecovery.ssh.OutputSink;
import io.jenkins.plugins.certrecovery.ssh.SshIdentity;
import io.jenkins.plugins.certrecovery.ssh.SshLogin;
import io.jenkins.plugins.certrecovery.ssh.SshOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Logs in to an inventory's hosts the way the CLI does: the private key from {@code ssh.identityFile} (or the user's usual
 * {@code ~/.ssh} key), its passphrase from {@value CliEnvironment#PASSPHRASE_VARIABLE} or asked on the terminal without echo,
 * and the secrets registered with the terminal's masker before anything can print them.
 */
final class ClusterLogin {
    /** The keys OpenSSH tries by default, in its order, for an inventory that names none. */
    private static final List<String> DEFAULT_KEYS = List.of(".ssh/id_ed25519", ".ssh/id_ecdsa", ".ssh/id_rsa");

    private ClusterLogin() {}

    /**
     * The login to the inventory's hosts: the key, its passphrase (asked now if needed) and the terminal's masker and live output.
     */
    static SshLogin login(Inventory inventory, SshOptions options, CliEnvironment environment, Terminal terminal) {
        SshIdentity identity = identity(inventory.ssh(), environment, terminal);
        OutputSink liveOutput = (host, stream, line) -> terminal.hostDetail(host, line);
        return new SshLogin(identity, options, terminal.masker(), liveOutput);
    }

    /** The hosts of the inventory; connections open on first use. Bad SSH settings are a usage error (exit 64). */
    static ClusterHosts open(Inventory inventory, SshOptions options, CliEnvironment environment, Terminal terminal) {
        SshLogin login = login(inventory, options, environment, terminal);
        try {
            return login.hostsOf(inventory);
        } catch (IllegalArgumentException unusable) {
            throw unusableSettings(unusable);
        }
    }

    /** Unusable SSH settings of the inventory (no host-key trust, an unreadable known_hosts …): a usage error. */
    static UsageException unusableSettings(IllegalArgumentException unusable) {
        return new UsageException("inventory ssh settings: " + unusable.getMessage(), unusable);
    }

    static SshIdentity identity(SshSettings ssh, CliEnvironment environment, Terminal terminal) {
        Path file = keyFile(ssh);
        String keyText;
        try {
            keyText = Files.readString(file);
        } catch (IOException e) {
            throw new UsageException(
                    "the SSH private key " + file + " cannot be read (" + e.getMessage()
                            + "): check ssh.identityFile in the inventory",
                    e);
        }
        terminal.masker().register(keyText);
        String passphrase = null;
        if (SshIdentity.isEncrypted(keyText)) {
            passphrase =
                    environment.variable(CliEnvironment.PASSPHRASE_VARIABLE).orElseGet(() -> ask(file, environment));
            terminal.masker().register(passphrase);
        }
        try {
            return SshIdentity.privateKey(keyText, passphrase);
        } catch (IllegalArgumentException refused) {
            String from = passphrase == null
                    ? ""
                    : environment.variable(CliEnvironment.PASSPHRASE_VARIABLE).isPresent()
                            ? " (the passphrase came from " + CliEnvironment.PASSPHRASE_VARIABLE + ")"
                            : " (the passphrase was typed)";
            throw new UsageException("the SSH private key " + file + ": " + refused.getMessage() + from, refused);
        }
    }

    private static String ask(Path file, CliEnvironment environment) {
        if (environment.passwordReader() == null) {
            throw new UsageException(
                    "the SSH private key " + file + " is protected by a passphrase and there is no terminal to ask "
                            + "for it: set " + CliEnvironment.PASSPHRASE_VARIABLE + " in the environment");
        }
        char[] typed = environment.passwordReader().read("Passphrase for " + file + ": ");
        if (typed == null) {
            throw new UsageException("no passphrase was typed for the SSH private key " + file);
        }
        return new String(typed);
    }

    private static Path keyFile(SshSettings ssh) {
        if (ssh.identityFile() != null) {
            return Path.of(ssh.identityFile());
        }
        Path home = Path.of(System.getProperty("user.home"));
        Optional<Path> usual = DEFAULT_KEYS.stream()
                .map(home::resolve)
                .filter(Files::isRegularFile)
                .findFirst();
        return usual.orElseThrow(() -> new UsageException(
                "the inventory has no ssh.identityFile and none of ~/" + String.join(", ~/", DEFAULT_KEYS)
                        + " exists: set ssh.identityFile to the private key that logs in to the hosts"));
    }
}
