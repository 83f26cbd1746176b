package hudson.model;

/** Stand-in: declared because {@link Node} implements it. */
public interface ReconfigurableDescribable<T extends ReconfigurableDescribable<T>> extends Describable<T> {}
