package jenkins.model;

import hudson.security.Permission;
import java.util.Set;

/**
 * A running controller for tests, installed as {@link Jenkins#get()} until closed; the user of the current request holds
 * exactly the permissions given. It lives in this package because the stand-in keeps its instance package-private, as upstream.
 */
public final class TestJenkins extends Jenkins implements AutoCloseable {
    private final Set<Permission> granted;

    private TestJenkins(Set<Permission> granted) {
        this.granted = granted;
    }

    public static TestJenkins withCurrentUserHolding(Permission... granted) {
        TestJenkins jenkins = new TestJenkins(Set.of(granted));
        theInstance = jenkins;
        return jenkins;
    }

    @Override
    public boolean hasPermission(Permission permission) {
        return granted.contains(permission);
    }

    @Override
    public void close() {
        theInstance = null;
    }
}
