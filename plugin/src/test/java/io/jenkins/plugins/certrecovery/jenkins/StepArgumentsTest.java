package io.jenkins.plugins.certrecovery.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import io.jenkins.plugins.certrecovery.options.EngineOption;
import io.jenkins.plugins.certrecovery.options.FrontEnd;
import io.jenkins.plugins.certrecovery.options.Operation;
import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Missing or wrong arguments fail the step before anything reaches the agent, with a message that names the argument.
 * Each step is built as a pipeline builds it (constructor, then setters) and started with a pipeline's context.
 */
class StepArgumentsTest {
    private static final Map<String, Object> CLUSTER = Map.of(
            "ocpVersion",
            "4.3",
            "releaseImage",
            "quay.io/openshift-release-dev/ocp-release:4.3.0-x86_64",
            "ssh",
            Map.of("credentialsId", "ocp-ssh", "insecureAcceptAnyHostKey", true),
            "masters",
            List.of(Map.of("name", "master-0", "host", "127.0.0.1")));

    @TempDir
    Path workspace;

    private TestCredentials credentials;

    @BeforeEach
    void store() {
        credentials = new TestCredentials()
                .add(new TestCredentials.SshKey("ocp-ssh", "core", "-----BEGIN OPENSSH PRIVATE KEY-----", null));
    }

    private <S extends ClusterStep> String failure(S step, Consumer<S> arguments) throws Exception {
        step.setCredentialsLookup(credentials);
        arguments.accept(step);
        TestStepContext context = new TestStepContext(workspace);
        AbortException e = assertThrows(AbortException.class, () -> context.run(step));
        assertEquals(0, context.channel.calls(), "nothing may reach the agent when the arguments are wrong");
        assertEquals(null, context.run.getResult(), "a failed argument check leaves the build result to the pipeline");
        return e.getMessage();
    }

    @Test
    void neitherClusterNorInventory() throws Exception {
        String message = failure(new RegenerateCertsStep(), s -> {});
        assertTrue(message.startsWith("cluster / inventory: give the cluster"), message);
    }

    @Test
    void bothClusterAndInventory() throws Exception {
        String message = failure(new ForceRedeployStep(), s -> {
            s.setCluster(CLUSTER);
            s.setInventory("inventory.yaml");
        });
        assertEquals("cluster / inventory: give one of them, not both", message);
    }

    @Test
    void credentialsIdMissing() throws Exception {
        String message = failure(new RegenerateCertsStep(), s -> s.setInventory("inventory.yaml"));
        assertTrue(
                message.startsWith("credentialsId: missing; give the id of an 'SSH Username with private key'"),
                message);
    }

    @Test
    void credentialsIdGivenTwiceDifferently() throws Exception {
        String message = failure(new RegenerateCertsStep(), s -> {
            s.setCluster(CLUSTER);
            s.setCredentialsId("other");
        });
        assertEquals("credentialsId: 'other' differs from cluster.ssh.credentialsId 'ocp-ssh'; give it once", message);
    }

    @Test
    void unknownCredentialsIdNamesTheIdAndTheAcceptedTypes() throws Exception {
        String message = failure(new RegenerateCertsStep(), s -> {
            s.setInventory("inventory.yaml");
            s.setCredentialsId("nope");
        });
        assertEquals(
                "credentialsId 'nope': no credentials with this id are visible to this build; add 'SSH Username with private key'"
                        + " (SSHUserPrivateKey) or 'Username with password' (StandardUsernamePasswordCredentials) credentials with this id to"
                        + " the job's folder or the global store",
                message);
    }

    @Test
    void credentialOfAnotherTypeNamesTheIdAndTheAcceptedTypes() throws Exception {
        credentials.add(new TestCredentials.SecretText("api-token"));
        String message = failure(new RegenerateCertsStep(), s -> {
            s.setInventory("inventory.yaml");
            s.setCredentialsId("api-token");
        });
        assertEquals(
                "credentialsId 'api-token' is a SecretText, which cannot log in over SSH; accepted types: 'SSH Username with"
                        + " private key' (SSHUserPrivateKey) or 'Username with password' (StandardUsernamePasswordCredentials)",
                message);
        assertEquals(List.of(), credentials.tracked, "an unusable credential is not recorded as used");
    }

    @Test
    void commandTimeoutThatIsNotPositive() throws Exception {
        String message = failure(new RegenerateCertsStep(), s -> {
            s.setCluster(CLUSTER);
            s.setCommandTimeoutSeconds(0);
        });
        assertEquals("commandTimeoutSeconds: 0 must be a positive number of seconds", message);
    }

