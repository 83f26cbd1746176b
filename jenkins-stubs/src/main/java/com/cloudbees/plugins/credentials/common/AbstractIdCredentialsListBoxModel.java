package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

/** Stand-in: a credentials drop-down; only Jenkins can fill it from the credential stores. */
public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>, C extends IdCredentials>
        extends ListBoxModel {

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    public T includeEmptyValue() {
        add("- none -", "");
        return self();
    }

    public T includeCurrentValue(String value) {
        if (value != null && !value.isEmpty() && stream().noneMatch(o -> value.equals(o.value))) {
            add(value, value);
        }
        return self();
    }

    public T includeMatchingAs(Authentication authentication, Item context,
                                                                      Class<? extends C> type,
                                                                      List<DomainRequirement> domainRequirements,
                                                                      CredentialsMatcher matcher) {
        return self();
    }
}
