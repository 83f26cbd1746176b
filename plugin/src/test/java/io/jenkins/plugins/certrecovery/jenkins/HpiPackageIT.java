package io.jenkins.plugins.certrecovery.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the built {@code openshift-cert-recovery.hpi} the way Jenkins' plugin manager reads it (jenkins-plugin-facts.md): the
 * manifest, WEB-INF/lib with the plugin jar and what it bundles, the extension index, and no class of the Jenkins stand-in.
 */
class HpiPackageIT {
    private static final List<String> STEP_DESCRIPTORS = List.of(
            "RecoveryApiserverStep",
            "RegenerateCertsStep",
            "ForceRedeployStep",
            "RecoverKubeletsStep",
            "ApproveCsrsStep",
            "CheckCertExpiryStep",
            "RecoverClusterStep",
            "WithOpenShiftClusterStep",
            "MergeCertExpiryReportsStep");
    /** Packages of Jenkins, its plugins and the libraries core provides: none of these may be inside. */
    private static final List<String> PROVIDED_PACKAGES = List.of(
            "hudson/",
            "jenkins/",
            "org/jenkinsci/",
            "com/cloudbees/",
            "org/kohsuke/",
            "net/java/sezpoz/",
            "com/google/common/",
            "org/springframework/");

    private static Path hpi;
    private static List<String> libs;