    @Test
    void auditFileOutsideTheWorkspace() throws Exception {
        String message = failure(new RegenerateCertsStep(), s -> {
            s.setCluster(CLUSTER);
            s.setAuditFile("../elsewhere.jsonl");
        });
        assertEquals("auditFile: '../elsewhere.jsonl' must be a path inside the workspace, without '..'", message);
    }

    @Test
    void recoveryApiserverAction() throws Exception {
        String message = failure(new RecoveryApiserverStep(), s -> {
            s.setCluster(CLUSTER);
            s.setAction("restart");
        });
        assertEquals("action: 'restart' is not one of 'create', 'destroy'", message);
        message = failure(new RecoveryApiserverStep(), s -> {
            s.setCluster(CLUSTER);
            s.setApiserverTimeoutMinutes(0);
        });
        assertEquals("apiserverTimeoutMinutes: 0 must be a positive number of minutes", message);
    }

    @Test
    void recoverClusterApproveMode() throws Exception {
        String message = failure(new RecoverClusterStep(), s -> {
            s.setCluster(CLUSTER);
            s.setApprove("prompt");
        });
        assertEquals("approve: 'prompt' is not one of 'validated', 'none'", message);
    }

    @Test
    void recoverKubeletsParallelism() throws Exception {
        String message = failure(new RecoverKubeletsStep(), s -> {
            s.setCluster(CLUSTER);
            s.setWorkerParallelism(0);
        });
        assertEquals("workerParallelism: 0 must be a positive number of hosts", message);
    }

    @Test
    void approveCsrsNamesAndWaitExcludeEachOther() throws Exception {
        String message = failure(new ApproveCsrsStep(), s -> {
            s.setCluster(CLUSTER);
            s.setNames(List.of("csr-1"));
            s.setWait(true);
        });
        assertTrue(message.startsWith("names / wait: give names (approve those) or wait: true"), message);
        message = failure(new ApproveCsrsStep(), s -> {
            s.setCluster(CLUSTER);
            s.setNames(java.util.Arrays.asList("csr-1", " "));
        });
        assertEquals("names: contains an empty name; give the CSR names as 'oc get csr' lists them", message);
    }

    @Test
    void checkCertExpiryThresholdsAndLevels() throws Exception {
        assertEquals(
                "failOn: 'sometimes' is not one of 'warning', 'critical', 'expired', 'never'",
                failure(new CheckCertExpiryStep(), s -> {
                    s.setCluster(CLUSTER);
                    s.setFailOn("sometimes");
                }));
        assertEquals(
                "unstableOn: 'ok' is not one of 'warning', 'critical', 'expired', 'never'",
                failure(new CheckCertExpiryStep(), s -> {
                    s.setCluster(CLUSTER);
                    s.setUnstableOn("ok");
                }));
        assertEquals(
                "criticalDays: 40 is more than warningDays 30; the critical window lies inside the warning window",
                failure(new CheckCertExpiryStep(), s -> {
                    s.setCluster(CLUSTER);
                    s.setCriticalDays(40);
                }));
        assertEquals(
                "reportDir: '/tmp/x' must be a directory inside the workspace, without '..'",
                failure(new CheckCertExpiryStep(), s -> {
                    s.setCluster(CLUSTER);
                    s.setReportDir("/tmp/x");
                }));
        assertEquals(
                "extraPaths: 'relative/ca.crt' must be an absolute path or glob on the hosts",
                failure(new CheckCertExpiryStep(), s -> {
                    s.setCluster(CLUSTER);
                    s.setExtraPaths(List.of("relative/ca.crt"));
                }));
    }

    @Test
    void invalidClusterMapIsReportedFromTheAgentWithEveryProblem() throws Exception {
        RegenerateCertsStep step = new RegenerateCertsStep();
        step.setCredentialsLookup(credentials);
        step.setCluster(Map.of(
                "ocpVersion",
                "4.3",
                "releaseImage",
                "quay.io/openshift-release-dev/ocp-release:4.3.0-x86_64",
                "ssh",
                Map.of("credentialsId", "ocp-ssh", "colour", "blue"),
                "masters",
                List.of(Map.of("name", "master-0", "host", "10.0.0.1; rm -rf /"))));
        TestStepContext context = new TestStepContext(workspace);
        AbortException e = assertThrows(AbortException.class, () -> context.run(step));
        assertTrue(
                e.getMessage().startsWith("cluster: inventory the cluster argument has 2 problems:"), e.getMessage());
        assertTrue(e.getMessage().contains("masters[0].host: contains the shell metacharacter ';'"), e.getMessage());
        assertTrue(e.getMessage().contains("ssh.colour: is not a known key"), e.getMessage());
        assertEquals(1, context.channel.calls());
        assertEquals(List.of("ocp-ssh"), credentials.tracked);
        assertEquals(null, context.run.getResult());
        assertTrue(context.flowNode.getActions().isEmpty());
    }

