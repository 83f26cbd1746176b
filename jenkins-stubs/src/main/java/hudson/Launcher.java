package hudson;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;

/** Stand-in: starts processes on a node; plugins use its channel to run callables there. */
public abstract class Launcher {
    private final TaskListener taskListener;
    private final VirtualChannel nodeChannel;

    protected Launcher(TaskListener listener, VirtualChannel channel) {
        this.taskListener = listener;
        this.nodeChannel = channel;
    }

    public VirtualChannel getChannel() {
        return nodeChannel;
    }

    public TaskListener getListener() {
        return taskListener;
    }
}
