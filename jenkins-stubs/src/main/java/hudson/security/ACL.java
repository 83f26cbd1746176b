package hudson.security;

import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

public abstract class ACL {
    /**
     * Jenkins itself: upstream's token, named SYSTEM. Upstream builds it unauthenticated, through a check that needs spring-core,
     * which is not on the stand-in's path; the constructor with (no) authorities needs none. Callers see an {@link Authentication}.
     */
    public static final Authentication SYSTEM2 = new UsernamePasswordAuthenticationToken("SYSTEM", "SYSTEM", List.of());
}
