package hudson.model.queue;

import hudson.model.Queue;
import org.springframework.security.core.Authentication;

public class Tasks {
    /**
     * Who a build of the task runs as. Upstream first asks the configured queue item authenticators (e.g. Authorize Project);
     * the stand-in has none configured, so, as upstream then does, the task's default authentication.
     */
    public static Authentication getAuthenticationOf2(Queue.Task t) {
        return t.getDefaultAuthentication2();
    }
}
