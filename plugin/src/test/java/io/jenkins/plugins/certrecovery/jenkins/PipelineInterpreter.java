package io.jenkins.plugins.certrecovery.jenkins;

import groovy.lang.Closure;
import groovy.lang.GroovyShell;
import groovy.lang.MissingMethodException;
import groovy.lang.Script;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Runs a Jenkinsfile's Groovy as Jenkins would, far enough for the example pipelines: declarative {@code pipeline} with {@code agent},
 * {@code options} (block steps in it wrap the stages and {@code post}, as pipeline-model-definition's ModelInterpreter does),
 * {@code parameters}, {@code environment}, {@code stages}/{@code stage}/{@code steps}/{@code script}, {@code when { expression }} and
 * {@code post { always }} (run after a failed stage, which skips the later ones); scripted {@code node} and {@code stage}; the steps
 * {@code echo}, {@code timeout}, {@code waitUntil}, {@code sleep}, {@code input} (answered by the test), and {@code archiveArtifacts}
 * / {@code junit} recorded as no-ops. The plugin's function names run the step classes, their arguments bound through the
 * {@code @DataBoundSetter}s (GStrings flattened, as structs does), each step through its own {@link TestStepContext} inside the
 * context of the blocks around it.
 */
public final class PipelineInterpreter {
    private static final Map<String, Class<? extends Step>> STEPS = Map.of(
            "recoveryApiserver",
            RecoveryApiserverStep.class,
            "regenerateCerts",
            RegenerateCertsStep.class,
            "forceRedeploy",
            ForceRedeployStep.class,
            "recoverKubelets",
            RecoverKubeletsStep.class,
            "approveCsrs",
            ApproveCsrsStep.class,
            "checkCertExpiry",
            CheckCertExpiryStep.class,
            "recoverCluster",
            RecoverClusterStep.class,
            "withOpenShiftCluster",
            WithOpenShiftClusterStep.class);

    /** Answers an {@code input} step: its arguments in, the submitted value out (or an exception, as when it is aborted). */
    @FunctionalInterface
    interface InputAnswer {
        Object answer(Map<String, Object> arguments) throws Exception;
    }

    /**
     * How the pipeline's waits pass: {@code waitUntil} between attempts (its {@code initialRecurrencePeriod}, 250 ms by default)
     * and {@code sleep}.
     */
    @FunctionalInterface
    interface Pause {
        void pause(java.time.Duration asked) throws InterruptedException;
    }

    /** The default: a short real pause, as the simulated cluster moves on in real time. */
    static final Pause REAL_TIME = asked -> Thread.sleep(250);

    private final Path workspace;
    private final TestRun run;
    private final CredentialsLookup credentials;
    private final Map<String, Object> params;
    private final InputAnswer input;
    /** What happened, in order: {@code stage NAME}, {@code skip NAME}, {@code step NAME}, {@code input}, {@code echo TEXT}, … */
    final List<String> events = new ArrayList<>();
    /** Every step's context, in order. */
    final List<TestStepContext> contexts = new ArrayList<>();
    /** The body context of the innermost running block, or null. */
    private TestStepContext block;

    private Pause pause = REAL_TIME;

    PipelineInterpreter(
            Path workspace, TestRun run, CredentialsLookup credentials, Map<String, Object> params, InputAnswer input) {
        this.workspace = workspace;
        this.run = run;
        this.credentials = credentials;
        this.params = params;
        this.input = input;
    }

    /** For a cluster on a simulated clock: the pipeline's waits move that clock on instead of pausing. */
    PipelineInterpreter pausingBy(Pause waits) {
        this.pause = waits;
        return this;
    }

    /** Runs the pipeline; its failure is thrown as the build would end with it. */
    void run(String jenkinsfile) throws Exception {
        CompilerConfiguration configuration = new CompilerConfiguration();
        configuration.setScriptBaseClass(PipelineScript.class.getName());
        GroovyShell shell = new GroovyShell(PipelineInterpreter.class.getClassLoader(), configuration);
        PipelineScript script = (PipelineScript) shell.parse(jenkinsfile);
        script.interpreter = this;
        script.getBinding().setVariable("params", params);
        try {
            script.run();
        } catch (RuntimeException e) {
            throw unwrapped(e);
        }
    }

    private static Exception unwrapped(Throwable e) {
        Throwable cause = e;
        while (cause instanceof org.codehaus.groovy.runtime.InvokerInvocationException
                || cause instanceof java.lang.reflect.UndeclaredThrowableException) {
            cause = cause.getCause();
        }
        return cause instanceof Exception exception ? exception : new RuntimeException(cause);
    }

    /** Runs a step of the plugin, inside the innermost block's context; a block step runs {@code body} inside its own. */
    Object step(String name, Map<?, ?> arguments, Closure<?> body) throws Exception {
        Step step = bind(STEPS.get(name), arguments);
        if (step instanceof ClusterStep clusterStep) {
            clusterStep.setCredentialsLookup(credentials);
        } else if (step instanceof WithOpenShiftClusterStep clusterBlock) {
            clusterBlock.setCredentialsLookup(credentials);
        }
        TestStepContext context = block == null ? new TestStepContext(workspace, run) : block.nested();
        contexts.add(context);
        events.add("step " + name);
        if (body != null) {
            context.withBody(bodyContext -> {
                TestStepContext outer = block;
                block = bodyContext;
                try {
                    return body.call();
                } catch (RuntimeException e) {
                    throw unwrapped(e);
                } finally {
                    block = outer;
                }
            });
        }
        return context.run(step, Duration.ofMinutes(3));
    }

    /** The step as structs binds it: the no-argument constructor, then one {@code @DataBoundSetter} per named argument. */
    static Step bind(Class<? extends Step> type, Map<?, ?> arguments) throws Exception {
        Step step = type.getConstructor().newInstance();
        for (Map.Entry<?, ?> argument : arguments.entrySet()) {
            String name = String.valueOf(argument.getKey());
            Method setter = null;
            for (Method m : type.getMethods()) {
                if (m.getAnnotation(DataBoundSetter.class) != null
                        && m.getName().equals("set" + Character.toUpperCase(name.charAt(0)) + name.substring(1))) {
                    setter = m;
                }
            }
            if (setter == null) {
                throw new IllegalArgumentException(type.getSimpleName() + " has no argument " + name);
            }
            setter.invoke(step, coerce(setter.getParameters()[0], argument.getValue()));
        }
        return step;
    }

    private static Object coerce(Parameter parameter, Object value) {
        Class<?> type = parameter.getType();
        if (value == null) {
            return null;
        }
        if (type == String.class) {
            return value.toString();
        }
        if (type == Integer.class && value instanceof Number number) {
            return number.intValue();
        }
        return value instanceof Map || value instanceof List ? PipelineValues.plain(value) : value;
    }

    /** The script's methods: the declarative directives and Jenkins' steps; anything else is a step of the plugin or unknown. */
    public abstract static class PipelineScript extends Script {
        PipelineInterpreter interpreter;

        public Object pipeline(Closure<?> body) throws Exception {
            Declarative pipeline = new Declarative();
            configure(body, pipeline);
            getBinding().getVariables().putAll(pipeline.environment);
            Closure<?> all = new Closure<Object>(this) {
                @SuppressWarnings("unused")
                public Object doCall() throws Exception {
                    Exception first = null;
                    for (Stage stage : pipeline.stages) {
                        if (first != null) {
                            interpreter.events.add("skip " + stage.name + " (after a failure)");
                        } else if (stage.when != null && !DefaultTypeTransformation.castToBoolean(stage.when.call())) {
                            interpreter.events.add("skip " + stage.name + " (when)");
                        } else {
                            interpreter.events.add("stage " + stage.name);
                            try {
                                stage.steps.call();
                            } catch (RuntimeException e) {
                                first = unwrapped(e);
                            } catch (Exception e) {
                                first = e;
                            }
                        }
                    }
                    for (Closure<?> always : pipeline.always) {
                        interpreter.events.add("post always");
                        always.call();
                    }
                    if (first != null) {
                        throw first;
                    }
                    return null;
                }
            };
            return wrapped(pipeline.wrappers, all);
        }

        private Object wrapped(List<Map.Entry<String, Map<?, ?>>> wrappers, Closure<?> body) throws Exception {
            if (wrappers.isEmpty()) {
                return body.call();
            }
            Map.Entry<String, Map<?, ?>> outer = wrappers.get(0);
            List<Map.Entry<String, Map<?, ?>>> inner = wrappers.subList(1, wrappers.size());
            return interpreter.step(outer.getKey(), outer.getValue(), new Closure<Object>(this) {
                @SuppressWarnings("unused")
                public Object doCall() throws Exception {
                    return wrapped(inner, body);
                }
            });
        }

        public Object node(String label, Closure<?> body) {
            return body.call();
        }

        public Object stage(String name, Closure<?> body) {
            interpreter.events.add("stage " + name);
            return body.call();
        }

        public Object script(Closure<?> body) {
            return body.call();
        }

        public void echo(Object text) {
            interpreter.events.add("echo " + text);
        }

        public Object timeout(Map<?, ?> arguments, Closure<?> body) {
            return body.call();
        }

        /** Calls the body until it returns true, pausing between attempts as the interpreter's {@link Pause} says. */
        public void waitUntil(Map<?, ?> arguments, Closure<?> body) throws InterruptedException {
            Object initial = arguments.get("initialRecurrencePeriod");
            java.time.Duration period =
                    java.time.Duration.ofMillis(initial == null ? 250 : ((Number) initial).longValue());
            for (int attempt = 0; !DefaultTypeTransformation.castToBoolean(body.call()); attempt++) {
                if (attempt == 480) {
                    throw new AssertionError("waitUntil: still false after 480 attempts");
                }
                interpreter.pause.pause(period);
            }
        }

        /** The pipeline waits ({@code time} in {@code unit}, seconds by default), as the interpreter's {@link Pause} says. */
        public void sleep(Map<?, ?> arguments) throws InterruptedException {
            long time = ((Number) arguments.get("time")).longValue();
            Object unit = arguments.get("unit");
            interpreter.pause.pause(java.time.Duration.of(
                    time,
                    java.util.concurrent.TimeUnit.valueOf(unit == null ? "SECONDS" : unit.toString())
                            .toChronoUnit()));
        }

        public Object input(Map<String, Object> arguments) throws Exception {
            interpreter.events.add("input " + arguments.get("message"));
            return interpreter.input.answer(arguments);
        }

        /** A parameter of {@code input}: its definition. */
        public Map<?, ?> booleanParam(Map<?, ?> definition) {
            return definition;
        }

        public void archiveArtifacts(Map<?, ?> arguments) {
            interpreter.events.add("archiveArtifacts " + arguments.get("artifacts"));
        }

        public void junit(Map<?, ?> arguments) {
            interpreter.events.add("junit " + arguments.get("testResults"));
        }

        public Object methodMissing(String name, Object arguments) throws Exception {
            Object[] given = (Object[]) arguments;
            if (!STEPS.containsKey(name)) {
                throw new MissingMethodException(name, getClass(), given);
            }
            Map<?, ?> named = given.length > 0 && given[0] instanceof Map<?, ?> map ? map : Map.of();
            Closure<?> body =
                    given.length > 0 && given[given.length - 1] instanceof Closure<?> closure ? closure : null;
            return interpreter.step(name, named, body);
        }
    }

    /** Calls a directive's closure with a collector as its delegate. */
    static <T> T configure(Closure<?> body, T collector) {
        body.setDelegate(collector);
        body.setResolveStrategy(Closure.DELEGATE_FIRST);
        body.call();
        return collector;
    }

    /** What {@code pipeline { }} declares. */
    public static final class Declarative {
        final List<Map.Entry<String, Map<?, ?>>> wrappers = new ArrayList<>();
        final Map<String, Object> parameterDefaults = new LinkedHashMap<>();
        final Map<String, Object> environment = new LinkedHashMap<>();
        final List<Stage> stages = new ArrayList<>();
        final List<Closure<?>> always = new ArrayList<>();

        public void agent(Closure<?> body) {
            configure(body, new Agent());
        }

        public void options(Closure<?> body) {
            configure(body, new Options(this));
        }

        public void parameters(Closure<?> body) {
            configure(body, new Parameters(this));
        }

        public void environment(Closure<?> body) {
            configure(body, new Environment(this));
        }

        public void stages(Closure<?> body) {
            configure(body, new Stages(this));
        }

        public void post(Closure<?> body) {
            configure(body, new Post(this));
        }
    }

    public static final class Agent {
        public void label(String label) {}
    }

    /** {@code options}: job options are accepted; a block step of the plugin is a wrapper around the stages and post. */
    public static final class Options {
        private final Declarative pipeline;

        Options(Declarative pipeline) {
            this.pipeline = pipeline;
        }

        public void disableConcurrentBuilds() {}

        public void timeout(Map<?, ?> arguments) {}

        public void methodMissing(String name, Object arguments) {
            Object[] given = (Object[]) arguments;
            if (!STEPS.containsKey(name) || given.length != 1 || !(given[0] instanceof Map<?, ?> named)) {
                throw new MissingMethodException(name, Options.class, given);
            }
            pipeline.wrappers.add(Map.entry(name, named));
        }
    }

    public static final class Parameters {
        private final Declarative pipeline;

        Parameters(Declarative pipeline) {
            this.pipeline = pipeline;
        }

        public void booleanParam(Map<?, ?> definition) {
            pipeline.parameterDefaults.put(String.valueOf(definition.get("name")), definition.get("defaultValue"));
        }
    }

    public static final class Environment {
        private final Declarative pipeline;

        Environment(Declarative pipeline) {
            this.pipeline = pipeline;
        }

        public void propertyMissing(String name, Object value) {
            pipeline.environment.put(name, value.toString());
        }
    }

    public static final class Stages {
        private final Declarative pipeline;

        Stages(Declarative pipeline) {
            this.pipeline = pipeline;
        }

        public void stage(String name, Closure<?> body) {
            pipeline.stages.add(configure(body, new Stage(name)));
        }
    }

    public static final class Stage {
        final String name;
        Closure<?> when;
        Closure<?> steps;

        Stage(String name) {
            this.name = name;
        }

        public void when(Closure<?> body) {
            configure(body, this);
        }

        public void expression(Closure<?> condition) {
            when = condition;
        }

        public void steps(Closure<?> body) {
            steps = body;
        }
    }

    public static final class Post {
        private final Declarative pipeline;

        Post(Declarative pipeline) {
            this.pipeline = pipeline;
        }

        public void always(Closure<?> body) {
            pipeline.always.add(body);
        }
    }
}
