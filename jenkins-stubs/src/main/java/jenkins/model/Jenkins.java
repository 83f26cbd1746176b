package jenkins.model;

import hudson.model.AbstractCIBase;
import hudson.model.DescriptorByNameOwner;
import hudson.model.ModifiableViewGroup;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import jenkins.util.io.OnMaster;
import org.kohsuke.stapler.StaplerFallback;
import org.kohsuke.stapler.StaplerProxy;

/**
 * Stand-in: the controller. Outside Jenkins there is none, so {@link #get()} fails as upstream does before Jenkins has started;
 * a test installs one through a helper in this package (the instance is package-private here, as upstream's is).
 */
public class Jenkins extends AbstractCIBase
        implements DirectlyModifiableTopLevelItemGroup,
                StaplerProxy,
                StaplerFallback,
                ModifiableViewGroup,
                AccessControlled,
                DescriptorByNameOwner,
                ModelObjectWithContextMenu,
                ModelObjectWithChildren,
                OnMaster,
                Loadable {
    public static final Permission ADMINISTER = new Permission(null, "Administer", null);

    static Jenkins theInstance;

    /** Upstream takes the home directory and the servlet context; package-private here: only tests make one. */
    Jenkins() {}

    public static Jenkins get() throws IllegalStateException {
        Jenkins instance = theInstance;
        if (instance == null) {
            throw new IllegalStateException(
                    "Jenkins.instance is missing. Read the documentation of Jenkins.getInstanceOrNull to see"
                            + " what you are doing wrong.");
        }
        return instance;
    }
}
