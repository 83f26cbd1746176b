package hudson.security;

import org.springframework.security.core.Authentication;

public abstract class ACL {
    /** Upstream: the SYSTEM authentication; the stand-in has none. */
    public static final Authentication SYSTEM2 = null;
}
