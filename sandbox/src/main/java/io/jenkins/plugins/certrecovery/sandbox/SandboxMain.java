package io.jenkins.plugins.certrecovery.sandbox;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Starts a sandbox by hand for rehearsals:
 * {@code java -cp … io.jenkins.plugins.certrecovery.sandbox.SandboxMain [masters workers [ocpVersion]]}
 * prints the inventory file, one {@code ssh} line per host, and runs until standard input closes (Ctrl-D).
 */
public final class SandboxMain {
    private SandboxMain() {}

    public static void main(String[] args) throws IOException {
        SandboxSpec spec = SandboxSpec.demo();
        if (args.length == 2 || args.length == 3) {
            try {
                spec = spec.withNodes(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
                if (args.length == 3) {
                    spec = spec.withOpenShiftVersion(args[2]);
                }
            } catch (IllegalArgumentException e) {
                System.err.println("usage: SandboxMain [MASTERS WORKERS [OCP_VERSION]]: " + e.getMessage());
                System.exit(2);
            }
        }
        Instant started = Instant.now();
        try (Sandbox sandbox = Sandbox.start(spec)) {
            System.out.println("sandbox started in "
                    + Duration.between(started, Instant.now()).toMillis() + " ms");
            System.out.println("inventory: " + sandbox.inventoryFile());
            for (String host : sandbox.hostNames()) {
                System.out.println("  " + host + ": ssh -i " + sandbox.clientKeyFile() + " -o UserKnownHostsFile="
                        + sandbox.knownHostsFile() + " -p " + sandbox.sshPort(host) + " core@127.0.0.1   # / is "
                        + sandbox.hostRoot(host));
            }
            System.out.println("close standard input (Ctrl-D) to stop");
            while (System.in.read() >= 0) {
                // runs until standard input closes
            }
        }
    }
}
