package io.jenkins.plugins.certrecovery.ssh;

/**
 * One cluster host reached over SSH. Commands run with root privileges: through {@code sudo -n} when the login user is not root.
 * One connection per host is reused for every command; {@link #close()} ends it.
 */
public interface RemoteHost extends AutoCloseable {
    /** The inventory name of the host (e.g. {@code master-0}). */
    String name();

    /**
     * Runs a command and waits for it. A non-zero exit is a result, not an exception.
     *
     * @throws SshException when the host cannot be reached, authentication fails, or the command times out
     */
    CommandResult run(RemoteCommand command) throws SshException, InterruptedException;

    /**
     * Like {@link #run}, for a command whose standard output is data that may hold secrets (whole files: keys, tokens): the output
     * is only returned, never streamed to the live output as {@link #run} does. Standard error is streamed as usual.
     */
    CommandResult runQuietly(RemoteCommand command) throws SshException, InterruptedException;

    /** Reads a file with root privileges. */
    byte[] readFile(String path) throws SshException, InterruptedException;

    /**
     * Writes a file atomically with root privileges: a temporary file beside it, then a rename, so the old file stays intact on failure.
     * Backing up what was there is the caller's job.
     */
    void writeFile(String path, byte[] content, int mode) throws SshException, InterruptedException;

    @Override
    void close();
}
