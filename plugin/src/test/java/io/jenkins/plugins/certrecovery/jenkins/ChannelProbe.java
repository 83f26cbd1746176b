package io.jenkins.plugins.certrecovery.jenkins;

import java.io.Serial;
import java.io.Serializable;

/** A value of a class that is neither the JDK's nor Jenkins': what the class filter must judge by the jar it comes from. */
record ChannelProbe(String text) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
