package hudson.model;

import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;

/** Stand-in: the metadata of a {@link Describable} type. */
public abstract class Descriptor<T extends Describable<T>> implements Saveable, Loadable, OnMaster {
    protected Descriptor() {}

    protected Descriptor(Class<? extends T> clazz) {}

    public String getDisplayName() {
        return getClass().getSimpleName();
    }
}
