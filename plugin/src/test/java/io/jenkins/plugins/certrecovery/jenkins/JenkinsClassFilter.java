package io.jenkins.plugins.certrecovery.jenkins;

import hudson.model.TaskListener;
import hudson.remoting.Callable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * The rules of Jenkins' class filter ({@code jenkins.security.ClassFilterImpl} of jenkins-2.479.3) that decide whether a class may
 * be deserialized from the channel: arrays, throwables and enums pass; a class loaded from Jenkins core or remoting passes (here:
 * the stand-in's jar, which plays both); a class from a jar whose own manifest names a plugin ({@code Short-Name} with
 * {@code Plugin-Version} or {@code Jenkins-Version}, or {@code Jenkins-ClassFilter-Whitelisted: true}) passes; a JDK class passes
 * only if it is on core's list. Everything else is refused with remoting's {@link SecurityException}.
 *
 * <p>Stricter than Jenkins in one place, on purpose: Jenkins also accepts classes from a {@code target/classes/} directory (a plugin
 * under {@code mvn hpi:run}). An installed plugin never loads from there, so the tests that cross the channel run as integration
 * tests against the packaged plugin jar, and a directory is refused here.
 */
final class JenkinsClassFilter {
    private static final Set<String> JDK_WHITELIST = readWhitelist();
    private static final String CORE_LOCATION = location(TaskListener.class);
    private static final String REMOTING_LOCATION = location(Callable.class);

    private JenkinsClassFilter() {}

    /** Returns the class, or throws remoting's exception for a class the filter refuses. */
    static Class<?> check(Class<?> type) {
        if (!isAccepted(type)) {
            throw new SecurityException(
                    "Rejected: " + type.getName() + "; see https://jenkins.io/redirect/class-filter/");
        }
        return type;
    }

    static boolean isAccepted(Class<?> type) {
        if (type.isArray() || Throwable.class.isAssignableFrom(type) || Enum.class.isAssignableFrom(type)) {
            return true;
        }
        String location = location(type);
        if (location != null
                && (location.equals(CORE_LOCATION) || location.equals(REMOTING_LOCATION) || isPluginJar(location))) {
            return true;
        }
        return location == null && JDK_WHITELIST.contains(type.getName());
    }

    /** True when the class was loaded from a jar whose manifest the filter takes for a plugin's. */
    static boolean isFromPluginJar(Class<?> type) {
        String location = location(type);
        return location != null && isPluginJar(location);
    }

    private static boolean isPluginJar(String location) {
        if (!location.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(Path.of(new URL(location).toURI()).toFile(), false)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                return false;
            }
            Attributes main = manifest.getMainAttributes();
            return main.getValue("Short-Name") != null
                            && (main.getValue("Plugin-Version") != null || main.getValue("Jenkins-Version") != null)
                    || "true".equals(main.getValue("Jenkins-ClassFilter-Whitelisted"));
        } catch (IOException | URISyntaxException e) {
            return false; // Jenkins logs "problem checking" and refuses
        }
    }

    /** Where the class was loaded from, as a URL string; null for the JDK's own classes. */
    static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null
                ? null
                : source.getLocation().toString();
    }

    private static Set<String> readWhitelist() {
        try (InputStream in = JenkinsClassFilter.class.getResourceAsStream("class-filter-jdk-whitelist.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
