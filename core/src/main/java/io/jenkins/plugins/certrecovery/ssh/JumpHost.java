package io.jenkins.plugins.certrecovery.ssh;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one bastion reached before the cluster hosts: the target is then reached through a forwarded channel of this connection.
 *
 * @param user login user on the bastion
 * @param host DNS name or IP literal of the bastion
 * @param port SSH port of the bastion
 */
public record JumpHost(String user, String host, int port) {
    // user@host, user@host:port, user@[v6]:port
    private static final Pattern SPEC = Pattern.compile("([^@\\s]+)@(\\[[^\\]]+\\]|[^:@\\s\\[\\]]+)(?::(\\d{1,5}))?");

    public JumpHost {
        SshTarget.requireValidEndpoint("jump host", host, port);
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("jump host " + host + ": login user is blank; write it as user@host:port");
        }
    }

    /** Parses {@code user@host:port} (port optional, 22 by default; IPv6 literals in brackets). */
    public static JumpHost parse(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("jump host '" + spec + "' is not of the form user@host:port (for example core@bastion.example.com:22)");
        }
        String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
        return new JumpHost(m.group(1), host, m.group(3) == null ? 22 : Integer.parseInt(m.group(3)));
    }

    @Override
    public String toString() {
        return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
