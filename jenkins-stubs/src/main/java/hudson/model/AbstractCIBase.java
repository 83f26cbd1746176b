package hudson.model;

import hudson.security.AccessControlled;
import org.kohsuke.stapler.StaplerFallback;
import org.kohsuke.stapler.StaplerProxy;

/** Stand-in: declared because {@link jenkins.model.Jenkins} extends it. */
public abstract class AbstractCIBase extends Node
        implements ItemGroup<TopLevelItem>,
                StaplerProxy,
                StaplerFallback,
                ViewGroup,
                AccessControlled,
                DescriptorByNameOwner {}
