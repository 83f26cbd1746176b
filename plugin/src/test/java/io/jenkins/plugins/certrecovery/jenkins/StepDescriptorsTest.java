package io.jenkins.plugins.certrecovery.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.TestCredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.Permission;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jenkins.model.Jenkins;
import jenkins.model.TestJenkins;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** What Jenkins reads from the steps' classes and descriptors: names, context, the graph label, forms and help. */
class StepDescriptorsTest {
    private static final Map<Class<? extends Step>, String> FUNCTIONS = new LinkedHashMap<>();

    static {
        FUNCTIONS.put(RecoveryApiserverStep.class, "recoveryApiserver");
        FUNCTIONS.put(RegenerateCertsStep.class, "regenerateCerts");
        FUNCTIONS.put(ForceRedeployStep.class, "forceRedeploy");
        FUNCTIONS.put(RecoverKubeletsStep.class, "recoverKubelets");
        FUNCTIONS.put(ApproveCsrsStep.class, "approveCsrs");
        FUNCTIONS.put(CheckCertExpiryStep.class, "checkCertExpiry");
        FUNCTIONS.put(RecoverClusterStep.class, "recoverCluster");
        FUNCTIONS.put(WithOpenShiftClusterStep.class, "withOpenShiftCluster");
    }

    private static ClusterStepDescriptor descriptorOf(Class<? extends Step> step) throws Exception {
        Class<?> nested = Class.forName(step.getName() + "$DescriptorImpl");
        assertTrue(
                Modifier.isStatic(nested.getModifiers()),
                "DescriptorImpl is a static nested class of " + step.getSimpleName());
        assertNotNull(nested.getAnnotation(Extension.class), step.getSimpleName() + ".DescriptorImpl is an @Extension");
        return (ClusterStepDescriptor) nested.getConstructor().newInstance();
    }

    @Test
    void functionNamesDisplayNamesAndContext() throws Exception {
        for (Map.Entry<Class<? extends Step>, String> e : FUNCTIONS.entrySet()) {
            ClusterStepDescriptor descriptor = descriptorOf(e.getKey());
            assertEquals(e.getValue(), descriptor.getFunctionName());
            assertTrue(descriptor.getDisplayName().startsWith("OpenShift: "), descriptor.getDisplayName());
            boolean block = e.getKey() == WithOpenShiftClusterStep.class;
            assertEquals(block, descriptor.takesImplicitBlockArgument(), e.getValue());
            assertEquals(
                    block
                            ? Set.of(Run.class, TaskListener.class, EnvVars.class)
                            : Set.of(
                                    Run.class,
                                    TaskListener.class,
                                    FilePath.class,
                                    Launcher.class,
                                    EnvVars.class,
                                    FlowNode.class),
                    descriptor.getRequiredContext());
            Constructor<?> constructor = e.getKey().getConstructor();
            assertNotNull(
                    constructor.getAnnotation(DataBoundConstructor.class),
                    e.getKey().getSimpleName());
        }
        assertEquals(
                "OpenShift: regenerate control-plane certificates",
                descriptorOf(RegenerateCertsStep.class).getDisplayName());
    }

    @Test
    void argumentsToStringShowsTheFirstMasterAndHostCountNeverSecrets() throws Exception {
        Map<String, Object> cluster = Map.of(
                "ssh", Map.of("credentialsId", "ocp-ssh", "knownHostsText", "master-0 ssh-ed25519 AAAAC3Nz"),
                "masters",
                        List.of(
                                Map.of("name", "master-0", "host", "10.0.0.10"),
                                Map.of("name", "master-1", "host", "10.0.0.11"),
                                Map.of("name", "master-2", "host", "10.0.0.12")),
                "workers",
                        List.of(
                                Map.of("name", "worker-0", "host", "10.0.0.20"),
                                Map.of("name", "worker-1", "host", "10.0.0.21")));
        String shown = descriptorOf(RegenerateCertsStep.class).argumentsToString(Map.of("cluster", cluster));
        assertEquals("master-0 (10.0.0.10), 5 hosts", shown);
        assertEquals(
                "destroy on master-0 (10.0.0.10), 5 hosts",
                descriptorOf(RecoveryApiserverStep.class)
                        .argumentsToString(Map.of("cluster", cluster, "action", "destroy")));
        assertEquals(
                "clusters/prod.yaml",
                descriptorOf(CheckCertExpiryStep.class)
                        .argumentsToString(Map.of("inventory", "clusters/prod.yaml", "credentialsId", "ocp-ssh")));
        assertEquals(null, descriptorOf(ForceRedeployStep.class).argumentsToString(Map.of("dryRun", true)));
        assertEquals(
                "approve none", descriptorOf(RecoverClusterStep.class).argumentsToString(Map.of("approve", "none")));
        assertEquals(
                "approve validated on master-0 (10.0.0.10), 5 hosts",
                descriptorOf(RecoverClusterStep.class).argumentsToString(Map.of("cluster", cluster)));
    }

