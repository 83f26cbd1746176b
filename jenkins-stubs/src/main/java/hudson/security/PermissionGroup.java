package hudson.security;

import java.util.Collections;
import java.util.Iterator;

/** Stand-in: declared because {@link Permission}'s constructor names it. */
public final class PermissionGroup implements Iterable<Permission>, Comparable<PermissionGroup> {
    private PermissionGroup() {}

    @Override
    public Iterator<Permission> iterator() {
        return Collections.emptyIterator();
    }

    @Override
    public int compareTo(PermissionGroup g) {
        return 0;
    }
}