    @Test
    void missingInventoryFileNamesTheArgument() throws Exception {
        RegenerateCertsStep step = new RegenerateCertsStep();
        step.setCredentialsLookup(credentials);
        step.setInventory("clusters/prod.yaml");
        step.setCredentialsId("ocp-ssh");
        TestStepContext context = new TestStepContext(workspace);
        AbortException e = assertThrows(AbortException.class, () -> context.run(step));
        assertEquals(
                "inventory: 'clusters/prod.yaml' is not a file in the workspace " + workspace
                        + "; check it out or write it before this step",
                e.getMessage());
    }

    /**
     * Every argument a pipeline can set, and the value its getter reports when the pipeline gives nothing or null: the catalogue's
     * default for an option of the catalogue (every cluster step has the arguments of ClusterStep), null for the steps' own.
     */
    private static Map<String, Object> defaults(Class<? extends ClusterStep> step) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("cluster", null);
        defaults.put("inventory", null);
        defaults.put("credentialsId", null);
        for (EngineOption option : List.of(
                OptionCatalogue.DRY_RUN,
                OptionCatalogue.COMMAND_TIMEOUT,
                OptionCatalogue.AUDIT_FILE,
                OptionCatalogue.ADMIN_KUBECONFIG,
                OptionCatalogue.NODES,
                OptionCatalogue.SKIP_UNREACHABLE)) {
            defaults.put(option.pipelineName(), option.pipelineDefault());
        }
        Operation operation = step == RecoveryApiserverStep.class
                ? Operation.RECOVERY_APISERVER_CREATE
                : Arrays.stream(Operation.values())
                        .filter(o -> o.pipelineStep().equals(functionName(step)))
                        .findFirst()
                        .orElseThrow();
        OptionCatalogue.of(operation, FrontEnd.JENKINS)
                .forEach(option -> defaults.put(option.pipelineName(), option.pipelineDefault()));
        if (step == RecoveryApiserverStep.class) {
            defaults.put("action", "create");
        } else if (step == ApproveCsrsStep.class) {
            defaults.put("names", null);
        } else if (step == CheckCertExpiryStep.class) {
            defaults.put("inventories", null);
        }
        return defaults;
    }

    private static String functionName(Class<? extends ClusterStep> step) {
        try {
            return ((ClusterStepDescriptor) Class.forName(step.getName() + "$DescriptorImpl")
                            .getConstructor()
                            .newInstance())
                    .getFunctionName();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(step.getSimpleName() + " has no DescriptorImpl", e);
        }
    }

    private static final List<Class<? extends ClusterStep>> STEPS = List.of(
            RecoveryApiserverStep.class,
            RegenerateCertsStep.class,
            ForceRedeployStep.class,
            RecoverKubeletsStep.class,
            ApproveCsrsStep.class,
            CheckCertExpiryStep.class,
            RecoverClusterStep.class);

    /** {@code dryRun: params.MISSING} passes null: structs binds it to a wrapper setter, and null must mean the default. */
    @Test
    void nullForEveryArgumentMeansItsDefault() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Class<? extends ClusterStep> type : STEPS) {
            Map<String, Object> defaults = defaults(type);
            Map<String, Method> setters = StepArgumentReflection.setters(type);
            assertEquals(defaults.keySet(), setters.keySet(), type.getSimpleName() + "'s arguments");
            ClusterStep step = type.getConstructor().newInstance();
            for (Map.Entry<String, Method> setter : setters.entrySet()) {
                if (setter.getValue().getParameterTypes()[0].isPrimitive()) {
                    wrong.add(type.getSimpleName() + "." + setter.getKey()
                            + " takes a primitive, so a null cannot be bound");
                    continue;
                }
                setter.getValue().invoke(step, (Object) null);
                Object effective = StepArgumentReflection.effectiveValue(step, setter.getKey());
                if (!Objects.equals(defaults.get(setter.getKey()), effective)) {
                    wrong.add(type.getSimpleName() + "." + setter.getKey() + "(null) gives " + effective
                            + ", not the default " + defaults.get(setter.getKey()));
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void nullArgumentsPassEachStepsOwnChecks() throws Exception {
        for (Class<? extends ClusterStep> type : STEPS) {
            ClusterStep step = type.getConstructor().newInstance();
            for (Map.Entry<String, Method> setter :
                    StepArgumentReflection.setters(type).entrySet()) {
                setter.getValue().invoke(step, (Object) null);
            }
            assertNotNull(step.task(), type.getSimpleName());
        }
    }
}
