package io.jenkins.plugins.certrecovery.stubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The stand-in checks itself: every public/protected type and member it compiles to must equal, line for line, the upstream
 * signature kept in {@code upstream-signatures.txt} (format of shared/jenkins-api/README.md). A plugin compiled against a
 * stand-in that differs would fail to link inside Jenkins ({@code NoSuchMethodError}, {@code IncompatibleClassChangeError}).
 */
class StandInSignaturesTest {
    private static final Path CLASSES = Path.of("target", "classes");
    private static final List<Parsed> STAND_IN = new ArrayList<>();

    /** What one class file declares, in the line format of signatures.txt. */
    private record Parsed(String name, List<String> lines, List<String> inlinedConstants, Set<String> annotations) {}

    @BeforeAll
    static void readClasses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CLASSES)) {
            files = walk.filter(f -> f.toString().endsWith(".class")).sorted().collect(Collectors.toList());
        }
        assertTrue(
                files.size() > 50,
                "the stand-in compiled to " + files.size() + " classes under " + CLASSES.toAbsolutePath());
        for (Path f : files) {
            STAND_IN.add(parse(Files.readAllBytes(f)));
        }
    }

    @Test
    void everyTypeAndMemberMatchesUpstream() throws IOException {
        Set<String> upstream = upstreamLines();
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Parsed p : STAND_IN) {
            for (String line : p.lines()) {
                checked++;
                if (!upstream.contains(line)) {
                    mismatches.add(line);
                }
            }
        }
        assertEquals(
                List.of(),
                mismatches,
                "stand-in lines with no identical upstream line (fix the stand-in, never the data)");
        assertEquals(
                upstream.size(), checked, "upstream-signatures.txt should list exactly what the stand-in declares");
    }

    @Test
    void noConstantIsInlinedIntoThePlugin() {
        // javac copies static final primitive/String constants into the classes that use them: a made-up value would
        // stick.
        List<String> constants =
                STAND_IN.stream().flatMap(p -> p.inlinedConstants().stream()).collect(Collectors.toList());
        assertEquals(List.of(), constants);
    }

    @Test
    void extensionIsIndexedBySezpoz() {
        Parsed extension = STAND_IN.stream()
                .filter(p -> p.name().equals("hudson.Extension"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                extension.annotations().contains("Lnet/java/sezpoz/Indexable;"),
                "hudson.Extension must be meta-annotated @net.java.sezpoz.Indexable, or no extension index is written");
        assertTrue(extension.annotations().contains("Ljava/lang/annotation/Retention;"));
    }

    private static Set<String> upstreamLines() throws IOException {
        try (InputStream in = StandInSignaturesTest.class.getResourceAsStream("/upstream-signatures.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String access(int flags) {
        return (flags & Opcodes.ACC_PUBLIC) != 0 ? "public" : (flags & Opcodes.ACC_PROTECTED) != 0 ? "protected" : null;
    }

    private static Parsed parse(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        List<String> constants = new ArrayList<>();
        Set<String> annotations = new TreeSet<>();
        Map<String, Integer> innerFlags = new HashMap<>();
        String[] header = new String[4];
        int[] classAccess = new int[1];
        boolean[] anonymousOrLocal = new boolean[1];
        new ClassReader(bytes)
                .accept(
                        new ClassVisitor(Opcodes.ASM9) {
                            @Override
                            public void visit(
                                    int version,
                                    int access,
                                    String name,
                                    String signature,
                                    String superName,
                                    String[] interfaces) {
                                classAccess[0] = access;
                                header[0] = name.replace('/', '.');
                                header[1] = superName == null ? null : superName.replace('/', '.');
                                header[2] = interfaces.length == 0
                                        ? "-"
                                        : Stream.of(interfaces)
                                                .map(i -> i.replace('/', '.'))
                                                .sorted()
                                                .collect(Collectors.joining(","));
                            }

                            @Override
                            public void visitInnerClass(String name, String outerName, String innerName, int access) {
                                if (name.replace('/', '.').equals(header[0])) {
                                    innerFlags.put(header[0], access);
                                    anonymousOrLocal[0] = outerName == null;
                                }
                            }

                            @Override
                            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                                annotations.add(descriptor);
                                return null;
                            }

                            @Override
                            public FieldVisitor visitField(
                                    int access, String name, String descriptor, String signature, Object value) {
                                String acc = access(access);
                                if (acc != null && (access & Opcodes.ACC_SYNTHETIC) == 0) {
                                    lines.add("field " + header[0] + " " + acc
                                            + ((access & Opcodes.ACC_STATIC) != 0 ? " static" : "")
                                            + ((access & Opcodes.ACC_FINAL) != 0 ? " final" : "") + " " + name + " "
                                            + descriptor);
                                    if (value != null) {
                                        constants.add(header[0] + "." + name + " = " + value);
                                    }
                                }
                                return null;
                            }

                            @Override
                            public MethodVisitor visitMethod(
                                    int access, String name, String descriptor, String signature, String[] exceptions) {
                                String acc = access(access);
                                if (acc == null
                                        || (access & (Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) != 0
                                        || name.equals("<clinit>")) {
                                    return null;
                                }
                                if (name.equals("<init>")) {
                                    lines.add("ctor " + header[0] + " " + acc + " <init>" + descriptor);
                                    return null;
                                }
                                boolean isInterface = (classAccess[0] & Opcodes.ACC_INTERFACE) != 0;
                                boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
                                StringBuilder mods = new StringBuilder(acc);
                                if (isStatic) {
                                    mods.append(" static");
                                }
                                if ((access & Opcodes.ACC_ABSTRACT) != 0) {
                                    mods.append(" abstract");
                                } else if (isInterface && !isStatic) {
                                    mods.append(" default");
                                }
                                if ((access & Opcodes.ACC_FINAL) != 0) {
                                    mods.append(" final");
                                }
                                lines.add("method " + header[0] + " " + mods + " " + name + descriptor);
                                return null;
                            }
                        },
                        ClassReader.SKIP_CODE);

        int flags = innerFlags.getOrDefault(header[0], classAccess[0]);
        String acc = access(flags);
        if (acc == null || anonymousOrLocal[0]) {
            return new Parsed(header[0], List.of(), constants, annotations); // not API: upstream lists no such type
        }
        boolean isInterface = (classAccess[0] & Opcodes.ACC_INTERFACE) != 0;
        String kind = (classAccess[0] & Opcodes.ACC_ANNOTATION) != 0
                ? "annotation"
                : isInterface ? "interface" : (classAccess[0] & Opcodes.ACC_ENUM) != 0 ? "enum" : "class";
        StringBuilder mods = new StringBuilder(acc);
        if ((flags & Opcodes.ACC_STATIC) != 0) {
            mods.append(" static");
        }
        if ((flags & Opcodes.ACC_ABSTRACT) != 0 || isInterface) {
            mods.append(" abstract");
        }
        if ((flags & Opcodes.ACC_FINAL) != 0) {
            mods.append(" final");
        }
        lines.add(
                0,
                "type " + header[0] + " " + kind + " " + mods + " super="
                        + (isInterface || header[1] == null ? "-" : header[1]) + " interfaces=" + header[2]);
        return new Parsed(header[0], lines, constants, annotations);
    }
}
