package io.jenkins.plugins.certrecovery.cluster;

import java.util.Optional;

/**
 * The one bastion SSH connections go through, written {@code [user@]host[:port]} (an IPv6 host in brackets when a port follows:
 * {@code core@[fd00::1]:2222}).
 */
public record JumpHost(String user, String host, int port) {
    /** Parses the written form; a missing user is {@code defaultUser}, a missing port 22. */
    public static JumpHost parse(String text, String defaultUser) {
        Parsed parsed = split(text);
        if (parsed.problem != null) {
            throw new IllegalArgumentException("jump host '" + text + "': " + parsed.problem);
        }
        return new JumpHost(parsed.user == null ? defaultUser : parsed.user, parsed.host, parsed.port);
    }

    /** Why {@code text} is not {@code [user@]host[:port]}, or empty. */
    public static Optional<String> problem(String text) {
        return Optional.ofNullable(split(text).problem);
    }

    @Override
    public String toString() {
        return user + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private record Parsed(String user, String host, int port, String problem) {
        static Parsed refused(String problem) {
            return new Parsed(null, null, 0, problem);
        }
    }

    private static Parsed split(String text) {
        String rest = text;
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
            Optional<String> userProblem = InventoryLoader.userProblem(user);
            if (userProblem.isPresent()) {
                return Parsed.refused("the user " + userProblem.get());
            }
        }
        String host = rest;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                return Parsed.refused("'[' without a closing ']'");
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    return Parsed.refused("expected ':port' after ']'");
                }
                portText = after.substring(1);
            }
        } else if (rest.indexOf(':') == rest.lastIndexOf(':') && rest.indexOf(':') >= 0) {
            host = rest.substring(0, rest.indexOf(':'));
            portText = rest.substring(rest.indexOf(':') + 1);
        }
        Optional<String> hostProblem = NetworkNames.hostProblem(host);
        if (hostProblem.isPresent()) {
            return Parsed.refused("the host " + hostProblem.get());
        }
        int port = 22;
        if (portText != null) {
            port = InventoryLoader.portNumber(portText);
            if (port == 0) {
                return Parsed.refused("the port '" + portText + "' is not a number from 1 to 65535");
            }
        }
        return new Parsed(user, host, port, null);
    }
}
