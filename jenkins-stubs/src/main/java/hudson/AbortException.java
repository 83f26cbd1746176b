package hudson;

import java.io.IOException;

/** Stand-in: fails a build step with a message and no stack trace in the build log. */
public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException(String message) {
        super(message);
    }
}
