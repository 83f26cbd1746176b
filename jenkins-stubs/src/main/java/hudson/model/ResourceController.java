package hudson.model;

/** Stand-in: declared because {@link Queue} extends it. */
public class ResourceController {}
