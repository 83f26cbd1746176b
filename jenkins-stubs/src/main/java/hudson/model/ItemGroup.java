package hudson.model;

/** Stand-in: a container of items (a folder, or Jenkins itself). */
public interface ItemGroup<T extends Item> extends PersistenceRoot, ModelObject {}
