package hudson.util;

import java.io.Serializable;

/** Stand-in: a secret value; {@link #toString()} never shows it. */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret fromString(String data) {
        return new Secret(data == null ? "" : data);
    }

    public static String toString(Secret s) {
        return s == null ? "" : s.value;
    }

    public String getPlainText() {
        return value;
    }

    /** Upstream returns the plain text but is deprecated for it; the stand-in hides it so that a test catches any use. */
    @Override
    public String toString() {
        return "Secret[****]";
    }
}
