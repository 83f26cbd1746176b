package io.jenkins.plugins.certrecovery.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax rules for node names and host addresses. Each check returns the reason a value is refused, or empty when it is fine;
 * nothing here resolves a name.
 */
public final class NetworkNames {
    /** Characters a POSIX shell gives a meaning to: named in refusals so that a typo and an injection attempt read differently. */
    private static final String SHELL_METACHARACTERS = ";&|$`\\\"'<>(){}[]*?!#~ \t\r\n";

    // Kubernetes IsDNS1123Subdomain (k8s.io/apimachinery/pkg/util/validation): node names must satisfy it.
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int DNS1123_SUBDOMAIN_MAX = 253;
    // RFC 1123 host name label: letters, digits, hyphens, not starting or ending with a hyphen.
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    private NetworkNames() {}

    /** Why {@code name} is not a Kubernetes node name (a DNS-1123 subdomain), or empty. */
    public static Optional<String> nodeNameProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("is empty");
        }
        Optional<String> character =
                forbiddenCharacter(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.");
        if (character.isPresent()) {
            return character;
        }
        if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("'" + name + "' has upper-case letters; Kubernetes node names are lower case");
        }
        if (name.length() > DNS1123_SUBDOMAIN_MAX) {
            return Optional.of(
                    "is " + name.length() + " characters long; a node name has at most " + DNS1123_SUBDOMAIN_MAX);
        }
        if (!DNS1123_SUBDOMAIN.matcher(name).matches()) {
            return Optional.of(
                    "'" + name + "' is not a DNS-1123 subdomain: every dot-separated part must start and end with a "
                            + "letter or digit");
        }
        return Optional.empty();
    }

    /** Why {@code host} is neither a DNS name nor an IPv4 or IPv6 literal, or empty. */
    public static Optional<String> hostProblem(String host) {
        if (host.isEmpty()) {
            return Optional.of("is empty");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            return Optional.of("'" + host + "' has brackets; write an IPv6 address without them");
        }
        Optional<String> character =
                forbiddenCharacter(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.:");
        if (character.isPresent()) {
            return character;
        }
        if (host.indexOf(':') >= 0) {
            return ipv6Problem(host);
        }
        if (DIGITS_AND_DOTS.matcher(host).matches()) {
            return ipv4Problem(host);
        }
        return dnsNameProblem(host);
    }

    /** The address when {@code text} is a valid IPv4 or IPv6 literal (parsed, never looked up), else empty. */
    public static Optional<InetAddress> ipLiteral(String text) {
        boolean literalShape =
                text.indexOf(':') >= 0 || DIGITS_AND_DOTS.matcher(text).matches();
        if (!literalShape || hostProblem(text).isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> ipv6Problem(String host) {
        if (IPV6_CHARACTERS.matcher(host).matches()) {
            try {
                // A literal containing ':' is parsed, never looked up (InetAddress.getAllByName treats it as IPv6
                // only); an
                // IPv4-mapped literal (::ffff:10.0.0.1) comes back as its IPv4 address, which is fine.
                InetAddress.getByName(host);
                return Optional.empty();
            } catch (UnknownHostException e) {
                // reported below
            }
        }
        return Optional.of("'" + host + "' is not a valid IPv6 address");
    }

    private static Optional<String> ipv4Problem(String host) {
        String[] octets = host.split("\\.", -1);
        boolean valid = octets.length == 4;
        for (int i = 0; valid && i < octets.length; i++) {
            String octet = octets[i];
            // Leading zeros are refused: some resolvers read them as octal (010 = 8).
            valid = !octet.isEmpty()
                    && octet.length() <= 3
                    && (octet.length() == 1 || octet.charAt(0) != '0')
                    && Integer.parseInt(octet) <= 255;
        }
        return valid
                ? Optional.empty()
                : Optional.of("'" + host + "' is not a valid IPv4 address (four numbers 0-255 without leading zeros)");
    }

    private static Optional<String> dnsNameProblem(String host) {
        if (host.endsWith(".")) {
            return Optional.of("'" + host + "' ends with a dot; write the name without it");
        }
        if (host.length() > DNS1123_SUBDOMAIN_MAX) {
            return Optional.of(
                    "is " + host.length() + " characters long; a DNS name has at most " + DNS1123_SUBDOMAIN_MAX);
        }
        for (String label : host.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return Optional.of("'" + host + "' is not a DNS name: the part '" + label
                        + "' must be 1-63 letters, digits or " + "hyphens, not starting or ending with a hyphen");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> forbiddenCharacter(String value, String allowed) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (allowed.indexOf(c) < 0) {
                String shown = Character.isISOControl(c) || Character.isWhitespace(c)
                        ? String.format("U+%04X", (int) c)
                        : "'" + c + "'";
                return Optional.of(
                        SHELL_METACHARACTERS.indexOf(c) >= 0
                                ? "contains the shell metacharacter " + shown
                                : "contains the character " + shown + ", which is not allowed here");
            }
        }
        return Optional.empty();
    }
}
