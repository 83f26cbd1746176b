package com.cloudbees.plugins.credentials.common;

public interface UsernamePasswordCredentials extends PasswordCredentials, UsernameCredentials {}