    /** The block shows its cluster, never the credential; declarative accepts it as an options wrapper (no FilePath, no Launcher). */
    @Test
    void theBlockShowsItsClusterAndIsAnOptionsWrapper() throws Exception {
        ClusterStepDescriptor block = descriptorOf(WithOpenShiftClusterStep.class);
        assertEquals(
                "clusters/prod.yaml",
                block.argumentsToString(Map.of("inventory", "clusters/prod.yaml", "credentialsId", "ocp-ssh")));
        Map<String, Object> cluster = Map.of(
                "ssh",
                Map.of("credentialsId", "ocp-ssh", "knownHostsText", "master-0 ssh-ed25519 AAAA"),
                "masters",
                List.of(Map.of("name", "master-0", "host", "10.0.0.10")));
        assertEquals(
                "master-0 (10.0.0.10), 1 host",
                block.argumentsToString(Map.of("cluster", cluster, "credentialsId", "ocp-ssh")));
        assertTrue(block.takesImplicitBlockArgument());
        assertTrue(
                !block.getRequiredContext().contains(FilePath.class)
                        && !block.getRequiredContext().contains(Launcher.class),
                "pipeline-model-definition's Options.getEligibleWrapperStepClasses refuses block steps that require them");
    }

    /** Every argument a pipeline can set has a help page (found along the class hierarchy, as Descriptor.getHelpFile looks). */
    @Test
    void everyStepAndArgumentHasHelpAndEveryStepAForm() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Class<? extends Step> step : FUNCTIONS.keySet()) {
            if (resource(step, "help.html") == null) {
                missing.add(step.getSimpleName() + "/help.html");
            }
            if (resource(step, "config.jelly") == null) {
                missing.add(step.getSimpleName() + "/config.jelly");
            }
            for (Method setter : step.getMethods()) {
                if (setter.getAnnotation(DataBoundSetter.class) != null) {
                    String field = Character.toLowerCase(setter.getName().charAt(3))
                            + setter.getName().substring(4);
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

    /** A job as the credentials drop-down sees it: who may do what with it, and who its builds run as. */
    private record TestJob(Set<Permission> granted, Authentication runsAs) implements Item, Queue.Task {
        @Override
        public boolean hasPermission(Permission permission) {
            return granted.contains(permission);
        }

        @Override
        public Authentication getDefaultAuthentication2() {
            return runsAs;
        }
    }

    private static final Authentication ALICE = new UsernamePasswordAuthenticationToken("alice", null, List.of());
    private static final IdCredentials GLOBAL_KEY = new TestCredentials.SshKey("global-key", "core", "key", null);
    private static final IdCredentials ALICES_KEY = new TestCredentials.SshKey("alices-key", "core", "key", null);
    private static final IdCredentials ALICES_PASSWORD =
            new TestCredentials.UserPassword("alices-password", "core", "pw");
    private static final IdCredentials ALICES_TOKEN = new TestCredentials.SecretText("alices-token");

    private static List<String> dropDown(Item item, String current) throws Exception {
        return descriptorOf(RegenerateCertsStep.class).doFillCredentialsIdItems(item, current).stream()
                .map(o -> o.value)
                .toList();
    }

    @Test
    void withoutAJobAnAdministratorSeesTheGlobalLoginCredentials() throws Exception {
        try (TestJenkins jenkins = TestJenkins.withCurrentUserHolding(Jenkins.ADMINISTER);
                TestCredentialsProvider store = TestCredentialsProvider.install()) {
            store.allow(ACL.SYSTEM2, jenkins, GLOBAL_KEY, new TestCredentials.SecretText("global-token"));
            assertEquals(List.of("", "global-key"), dropDown(null, ""));
            assertEquals(
                    List.of("", "removed-key", "global-key"),
                    dropDown(null, "removed-key"),
                    "the current value stays selectable");
        }
    }

    @Test
    void withoutAJobOthersSeeOnlyTheCurrentValue() throws Exception {
        try (TestJenkins jenkins = TestJenkins.withCurrentUserHolding(Item.EXTENDED_READ);
                TestCredentialsProvider store = TestCredentialsProvider.install()) {
            store.allow(ACL.SYSTEM2, jenkins, GLOBAL_KEY);
            assertEquals(List.of("ocp-ssh"), dropDown(null, "ocp-ssh"));
        }
    }

    @Test
    void inAJobWithoutConfigureOrUseRightsOnlyTheCurrentValueIsShown() throws Exception {
        TestJob job = new TestJob(Set.of(), ALICE);
        try (TestCredentialsProvider store = TestCredentialsProvider.install()) {
            store.allow(ALICE, job, ALICES_KEY);
            assertEquals(List.of("ocp-ssh"), dropDown(job, "ocp-ssh"));
            assertEquals(List.of(""), dropDown(job, ""));
        }
    }

    /** Listed as the builds will look them up (the job's authentication), not as SYSTEM, which sees more. */
    @Test
    void inAJobTheLoginCredentialsAreListedAsTheJobsAuthentication() throws Exception {
        for (Permission right : List.of(Item.EXTENDED_READ, CredentialsProvider.USE_ITEM)) {
            TestJob job = new TestJob(Set.of(right), ALICE);
            try (TestCredentialsProvider store = TestCredentialsProvider.install()) {
                store.allow(ALICE, job, ALICES_KEY, ALICES_PASSWORD, ALICES_TOKEN)
                        .allow(ACL.SYSTEM2, job, GLOBAL_KEY);
                assertEquals(List.of("", "alices-key", "alices-password"), dropDown(job, ""), right.toString());
            }
        }
    }

    @Test
    void anItemThatIsNoJobListsAsSystem() throws Exception {
        Item folder = new Item() {
            @Override
            public boolean hasPermission(Permission permission) {
                return permission == Item.EXTENDED_READ;
            }
        };
        try (TestCredentialsProvider store = TestCredentialsProvider.install()) {
            store.allow(ACL.SYSTEM2, folder, GLOBAL_KEY).allow(ALICE, folder, ALICES_KEY);
            assertEquals(List.of("", "global-key"), dropDown(folder, ""));
        }
    }

    /** The {@code clazz} values that Jenkins' hudson-behavior.js validates on a form field; any other is silently not checked. */
    private static final Set<String> VALIDATED_CLASSES = Set.of(
            "number", "number-required", "non-negative-number-required", "positive-number", "positive-number-required");

    @Test
    void everyFormFieldClassIsOneThatJenkinsValidates() throws Exception {
        Pattern clazz = Pattern.compile("clazz=\"([^\"]*)\"");
        List<String> unknown = new ArrayList<>();
        int seen = 0;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "resources"))) {
            for (Path jelly : files.filter(f -> f.toString().endsWith(".jelly")).toList()) {
                Matcher m = clazz.matcher(Files.readString(jelly));
                while (m.find()) {
                    seen++;
                    if (!VALIDATED_CLASSES.contains(m.group(1))) {
                        unknown.add(jelly.getFileName() + " in "
                                + jelly.getParent().getFileName() + ": clazz=\"" + m.group(1) + "\"");
                    }
                }
            }
        }
        assertTrue(seen > 0, "the forms have number fields");
        assertEquals(List.of(), unknown);
    }
}
