package io.jenkins.plugins.certrecovery.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.Permission;
import hudson.util.ListBoxModel;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** What Jenkins reads from the steps' classes and descriptors: names, context, the graph label, forms and help. */
class StepDescriptorsTest {
    private static final Map<Class<? extends ClusterStep>, String> FUNCTIONS = new LinkedHashMap<>();

    static {
        FUNCTIONS.put(RecoveryApiserverStep.class, "recoveryApiserver");
        FUNCTIONS.put(RegenerateCertsStep.class, "regenerateCerts");
        FUNCTIONS.put(ForceRedeployStep.class, "forceRedeploy");
        FUNCTIONS.put(RecoverKubeletsStep.class, "recoverKubelets");
        FUNCTIONS.put(ApproveCsrsStep.class, "approveCsrs");
        FUNCTIONS.put(CheckCertExpiryStep.class, "checkCertExpiry");
    }

    private static ClusterStepDescriptor descriptorOf(Class<? extends Step> step) throws Exception {
        Class<?> nested = Class.forName(step.getName() + "$DescriptorImpl");
        assertTrue(Modifier.isStatic(nested.getModifiers()), "DescriptorImpl is a static nested class of " + step.getSimpleName());
        assertNotNull(nested.getAnnotation(Extension.class), step.getSimpleName() + ".DescriptorImpl is an @Extension");
        return (ClusterStepDescriptor) nested.getConstructor().newInstance();
    }

    @Test
    void functionNamesDisplayNamesAndContext() throws Exception {
        for (Map.Entry<Class<? extends ClusterStep>, String> e : FUNCTIONS.entrySet()) {
            ClusterStepDescriptor descriptor = descriptorOf(e.getKey());
            assertEquals(e.getValue(), descriptor.getFunctionName());
            assertTrue(descriptor.getDisplayName().startsWith("OpenShift: "), descriptor.getDisplayName());
            assertEquals(Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class, FlowNode.class),
                    descriptor.getRequiredContext());
            Constructor<?> constructor = e.getKey().getConstructor();
            assertNotNull(constructor.getAnnotation(DataBoundConstructor.class), e.getKey().getSimpleName());
        }
        assertEquals("OpenShift: regenerate control-plane certificates", descriptorOf(RegenerateCertsStep.class).getDisplayName());
    }

    @Test
    void argumentsToStringShowsTheFirstMasterAndHostCountNeverSecrets() throws Exception {
        Map<String, Object> cluster = Map.of(
                "ssh", Map.of("credentialsId", "ocp-ssh", "knownHostsText", "master-0 ssh-ed25519 AAAAC3Nz"),
                "masters", List.of(Map.of("name", "master-0", "host", "10.0.0.10"), Map.of("name", "master-1", "host", "10.0.0.11"),
                        Map.of("name", "master-2", "host", "10.0.0.12")),
                "workers", List.of(Map.of("name", "worker-0", "host", "10.0.0.20"), Map.of("name", "worker-1", "host", "10.0.0.21")));
        String shown = descriptorOf(RegenerateCertsStep.class).argumentsToString(Map.of("cluster", cluster));
        assertEquals("master-0 (10.0.0.10), 5 hosts", shown);
        assertEquals("destroy on master-0 (10.0.0.10), 5 hosts",
                descriptorOf(RecoveryApiserverStep.class).argumentsToString(Map.of("cluster", cluster, "action", "destroy")));
        assertEquals("clusters/prod.yaml", descriptorOf(CheckCertExpiryStep.class)
                .argumentsToString(Map.of("inventory", "clusters/prod.yaml", "credentialsId", "ocp-ssh")));
        assertEquals(null, descriptorOf(ForceRedeployStep.class).argumentsToString(Map.of("dryRun", true)));
    }

    /** Every argument a pipeline can set has a help page (found along the class hierarchy, as Descriptor.getHelpFile looks). */
    @Test
    void everyStepAndArgumentHasHelpAndEveryStepAForm() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Class<? extends ClusterStep> step : FUNCTIONS.keySet()) {
            if (resource(step, "help.html") == null) {
                missing.add(step.getSimpleName() + "/help.html");
            }
            if (resource(step, "config.jelly") == null) {
                missing.add(step.getSimpleName() + "/config.jelly");
            }
            for (Method setter : step.getMethods()) {
                if (setter.getAnnotation(DataBoundSetter.class) != null) {
                    String field = Character.toLowerCase(setter.getName().charAt(3)) + setter.getName().substring(4);
                    if (resource(step, "help-" + field + ".html") == null) {
                        missing.add(step.getSimpleName() + "/help-" + field + ".html");
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
        assertNotNull(ClusterStep.class.getResource("/index.jelly"));
    }

    private static java.net.URL resource(Class<?> step, String name) {
        for (Class<?> c = step; c != null; c = c.getSuperclass()) {
            java.net.URL url = c.getResource(c.getSimpleName() + "/" + name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Test
    void credentialsDropDownShowsOnlyTheCurrentValueWithoutPermission() throws Exception {
        ClusterStepDescriptor descriptor = descriptorOf(RegenerateCertsStep.class);
        ListBoxModel withoutItem = descriptor.doFillCredentialsIdItems(null, "ocp-ssh");
        assertEquals(List.of("ocp-ssh=ocp-ssh"), withoutItem.stream().map(Object::toString).toList());
        Item noRights = new Item() {
            @Override
            public boolean hasPermission(Permission permission) {
                return false;
            }
        };
        assertEquals(List.of(), descriptor.doFillCredentialsIdItems(noRights, "").stream().map(Object::toString).toList());
        Item configurer = new Item() {
            @Override
            public boolean hasPermission(Permission permission) {
                return permission == Item.EXTENDED_READ;
            }
        };
        // The stand-in lists no stored credentials; in Jenkins includeMatchingAs adds the job's SSH credentials here.
        assertEquals(List.of("- none -=", "ocp-ssh=ocp-ssh"),
                descriptor.doFillCredentialsIdItems(configurer, "ocp-ssh").stream().map(Object::toString).toList());
    }
}
