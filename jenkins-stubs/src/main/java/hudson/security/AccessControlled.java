package hudson.security;

public interface AccessControlled {
    /** Upstream asks the ACL; the stand-in has none. */
    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("stand-in: no access control outside Jenkins");
    }
}