    @BeforeAll
    static void open() throws IOException {
        hpi = Path.of(System.getProperty("hpi.file", "target/openshift-cert-recovery.hpi"));
        assertTrue(Files.isRegularFile(hpi), "mvn package builds " + hpi.toAbsolutePath());
        libs = new ArrayList<>();
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            Collections.list(zip.entries()).stream()
                    .map(ZipEntry::getName)
                    .filter(n -> n.startsWith("WEB-INF/lib/") && n.endsWith(".jar"))
                    .forEach(libs::add);
        }
    }

    @Test
    void manifestDescribesThePlugin() throws IOException {
        Attributes main;
        try (ZipFile zip = new ZipFile(hpi.toFile());
                InputStream in = zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF"))) {
            main = new Manifest(in).getMainAttributes();
        }
        assertEquals("openshift-cert-recovery", main.getValue("Short-Name"));
        assertEquals("OpenShift Certificate Recovery", main.getValue("Long-Name"));
        assertEquals(System.getProperty("hpi.version"), main.getValue("Plugin-Version"));
        assertEquals("2.479.3", main.getValue("Jenkins-Version"));
        assertEquals("2.479.3", main.getValue("Hudson-Version"));
        assertEquals("io.jenkins.plugins", main.getValue("Group-Id"));
        assertEquals("openshift-cert-recovery", main.getValue("Artifact-Id"));
        assertTrue(main.getValue("Url").startsWith("https://"), main.getValue("Url"));
        assertNotNull(main.getValue("Plugin-Developers"));
        assertEquals(
                "workflow-step-api:700.v6e45cb_a_5a_a_21,workflow-api:1373.v7b_813f10efa_b_,credentials:1415.v831096eb_5534,"
                        + "ssh-credentials:355.v9b_e5b_cde5003",
                main.getValue("Plugin-Dependencies"));
        assertEquals(null, main.getValue("Plugin-Class"), "no hudson.Plugin subclass, so no Plugin-Class");
    }

    @Test
    void hpiManifestMasksBouncyCastleSoTheBundledCopyIsUsedWhole() throws IOException {
        try (ZipFile zip = new ZipFile(hpi.toFile());
                InputStream in = zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF"))) {
            assertEquals(
                    "org.bouncycastle.", new Manifest(in).getMainAttributes().getValue("Mask-Classes"));
        }
    }

    @Test
    void pluginJarCarriesThePluginManifestThatJenkinsClassFilterReads() throws IOException {
        Attributes hpiMain;
        Attributes jarMain;
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            try (InputStream in = zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF"))) {
                hpiMain = new Manifest(in).getMainAttributes();
            }
            try (JarInputStream jar =
                    new JarInputStream(zip.getInputStream(zip.getEntry("WEB-INF/lib/openshift-cert-recovery.jar")))) {
                jarMain = jar.getManifest().getMainAttributes();
            }
        }
        for (String attribute :
                List.of("Short-Name", "Long-Name", "Plugin-Version", "Jenkins-Version", "Group-Id", "Artifact-Id")) {
            assertNotNull(jarMain.getValue(attribute), attribute + " in the plugin jar's own manifest");
            assertEquals(
                    hpiMain.getValue(attribute), jarMain.getValue(attribute), attribute + " as in the .hpi manifest");
        }
    }

    @Test
    void manifestLinesAreWrappedAt72Bytes() throws IOException {
        try (ZipFile zip = new ZipFile(hpi.toFile());
                InputStream in = zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF"))) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\r\n")) {
                assertTrue(
                        line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 72,
                        "manifest line over 72 bytes: " + line);
            }
        }
    }

    @Test
    void webInfLibHoldsThePluginCoreAndBundledLibraries() {
        assertTrue(libs.contains("WEB-INF/lib/openshift-cert-recovery.jar"), libs.toString());
        for (String bundled : List.of(
                "openshift-cert-recovery-core-",
                "jsch-",
                "jackson-databind-",
                "jackson-dataformat-yaml-",
                "snakeyaml-",
                "bcpkix-jdk18on-",
                "bcprov-jdk18on-")) {
            assertTrue(
                    libs.stream().anyMatch(l -> l.startsWith("WEB-INF/lib/" + bundled)),
                    bundled + " missing from " + libs);
        }
        for (String provided : List.of("jenkins-stubs", "sezpoz", "guava", "spring-", "junit", "groovy")) {
            assertFalse(libs.stream().anyMatch(l -> l.contains(provided)), provided + " must not be bundled: " + libs);
        }
    }

    @Test
    void noJenkinsClassIsInsideAnyJar(@TempDir Path tmp) throws IOException {
        List<String> offending = new ArrayList<>();
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            for (String lib : libs) {
                try (JarInputStream jar = new JarInputStream(zip.getInputStream(zip.getEntry(lib)))) {
                    for (ZipEntry e = jar.getNextEntry(); e != null; e = jar.getNextEntry()) {
                        String name = e.getName();
                        if (name.endsWith(".class")
                                && PROVIDED_PACKAGES.stream().anyMatch(name::startsWith)) {
                            offending.add(lib + "!" + name);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offending);
    }

    @Test
    void pluginJarHasIndexJellyTheViewsAndTheExtensionIndex(@TempDir Path tmp) throws Exception {
        Path pluginJar = tmp.resolve("openshift-cert-recovery.jar");
        Set<String> entries = new TreeSet<>();
        try (ZipFile zip = new ZipFile(hpi.toFile());
                InputStream in = zip.getInputStream(zip.getEntry("WEB-INF/lib/openshift-cert-recovery.jar"))) {
            Files.copy(in, pluginJar);
        }
        try (ZipFile jar = new ZipFile(pluginJar.toFile())) {
            Collections.list(jar.entries()).forEach(e -> entries.add(e.getName()));
        }
        assertTrue(entries.contains("index.jelly"), "index.jelly at the jar root");
        assertTrue(entries.contains("META-INF/annotations/hudson.Extension"), "SezPoz index");
        String pkg = "io/jenkins/plugins/certrecovery/jenkins/";
        for (String step : STEP_DESCRIPTORS) {
            assertTrue(entries.contains(pkg + step + "/config.jelly"), step + " config.jelly");
            assertTrue(entries.contains(pkg + step + "/help.html"), step + " help.html");
        }

        // Read the index as Jenkins does (SezPoz over the plugin's class loader): every step descriptor is an
        // extension.
        List<String> extensions = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {pluginJar.toUri().toURL()}, getClass().getClassLoader())) {
            for (IndexItem<hudson.Extension, Object> item : Index.load(hudson.Extension.class, Object.class, loader)) {
                extensions.add(item.className());
            }
        }
        List<String> expected = STEP_DESCRIPTORS.stream()
                .map(s -> "io.jenkins.plugins.certrecovery.jenkins." + s + "$DescriptorImpl")
                .sorted()
                .toList();
        assertEquals(expected, extensions.stream().sorted().toList());
    }
}
