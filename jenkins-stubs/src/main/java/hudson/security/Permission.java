package hudson.security;

/** Stand-in: a permission, identified by its name. */
public final class Permission {
    public final String name;

    public Permission(PermissionGroup group, String name, Permission impliedBy) {
        this.name = name;
    }

    @Override
    public String toString() {
        return "Permission[" + name + "]";
    }
}
