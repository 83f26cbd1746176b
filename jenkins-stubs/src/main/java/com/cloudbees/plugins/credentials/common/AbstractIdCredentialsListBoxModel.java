package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.util.ListBoxModel;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.Authentication;

/** Stand-in: a credentials drop-down, filled as upstream fills it (through {@link CredentialsProvider}'s listing). */
public abstract class AbstractIdCredentialsListBoxModel<
                T extends AbstractIdCredentialsListBoxModel<T, C>, C extends IdCredentials>
        extends ListBoxModel {

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** The "- none -" option, first, once. */
    public T includeEmptyValue() {
        if (stream().noneMatch(o -> o.value.isEmpty())) {
            add(0, new Option("- none -", ""));
        }
        return self();
    }

    /** Keeps the current value selectable even when it is not listed (upstream shows it as the current selection). */
    public T includeCurrentValue(String value) {
        if (value == null || value.isEmpty()) {
            return includeEmptyValue();
        }
        if (stream().noneMatch(o -> value.equals(o.value))) {
            add(!isEmpty() && get(0).value.isEmpty() ? 1 : 0, new Option(value, value));
        }
        return self();
    }

    public T includeMatchingAs(
            Authentication authentication,
            Item context,
            Class<? extends C> type,
            List<DomainRequirement> domainRequirements,
            CredentialsMatcher matcher) {
        addMissing(
                CredentialsProvider.listCredentialsInItem(type, context, authentication, domainRequirements, matcher));
        return self();
    }

    public T includeMatchingAs(
            Authentication authentication,
            ItemGroup context,
            Class<? extends C> type,
            List<DomainRequirement> domainRequirements,
            CredentialsMatcher matcher) {
        addMissing(CredentialsProvider.listCredentialsInItemGroup(
                type, context, authentication, domainRequirements, matcher));
        return self();
    }

    /** Appends the options whose value is not listed yet: the first credential listed for an id wins. */
    public boolean addMissing(Collection<? extends Option> options) {
        boolean changed = false;
        for (Option o : options) {
            if (stream().noneMatch(existing -> existing.value.equals(o.value))) {
                changed = add(o);
            }
        }
        return changed;
    }
}
