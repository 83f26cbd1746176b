package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.model.ItemGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;

/**
 * A credentials store for tests, installed as a {@link CredentialsProvider} until closed: which credentials an authentication
 * may use in which context (a job, a folder, Jenkins), as a real provider decides from its scopes and permissions.
 */
public final class TestCredentialsProvider extends CredentialsProvider implements AutoCloseable {
    private record Visibility(String principal, Object context) {}

    private final Map<Visibility, List<IdCredentials>> visible = new LinkedHashMap<>();

    private TestCredentialsProvider() {}

    public static TestCredentialsProvider install() {
        TestCredentialsProvider provider = new TestCredentialsProvider();
        INSTALLED.add(provider);
        return provider;
    }

    /** {@code credentials} may be used by {@code authentication} in {@code context}. */
    public TestCredentialsProvider allow(Authentication authentication, Object context, IdCredentials... credentials) {
        visible.computeIfAbsent(new Visibility(authentication.getName(), context), k -> new ArrayList<>())
                .addAll(List.of(credentials));
        return this;
    }

    @Override
    public <C extends Credentials> List<C> getCredentialsInItem(
            Class<C> type, Item item, Authentication authentication, List<DomainRequirement> domainRequirements) {
        return of(type, authentication, item);
    }

    @Override
    public <C extends Credentials> List<C> getCredentialsInItemGroup(
            Class<C> type,
            ItemGroup itemGroup,
            Authentication authentication,
            List<DomainRequirement> domainRequirements) {
        return of(type, authentication, itemGroup);
    }

    private <C extends Credentials> List<C> of(Class<C> type, Authentication authentication, Object context) {
        return visible.getOrDefault(new Visibility(authentication.getName(), context), List.of()).stream()
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    @Override
    public void close() {
        INSTALLED.remove(this);
    }
}
