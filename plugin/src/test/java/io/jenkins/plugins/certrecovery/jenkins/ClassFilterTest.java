package io.jenkins.plugins.certrecovery.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test channel refuses what Jenkins' class filter refuses, and lets through what it accepts. */
class ClassFilterTest {
    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();

    /** A jar holding {@link ChannelProbe} with the given main manifest attributes, and a value of it loaded from that jar alone. */
    private Object probeFromJar(Map<String, String> attributes, List<ClassLoader> loaderOut) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
        Path jar = dir.resolve("probe-" + attributes.size() + ".jar");
        String entry = ChannelProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream bytes = ChannelProbe.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            bytes.transferTo(out);
        }
        ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        loaderOut.add(loader);
        java.lang.reflect.Constructor<?> constructor =
                loader.loadClass(ChannelProbe.class.getName()).getDeclaredConstructor(String.class);
        constructor.setAccessible(true);
        return constructor.newInstance("probe");
    }

    @Test
    void refusesAClassFromAJarWithoutThePluginManifest() throws Exception {
        List<ClassLoader> loader = new ArrayList<>();
        Object probe = probeFromJar(Map.of("Created-By", "test"), loader);
        RemotingChannel channel = new RemotingChannel(listener, loader.get(0));
        SecurityException e = assertThrows(SecurityException.class, () -> channel.roundTrip(probe, new ArrayList<>()));
        assertEquals(
                "Rejected: " + ChannelProbe.class.getName() + "; see https://jenkins.io/redirect/class-filter/",
                e.getMessage());
    }

    @Test
    void refusesAClassFromAJarThatHasAShortNameButNoVersion() throws Exception {
        List<ClassLoader> loader = new ArrayList<>();
        Object probe = probeFromJar(Map.of("Short-Name", "openshift-cert-recovery"), loader);
        RemotingChannel channel = new RemotingChannel(listener, loader.get(0));
        assertThrows(SecurityException.class, () -> channel.roundTrip(probe, new ArrayList<>()));
    }

    @Test
    void acceptsAClassFromAJarWithThePluginManifest() throws Exception {
        List<ClassLoader> loader = new ArrayList<>();
        Object probe = probeFromJar(Map.of("Short-Name", "openshift-cert-recovery", "Plugin-Version", "1.0"), loader);
        RemotingChannel channel = new RemotingChannel(listener, loader.get(0));
        assertEquals(probe, channel.roundTrip(probe, new ArrayList<>()));
    }

    @Test
    void refusesAPluginClassLoadedFromAClassesDirectory() {
        RemotingChannel channel = new RemotingChannel(listener);
        SecurityException e = assertThrows(
                SecurityException.class, () -> channel.roundTrip(new ChannelProbe("x"), new ArrayList<>()));
        assertTrue(e.getMessage().startsWith("Rejected: " + ChannelProbe.class.getName()), e.getMessage());
    }

    @Test
    void refusesAJdkClassThatIsNotOnJenkinsList() {
        RemotingChannel channel = new RemotingChannel(listener);
        SecurityException e =
                assertThrows(SecurityException.class, () -> channel.roundTrip(List.of("a", "b"), new ArrayList<>()));
        assertTrue(e.getMessage().startsWith("Rejected: java.util.CollSer"), e.getMessage());
    }

    @Test
    void acceptsPlainMapsListsStringsNumbersAndBooleans() throws Exception {
        LinkedHashMap<String, Object> value = new LinkedHashMap<>();
        value.put("rows", new ArrayList<>(List.of(1, 2L, 3.5, true, "text")));
        value.put("none", null);
        RemotingChannel channel = new RemotingChannel(listener);
        assertEquals(value, channel.roundTrip(value, new ArrayList<>()));
    }

    @Test
    void everyValueAStepHandsBackCrossesTheFilterInChannelForm() throws Exception {
        LinkedHashMap<String, Object> row = new LinkedHashMap<>();
        row.put("names", List.of("csr-1", "csr-2")); // immutable JDK lists are refused until converted
        StepOutcome outcome = new StepOutcome(List.of(row), List.of("one warning"));
        RemotingChannel channel = new RemotingChannel(listener);
        Object back = channel.roundTrip(ChannelForm.of(outcome), new ArrayList<>());
        assertEquals(outcome, AgentCall.outcome((Map<?, ?>) back));
    }
}
