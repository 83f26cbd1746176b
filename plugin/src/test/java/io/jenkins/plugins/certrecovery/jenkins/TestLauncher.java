package io.jenkins.plugins.certrecovery.jenkins;

import hudson.Launcher;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;

/** The node's launcher; only its channel to the agent is used. */
final class TestLauncher extends Launcher {
    TestLauncher(TaskListener listener, VirtualChannel channel) {
        super(listener, channel);
    }
}
