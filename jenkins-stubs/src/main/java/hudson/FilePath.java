package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/** Stand-in: a path on the node behind {@link #getChannel()} (null channel: this JVM). */
public final class FilePath implements SerializableOnlyOverRemoting {
    private static final long serialVersionUID = 1L;
    private final transient VirtualChannel channel;
    private final String remote;

    public FilePath(VirtualChannel channel, String remote) {
        this.channel = channel;
        this.remote = remote;
    }

    public FilePath(File localPath) {
        this((VirtualChannel) null, localPath.getPath());
    }

    public FilePath(FilePath base, String rel) {
        this(base.channel, new File(base.remote, rel).getPath());
    }

    public String getRemote() {
        return remote;
    }

    public FilePath child(String relOrAbsolute) {
        return new FilePath(this, relOrAbsolute);
    }

    public VirtualChannel getChannel() {
        return channel;
    }

    @Override
    public String toString() {
        return remote;
    }
}
