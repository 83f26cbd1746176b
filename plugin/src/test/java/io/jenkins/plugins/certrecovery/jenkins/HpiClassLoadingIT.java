package io.jenkins.plugins.certrecovery.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.TaskListener;
import hudson.remoting.Callable;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.sandbox.Sandbox;
import io.jenkins.plugins.certrecovery.sandbox.SandboxSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the built .hpi as Jenkins' ClassicPluginStrategy does and runs a recovery on the sandbox through it. Jenkins gives a plugin
 * one class loader over its exploded {@code WEB-INF/lib}, parent-first, whose parent asks Jenkins core and then every dependency
 * plugin's loader; {@code Mask-Classes} in the .hpi manifest hides the named packages from that parent. {@code credentials} depends
 * on {@code bouncycastle-api}, so its Bouncy Castle (the 1.78 line) is one of those dependency loaders here. Every class each loader
 * defines is recorded with the jar it came from.
 */
class HpiClassLoadingIT {
    private static final String TASKS = "io.jenkins.plugins.certrecovery.jenkins.";

    @TempDir
    Path dir;

    private Sandbox sandbox;
    /** Class name to the jars (file names) that defined a class of that name, across every loader of the simulated Jenkins. */
    private final Map<String, Set<String>> definedFrom = new ConcurrentHashMap<>();

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void startCluster() throws Exception {
        sandbox = Sandbox.start(SandboxSpec.defaults());
    }

    @AfterEach
    void stopCluster() throws Exception {
        sandbox.close();
    }

