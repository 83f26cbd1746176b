package com.cloudbees.plugins.credentials;

import java.util.Arrays;

public class CredentialsMatchers {
    private CredentialsMatchers() {}

    public static CredentialsMatcher instanceOf(Class clazz) {
        return item -> clazz.isInstance(item);
    }

    public static CredentialsMatcher anyOf(CredentialsMatcher... matchers) {
        CredentialsMatcher[] all = matchers.clone();
        return item -> Arrays.stream(all).anyMatch(m -> m.matches(item));
    }
}
