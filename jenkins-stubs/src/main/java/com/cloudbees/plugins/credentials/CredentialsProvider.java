package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Run;
import hudson.security.Permission;
import hudson.util.ListBoxModel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jenkins.ui.icon.IconSpec;
import org.springframework.security.core.Authentication;

/**
 * Stand-in: credentials are looked up only inside Jenkins. Listing asks the installed providers, as upstream asks its
 * {@code CredentialsProvider} extensions; outside Jenkins none is installed unless a test adds one through a helper in this
 * package.
 */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider>, IconSpec {
    public static final Permission USE_ITEM = new Permission(null, "UseItem", null);

    /** Upstream: the {@code CredentialsProvider} extensions. */
    static final List<CredentialsProvider> INSTALLED = new CopyOnWriteArrayList<>();

    public static <C extends IdCredentials> C findCredentialById(
            String id, Class<C> type, Run<?, ?> run, List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("stand-in: credentials are looked up only inside Jenkins");
    }

    public static <C extends Credentials> C track(Run build, C credentials) {
        throw new UnsupportedOperationException("stand-in: credentials are tracked only inside Jenkins");
    }

    /** The ids of the credentials {@code authentication} may use in {@code item}, for a drop-down; the first provider wins. */
    public static <C extends IdCredentials> ListBoxModel listCredentialsInItem(
            Class<C> type,
            Item item,
            Authentication authentication,
            List<DomainRequirement> domainRequirements,
            CredentialsMatcher matcher) {
        return list(p -> p.getCredentialsInItem(type, item, authentication, domainRequirements), matcher);
    }

    /** As {@link #listCredentialsInItem}, for a folder or Jenkins itself. */
    public static <C extends IdCredentials> ListBoxModel listCredentialsInItemGroup(
            Class<C> type,
            ItemGroup itemGroup,
            Authentication authentication,
            List<DomainRequirement> domainRequirements,
            CredentialsMatcher matcher) {
        return list(p -> p.getCredentialsInItemGroup(type, itemGroup, authentication, domainRequirements), matcher);
    }

    /** Upstream shows a description ({@code CredentialsNameProvider}); the stand-in shows the id. */
    private static ListBoxModel list(
            Function<CredentialsProvider, List<? extends IdCredentials>> lookup, CredentialsMatcher matcher) {
        ListBoxModel result = new ListBoxModel();
        Set<String> ids = new HashSet<>();
        for (CredentialsProvider provider : INSTALLED) {
            for (IdCredentials c : lookup.apply(provider)) {
                if ((matcher == null || matcher.matches(c)) && ids.add(c.getId())) {
                    result.add(c.getId(), c.getId());
                }
            }
        }
        return result;
    }

    /** The credentials of {@code type} that {@code authentication} may use in {@code item}. The stand-in's own store is empty. */
    public <C extends Credentials> List<C> getCredentialsInItem(
            Class<C> type, Item item, Authentication authentication, List<DomainRequirement> domainRequirements) {
        return List.of();
    }

    /** The credentials of {@code type} that {@code authentication} may use in {@code itemGroup}. The stand-in's own store is empty. */
    public <C extends Credentials> List<C> getCredentialsInItemGroup(
            Class<C> type,
            ItemGroup itemGroup,
            Authentication authentication,
            List<DomainRequirement> domainRequirements) {
        return List.of();
    }
}
