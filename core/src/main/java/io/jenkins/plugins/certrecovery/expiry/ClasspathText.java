package io.jenkins.plugins.certrecovery.expiry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Text files shipped beside a class (the scan script, the report's stylesheet). */
public final class ClasspathText {
    private ClasspathText() {}

    /** The UTF-8 text of {@code name}, resolved against {@code anchor}'s package; a missing file is a packaging bug. */
    public static String read(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath beside " + anchor.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
