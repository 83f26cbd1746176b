package io.jenkins.plugins.certrecovery.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.certrecovery.options.EngineOption;
import io.jenkins.plugins.certrecovery.options.FrontEnd;
import io.jenkins.plugins.certrecovery.options.Operation;
import io.jenkins.plugins.certrecovery.options.OptionCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pipeline steps against the option catalogue (core {@link OptionCatalogue}): the step of every operation takes the catalogue's
 * options of that operation spelt by the catalogue's rule, with its defaults (getter and form) and its help, and no option of the
 * engine that the catalogue lacks.
 */
class StepCatalogueTest {
    private static final List<Class<? extends Step>> STEPS = List.of(
            RecoverClusterStep.class,
            RecoveryApiserverStep.class,
            RegenerateCertsStep.class,
            ForceRedeployStep.class,
            RecoverKubeletsStep.class,
            ApproveCsrsStep.class,
            CheckCertExpiryStep.class,
            MergeCertExpiryReportsStep.class);

    /** The steps' own arguments: which cluster, which credential, which CSRs, reports or action; none an option of the engine. */
    private static final Set<String> STEP_OWN =
            Set.of("cluster", "inventory", "credentialsId", "names", "action", "inventories", "reports");

    private static Class<? extends Step> stepOf(Operation operation) throws Exception {
        for (Class<? extends Step> step : STEPS) {
            StepDescriptor descriptor = (StepDescriptor) Class.forName(step.getName() + "$DescriptorImpl")
                    .getConstructor()
                    .newInstance();
            if (descriptor.getFunctionName().equals(operation.pipelineStep())) {
                return step;
            }
        }
        throw new AssertionError("no step is called " + operation.pipelineStep() + ", the step of " + operation.id());
    }

    private static Step instance(Class<? extends Step> step) throws Exception {
        return step == MergeCertExpiryReportsStep.class
                ? new MergeCertExpiryReportsStep("cert-expiry/**/expiry-report.json")
                : step.getConstructor().newInstance();
    }

    /** A resource of the step as Jenkins finds it: along the class hierarchy. */
    private static String resource(Class<?> step, String name) throws IOException {
        for (Class<?> c = step; c != null; c = c.getSuperclass()) {
            URL url = c.getResource(c.getSimpleName() + "/" + name);
            if (url != null) {
                try (InputStream in = url.openStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    /** The form's default of a field: in the step's config.jelly or the cluster fields every step includes. */
    private static String formDefault(Class<? extends Step> step, String field) throws IOException {
        Pattern entry = Pattern.compile(
                "field=\"" + Pattern.quote(field) + "\"[^>]*>\\s*<f:\\w+[^>]*?default=\"([^\"]*)\"", Pattern.DOTALL);
        for (String form :
                new String[] {resource(step, "config.jelly"), resource(ClusterStep.class, "cluster-fields.jelly")}) {
            Matcher m = entry.matcher(Objects.requireNonNullElse(form, ""));
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static String text(String html) {
        return html.replaceAll("<[^>]+>", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
                .replaceAll("\\s+", " ")
                .replaceAll(" ([.,;:)])", "$1");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void takesEveryOptionOfItsOperationWithTheCataloguesDefault(Operation operation) throws Exception {
        Class<? extends Step> type = stepOf(operation);
        Map<String, Method> setters = StepArgumentReflection.setters(type);
        for (EngineOption option : OptionCatalogue.of(operation, FrontEnd.JENKINS)) {
            String where = operation.pipelineStep() + "(" + option.pipelineName() + ":)";
            assertNotNull(
                    setters.get(option.pipelineName()),
                    () -> where + ": missing; the catalogue has " + option.name() + " for " + operation.id());
            Step step = instance(type);
            setters.get(option.pipelineName()).invoke(step, (Object) null);
            assertEquals(
                    option.pipelineDefault(),
                    StepArgumentReflection.effectiveValue(step, option.pipelineName()),
                    where + ": another default");
            String form = formDefault(type, option.pipelineName());
            if (form != null) {
                assertEquals(
                        String.valueOf(option.pipelineDefault()), form, where + ": another default in config.jelly");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void helpOfEveryOptionIsTheCataloguesWithItsDefault(Operation operation) throws Exception {
        Class<? extends Step> type = stepOf(operation);
        for (EngineOption option : OptionCatalogue.of(operation, FrontEnd.JENKINS)) {
            String where = type.getSimpleName() + "/help-" + option.pipelineName() + ".html";
            String html = resource(type, "help-" + option.pipelineName() + ".html");
            assertNotNull(html, where + " is missing");
            String help = text(html);
            assertTrue(help.contains(option.help()), () -> where + " lacks the catalogue's help: " + help);
            Object defaultValue = option.pipelineDefault();
            if (defaultValue != null && !defaultValue.equals(false)) {
                assertTrue(
                        help.contains("Default: " + defaultValue + "."),
                        () -> where + ": no 'Default: " + defaultValue + ".' in " + help);
            }
        }
    }

    @Test
    void noStepTakesAnOptionTheCatalogueLacks() {
        List<String> pipelineNames = OptionCatalogue.all().stream()
                .filter(o -> o.offeredBy(FrontEnd.JENKINS))
                .map(EngineOption::pipelineName)
                .toList();
        List<String> unknown = new ArrayList<>();
        for (Class<? extends Step> step : STEPS) {
            for (String argument : StepArgumentReflection.setters(step).keySet()) {
                if (!STEP_OWN.contains(argument) && !pipelineNames.contains(argument)) {
                    unknown.add(step.getSimpleName() + "." + argument);
                }
            }
        }
        assertEquals(
                List.of(),
                unknown,
                "arguments not in core's OptionCatalogue: add them there, or spell them as the catalogue does");
    }

    @Test
    void everyOperationHasAStepAndEveryStepAnOperation() throws Exception {
        Set<Class<? extends Step>> covered = new java.util.HashSet<>();
        for (Operation operation : Operation.values()) {
            covered.add(stepOf(operation));
        }
        assertEquals(Set.copyOf(STEPS), covered, Arrays.toString(Operation.values()));
    }
}
