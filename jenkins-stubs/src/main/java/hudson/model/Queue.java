package hudson.model;

import hudson.model.queue.SubTask;
import hudson.security.ACL;
import org.springframework.security.core.Authentication;

/** Stand-in: declared for {@link Task}, what a job is to the build queue. */
public class Queue extends ResourceController implements Saveable {
    /** Upstream takes a load balancer; private here: nothing outside Jenkins makes a queue. */
    private Queue() {}

    public interface Task extends ModelObject, SubTask {
        /** Who a build of this task runs as when no queue item authenticator decides: upstream's default, SYSTEM. */
        default Authentication getDefaultAuthentication2() {
            return ACL.SYSTEM2;
        }
    }
}