    /** A URL class loader that notes each class it defines itself, with its jar. */
    private final class RecordingLoader extends URLClassLoader {
        RecordingLoader(List<Path> jars, ClassLoader parent) {
            super(jars.stream().map(HpiClassLoadingIT::url).toArray(URL[]::new), parent);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> type = super.findClass(name);
            String location =
                    type.getProtectionDomain().getCodeSource().getLocation().getPath();
            definedFrom
                    .computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet())
                    .add(Path.of(location).getFileName().toString());
            return type;
        }
    }

    /** Jenkins' DependencyClassLoader, reduced to this plugin's one dependency with a library: core first, then bouncycastle-api. */
    private static final class DependencyLoader extends ClassLoader {
        private final ClassLoader dependency;

        DependencyLoader(ClassLoader core, ClassLoader dependency) {
            super(core);
            this.dependency = dependency;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            return dependency.loadClass(name);
        }

        @Override
        protected URL findResource(String name) {
            return dependency.getResource(name);
        }
    }

    /** Jenkins' MaskingClassLoader: the masked packages are not found in the parent, so the plugin's own jars supply them. */
    private static final class MaskingLoader extends ClassLoader {
        private final List<String> prefixes;

        MaskingLoader(ClassLoader parent, List<String> prefixes) {
            super(parent);
            this.prefixes = prefixes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (prefixes.stream().anyMatch(name::startsWith)) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            String asClassName = name.replace('/', '.');
            return prefixes.stream().anyMatch(asClassName::startsWith) ? null : super.getResource(name);
        }
    }

    /** The plugin's class loader as Jenkins builds it from the .hpi, honouring its Mask-Classes unless told not to. */
    private ClassLoader pluginLoader(boolean honourMaskClasses) throws IOException {
        Path hpi = Path.of(System.getProperty("hpi.file"));
        Path lib = dir.resolve("exploded/WEB-INF/lib");
        Files.createDirectories(lib);
        List<Path> jars = new ArrayList<>();
        String mask;
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.getName().startsWith("WEB-INF/lib/")
                        && entry.getName().endsWith(".jar")) {
                    Path jar = lib.resolve(entry.getName().substring("WEB-INF/lib/".length()));
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, jar);
                    }
                    jars.add(jar);
                }
            }
            try (InputStream in = zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF"))) {
                mask = new Manifest(in).getMainAttributes().getValue("Mask-Classes");
            }
        }
        // Jenkins core and the dependency plugins' APIs: the stand-in (core 2.479.3 has no Bouncy Castle, JSch, Jackson
        // or SnakeYAML).
        Path standIn = Path.of(url(TaskListener.class).getPath());
        ClassLoader core = new URLClassLoader(new URL[] {url(standIn)}, ClassLoader.getPlatformClassLoader());
        List<Path> bouncycastleApi;
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("bouncycastle-api.dir")))) {
            bouncycastleApi =
                    files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        assertEquals(3, bouncycastleApi.size(), "bcprov, bcpkix and bcutil of bouncycastle-api: " + bouncycastleApi);
        ClassLoader parent = new DependencyLoader(core, new RecordingLoader(bouncycastleApi, core));
        if (honourMaskClasses && mask != null) {
            parent = new MaskingLoader(parent, List.of(mask.trim().split("[ \t\r\n]+")));
        }
        return new RecordingLoader(jars, parent);
    }

    private static URL url(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (IOException e) {
            throw new IllegalArgumentException(path.toString(), e);
        }
    }

    /** The request a step sends to the agent, in channel form: the sandbox as the cluster argument, its SSH key as the credential. */
    private LinkedHashMap<String, Object> request() {
        LinkedHashMap<String, Object> cluster =
                new LinkedHashMap<>(InventoryLoader.parseYaml(sandbox.inventoryYaml(), "sandbox"));
        @SuppressWarnings("unchecked")
        Map<String, Object> ssh = new LinkedHashMap<>((Map<String, Object>) cluster.get("ssh"));
        ssh.remove("identityFile");
        ssh.remove("knownHosts");
        ssh.put("knownHostsText", sandbox.knownHosts());
        cluster.put("ssh", ssh);
        LinkedHashMap<String, Object> login = new LinkedHashMap<>();
        login.put("credentialsId", "ocp-core-ssh");
        login.put("username", null);
        login.put("privateKey", sandbox.clientPrivateKey());
        login.put("passphrase", null);
        login.put("password", null);
        LinkedHashMap<String, Object> request = new LinkedHashMap<>();
        request.put("cluster", PipelineValues.plain(cluster));
        request.put("inventoryFile", null);
        request.put("login", login);
        request.put("workspace", dir.toString());
        request.put("dryRun", false);
        request.put("commandTimeoutSeconds", 0);
        request.put("auditFile", "audit.jsonl");
        request.put("runId", "recovery#1");
        request.put("onlyNodes", new ArrayList<>());
        request.put("skipUnreachable", false);
        return request;
    }

    private static LinkedHashMap<String, Object> arguments(Object... pairs) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Runs one step's agent side inside the plugin's class loader and returns its reply (JDK types only). */
    private Map<?, ?> callStep(ClassLoader plugin, String task, LinkedHashMap<String, Object> arguments)
            throws Exception {
        Class<?> listenerType = plugin.loadClass(TaskListener.class.getName());
        PrintStream logger = new PrintStream(log, true, StandardCharsets.UTF_8);
        Object listener = Proxy.newProxyInstance(
                plugin,
                new Class<?>[] {listenerType},
                (proxy, method, args) -> method.getName().equals("getLogger") ? logger : null);
        Constructor<?> constructor = plugin.loadClass(TASKS + "AgentCall")
                .getDeclaredConstructor(LinkedHashMap.class, String.class, LinkedHashMap.class, listenerType);
        constructor.setAccessible(true);
        Object call = constructor.newInstance(request(), TASKS + task, arguments, listener);
        assertFalse(Callable.class.isInstance(call), "the plugin's classes are not the test's");
        java.lang.reflect.Method run = call.getClass().getMethod("call");
        run.setAccessible(true);
        return (Map<?, ?>) run.invoke(call);
    }

    /** The jars that defined the classes of the given package prefix, by class. */
    private Map<String, Set<String>> classesOf(String prefix) {
        Map<String, Set<String>> classes = new TreeMap<>();
        definedFrom.forEach((name, jars) -> {
            if (name.startsWith(prefix)) {
                classes.put(name, new TreeSet<>(jars));
            }
        });
        return classes;
    }

    @Test
    void everyBouncyCastleAndJschClassOfARecoveryComesFromTheBundledJars() throws Exception {
        ClassLoader plugin = pluginLoader(true);
        callStep(plugin, "RecoveryApiserverTask", arguments("create", true, "apiserverTimeoutMinutes", 5));
        callStep(plugin, "RegenerateCertsTask", arguments());
        callStep(plugin, "ForceRedeployTask", arguments());
        callStep(
                plugin,
                "RecoverKubeletsTask",
                arguments("allWorkers", false, "masterParallelism", 1, "workerParallelism", 4));
        callStep(
                plugin,
                "ApproveCsrsTask",
                arguments("names", null, "waitUntilReady", true, "nodesReadyTimeoutMinutes", 5));
        callStep(plugin, "RecoveryApiserverTask", arguments("create", false, "apiserverTimeoutMinutes", 5));
        assertTrue(
                sandbox.healthy(), "the recovery through the plugin's class loader brought the cluster back:\n" + log);

        Map<String, Set<String>> bouncyCastle = classesOf("org.bouncycastle.");
        Map<String, Set<String>> jsch = classesOf("com.jcraft.");
        assertFalse(bouncyCastle.isEmpty(), "the engine uses Bouncy Castle during a recovery");
        assertFalse(jsch.isEmpty(), "the engine uses JSch during a recovery");
        Set<String> bouncyCastleJars = new TreeSet<>();
        bouncyCastle.values().forEach(bouncyCastleJars::addAll);
        String bundled = "-" + bundledBouncyCastleVersion() + ".jar";
        assertTrue(
                bouncyCastleJars.stream().allMatch(j -> j.endsWith(bundled)),
                "every Bouncy Castle class from the bundled copy, none from bouncycastle-api's: " + bouncyCastleJars);
        assertEquals(
                Set.of(),
                bouncyCastle.entrySet().stream()
                        .filter(e -> e.getValue().size() > 1)
                        .map(Map.Entry::getKey)
                        .collect(java.util.stream.Collectors.toSet()),
                "no class defined twice");
        Set<String> jschJars = new TreeSet<>();
        jsch.values().forEach(jschJars::addAll);
        assertEquals(1, jschJars.size(), "JSch from one jar: " + jschJars);
        assertTrue(jschJars.iterator().next().startsWith("jsch-"), jschJars.toString());
    }

    @Test
    void withoutMaskClassesBouncyCastleWouldBeSplitOverTwoCopies() throws Exception {
        ClassLoader plugin = pluginLoader(false);
        try {
            callStep(
                    plugin,
                    "CheckCertExpiryTask",
                    arguments(
                            "warningDays",
                            30,
                            "criticalDays",
                            7,
                            "reportDir",
                            "cert-expiry",
                            "failOn",
                            "never",
                            "unstableOn",
                            "never",
                            "extraPaths",
                            new ArrayList<>(),
                            "checkEndpoints",
                            false,
                            "hostParallelism",
                            1,
                            "clusterParallelism",
                            1));
        } catch (ReflectiveOperationException | LinkageError e) {
            // a split library may also fail outright; what matters is where its classes came from
        }
        Set<String> jars = new TreeSet<>();
        classesOf("org.bouncycastle.").values().forEach(jars::addAll);
        assertTrue(
                jars.stream().anyMatch(j -> j.endsWith("-1.78.1.jar")),
                "without the mask, bouncycastle-api's older copy supplies classes: " + jars);
    }

    /** The version of the bcprov jar bundled in the .hpi, from its file name. */
    private static String bundledBouncyCastleVersion() throws IOException {
        try (ZipFile zip = new ZipFile(System.getProperty("hpi.file"))) {
            return Collections.list(zip.entries()).stream()
                    .map(ZipEntry::getName)
                    .filter(n -> n.startsWith("WEB-INF/lib/bcprov-jdk18on-"))
                    .findFirst()
                    .orElseThrow()
                    .replaceAll(".*bcprov-jdk18on-(.*)\\.jar", "$1");
        }
    }
}
