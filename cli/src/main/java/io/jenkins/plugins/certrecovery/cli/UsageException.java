package io.jenkins.plugins.certrecovery.cli;

/** A problem with what the user gave (a file that cannot be read, a missing passphrase): exit code 64, never a stack trace. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
