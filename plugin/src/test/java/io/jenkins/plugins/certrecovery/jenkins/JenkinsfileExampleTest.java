package io.jenkins.plugins.certrecovery.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Jenkinsfile.example parses as Groovy, and every step it calls is one of ours with arguments our step accepts (its
 * {@code @DataBoundSetter}s), or a standard Jenkins step or declarative directive; every Groovy snippet of the docs and help pages
 * parses. {@link OnTheSandbox} runs Jenkinsfile.example and docs/steps.md's {@code recoverCluster} pipeline on the sandbox.
 */
class JenkinsfileExampleTest {
    /** Declarative directives and the steps of Pipeline: Basic Steps, Input, JUnit and Core (archiveArtifacts). */
    private static final Set<String> STANDARD = Set.of(
            "pipeline",
            "agent",
            "label",
            "options",
            "disableConcurrentBuilds",
            "timeout",
            "parameters",
            "booleanParam",
            "environment",
            "stages",
            "stage",
            "steps",
            "script",
            "when",
            "expression",
            "post",
            "always",
            "echo",
            "input",
            "waitUntil",
            "archiveArtifacts",
            "junit",
            "triggers",
            "cron",
            "publishHTML",
            "node",
            "sleep");

    private static final Map<String, Class<? extends Step>> OURS = Map.of(
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

    /** A call of a step: its name and the names of its named arguments. */
    private record StepCall(String name, List<String> arguments, int line) {}

    static List<StepCall> stepCalls(Path script) throws Exception {
        CompilationUnit unit = new CompilationUnit();
        SourceUnit source = unit.addSource(script.getFileName().toString(), Files.readString(script));
        unit.compile(Phases.CONVERSION);
        ModuleNode module = source.getAST();
        List<StepCall> calls = new ArrayList<>();
        ClassCodeVisitorSupport visitor = new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                if (call.isImplicitThis()) {
                    List<String> names = new ArrayList<>();
                    Expression arguments = call.getArguments();
                    List<Expression> list =
                            arguments instanceof TupleExpression tuple ? tuple.getExpressions() : List.of(arguments);
                    for (Expression argument : list) {
                        if (argument instanceof MapExpression map) {
                            for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                                names.add(((ConstantExpression) entry.getKeyExpression()).getText());
                            }
                        }
                    }
                    calls.add(new StepCall(call.getMethodAsString(), names, call.getLineNumber()));
                }
                super.visitMethodCallExpression(call);
            }
        };
        module.getClasses().forEach(visitor::visitClass);
        return calls;
    }

    static Set<String> acceptedArguments(Class<? extends Step> step) {
        Set<String> names = new TreeSet<>();
        for (Method m : step.getMethods()) {
            if (m.getAnnotation(DataBoundSetter.class) != null) {
                names.add(Character.toLowerCase(m.getName().charAt(3))
                        + m.getName().substring(4));
            }
        }
        return names;
    }

    static List<String> problems(Path script) throws Exception {
        List<String> problems = new ArrayList<>();
        for (StepCall call : stepCalls(script)) {
            Class<? extends Step> ours = OURS.get(call.name());
            if (ours != null) {
                Set<String> accepted = acceptedArguments(ours);
                call.arguments().stream()
                        .filter(a -> !accepted.contains(a))
                        .forEach(a ->
                                problems.add("line " + call.line() + ": " + call.name() + " has no argument " + a));
            } else if (!STANDARD.contains(call.name())) {
                problems.add("line " + call.line() + ": " + call.name()
                        + " is neither our step nor a standard Jenkins step");
            }
        }
        return problems;
    }

    private static final Path EXAMPLE = Path.of("..", "Jenkinsfile.example");

    @Test
    void everyStepCalledIsOursWithOurArgumentsOrStandard() throws Exception {
        assertEquals(List.of(), problems(EXAMPLE));
    }

    @Test
    void oneStagePerOperationWithApprovalAndCleanup() throws Exception {
        List<StepCall> calls = stepCalls(EXAMPLE);
        Set<String> called = new LinkedHashSet<>();
        calls.forEach(c -> called.add(c.name()));
        Set<String> ours = new TreeSet<>(OURS.keySet());
        ours.remove("recoverCluster"); // the whole procedure in one step: docs/steps.md's example
        assertTrue(called.containsAll(ours), "every step of ours appears: " + called);
        assertTrue(called.containsAll(List.of("input", "archiveArtifacts", "post", "always")), called.toString());
        Map<String, Integer> stages = new LinkedHashMap<>();
        calls.stream().filter(c -> c.name().equals("stage")).forEach(c -> stages.merge("stage", 1, Integer::sum));
        assertEquals(
                7, stages.get("stage"), "preflight, API server, regenerate, redeploy, kubelets, CSRs, final check");
        String text = Files.readString(EXAMPLE);
        assertTrue(
                text.contains("submitter: 'ocp-admins'") && text.contains("booleanParam(name: it.name"),
                "a checkbox per valid CSR");
        assertTrue(text.contains("action: 'destroy'"), "the recovery API server is destroyed in post");
    }

    @Test
    void scheduledCheckPipelineInTheDocsIsValidToo(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "scheduled-check.md"));
        int start = doc.indexOf("```groovy\n") + "```groovy\n".length();
        Path pipeline = tmp.resolve("Jenkinsfile");
        Files.writeString(pipeline, doc.substring(start, doc.indexOf("```", start)));
        assertEquals(List.of(), problems(pipeline));
        List<String> called = stepCalls(pipeline).stream().map(StepCall::name).toList();
        assertTrue(called.containsAll(List.of("cron", "checkCertExpiry", "publishHTML", "junit")), called.toString());
        assertTrue(Files.readString(pipeline).contains("cron('H 6 * * *')"));
    }

    @Test
    void theCheckRecognisesUnknownStepsAndArguments(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("Jenkinsfile");
        Files.writeString(
                bad,
                "pipeline { agent any\n stages { stage('x') { steps {\n"
                        + "  regenerateCerts(inventory: 'i.yaml', force: true)\n  sh 'rm -rf /'\n } } } }\n");
        assertEquals(
                List.of(
                        "line 3: regenerateCerts has no argument force",
                        "line 4: sh is neither our step nor a standard Jenkins step"),
                problems(bad));
    }

    /** A Groovy snippet of a doc or a help page: the file, the line it starts on, its text. */
    private record Snippet(String file, int line, String text) {}

    /** An untagged fenced block counts as Groovy when it reads like a Jenkinsfile: a pipeline or node block, or a call of ours. */
    private static final Pattern JENKINSFILE_LIKE = Pattern.compile(
            "(?m)^\\s*(pipeline|node)\\b[^\\n]*\\{|\\b(" + String.join("|", new TreeSet<>(OURS.keySet())) + ")\\s*\\(");

    /** The ```groovy blocks of a Markdown file, and untagged blocks that read like a Jenkinsfile. */
    static List<Snippet> markdownSnippets(Path markdown) throws Exception {
        List<Snippet> snippets = new ArrayList<>();
        List<String> lines = Files.readAllLines(markdown);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("```")) {
                continue;
            }
            String tag = lines.get(i).substring(3).strip();
            int start = i + 1;
            StringBuilder text = new StringBuilder();
            for (i = start; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                text.append(lines.get(i)).append('\n');
            }
            if (tag.equalsIgnoreCase("groovy")
                    || tag.isEmpty() && JENKINSFILE_LIKE.matcher(text).find()) {
                snippets.add(new Snippet(markdown.getFileName().toString(), start + 1, text.toString()));
            }
        }
        return snippets;
    }

    /** The {@code <pre>} blocks of a help page, HTML entities decoded. */
    static List<Snippet> helpSnippets(Path help) throws Exception {
        String html = Files.readString(help);
        List<Snippet> snippets = new ArrayList<>();
        Matcher pre = Pattern.compile("<pre>(.*?)</pre>", Pattern.DOTALL).matcher(html);
        while (pre.find()) {
            int line = 1
                    + (int) html.substring(0, pre.start(1))
                            .chars()
                            .filter(c -> c == '\n')
                            .count();
            String text = pre.group(1)
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&");
            snippets.add(new Snippet(help.getParent().getFileName() + "/" + help.getFileName(), line, text));
        }
        return snippets;
    }

    /**
     * Why the snippet does not parse as Groovy, or null. A snippet that starts with a named argument ({@code cluster: [...]},
     * as the help pages show one argument of a step) is deliberately partial: it is parsed as the arguments of a step call.
     */
    static String parseProblem(Snippet snippet) {
        boolean arguments = Pattern.compile("^\\s*[A-Za-z_]\\w*\\s*:")
                .matcher(snippet.text())
                .find();
        String script = arguments ? "step(" + snippet.text() + "\n)" : snippet.text();
        CompilationUnit unit = new CompilationUnit();
        unit.addSource(snippet.file(), script);
        try {
            unit.compile(Phases.CONVERSION);
            return null;
        } catch (CompilationFailedException e) {
            return snippet.file() + ": the snippet starting on line " + snippet.line() + " does not parse"
                    + (arguments ? " (as a step's arguments)" : "") + ": "
                    + e.getMessage().lines().skip(1).findFirst().orElse("");
        }
    }

    private static List<Snippet> docAndHelpSnippets() throws Exception {
        List<Snippet> snippets = new ArrayList<>();
        try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
            for (Path markdown :
                    docs.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                snippets.addAll(markdownSnippets(markdown));
            }
        }
        try (Stream<Path> resources = Files.walk(Path.of("src", "main", "resources"))) {
            for (Path help : resources
                    .filter(f -> f.getFileName().toString().matches("help.*\\.html"))
                    .sorted()
                    .toList()) {
                snippets.addAll(helpSnippets(help));
            }
        }
        return snippets;
    }

    @Test
    void everyGroovySnippetInTheDocsAndHelpPagesParses() throws Exception {
        List<Snippet> snippets = docAndHelpSnippets();
        List<String> files = snippets.stream().map(Snippet::file).distinct().toList();
        assertTrue(
                files.containsAll(List.of("inventory.md", "scheduled-check.md", "ClusterStep/help-cluster.html")),
                files.toString());
        assertEquals(
                List.of(),
                snippets.stream()
                        .map(JenkinsfileExampleTest::parseProblem)
                        .filter(p -> p != null)
                        .toList());
    }

    @Test
    void aSnippetWithAnUnquotedDashedMapKeyIsReportedWithFileAndLine(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path doc = Files.writeString(
                tmp.resolve("pins.md"),
                "Pin the host keys:\n\n```groovy\n"
                        + "def ssh = [hostKeyFingerprints: [master-0: 'SHA256:abc']]\n```\n");
        List<Snippet> snippets = markdownSnippets(doc);
        assertEquals(1, snippets.size());
        String problem = parseProblem(snippets.get(0));
        assertTrue(
                problem != null && problem.startsWith("pins.md: the snippet starting on line 4 does not parse: "),
                problem);
        assertEquals(
                null,
                parseProblem(new Snippet("pins.md", 4, "def ssh = [hostKeyFingerprints: ['master-0': 'SHA256:abc']]")));
    }

    /** The approver ticks every box of an {@code input}; {@code asked} keeps its arguments. */
    static Object approveAll(List<Map<String, Object>> asked, Map<String, Object> arguments) {
        asked.add(arguments);
        Map<String, Object> answer = new LinkedHashMap<>();
        for (Object parameter : (List<?>) arguments.get("parameters")) {
            answer.put(String.valueOf(((Map<?, ?>) parameter).get("name")), true);
        }
        answer.put("APPROVER", "alice");
        return answer;
    }

    /** Jenkinsfile.example and docs/steps.md's recoverCluster pipeline, run on the sandbox by {@link PipelineInterpreter}. */
    @org.junit.jupiter.api.Nested
    class OnTheSandbox {
        private static final String OWNER_FILE = "/var/lib/ocp-cert-recovery/lock/owner.json";

        @org.junit.jupiter.api.io.TempDir
        Path workspace;

        private io.jenkins.plugins.certrecovery.sandbox.Sandbox sandbox;
        private TestCredentials credentials;
        private TestRun run;
        private final List<Map<String, Object>> asked = new ArrayList<>();

        @org.junit.jupiter.api.BeforeEach
        void startCluster() throws Exception {
            sandbox = io.jenkins.plugins.certrecovery.sandbox.Sandbox.start(
                    io.jenkins.plugins.certrecovery.sandbox.SandboxSpec.defaults()
                            .withRogueCsrs(
                                    io.jenkins.plugins.certrecovery.sandbox.RogueCsr.WRONG_REQUESTOR_FOR_MASTER));
            credentials = new TestCredentials()
                    .add(new TestCredentials.SshKey(
                            StepsOnSandboxTest.CREDENTIALS_ID, "core", sandbox.clientPrivateKey(), null));
            run = new TestRun();
            Files.createDirectories(workspace.resolve("clusters"));
            Files.writeString(workspace.resolve("clusters/prod.yaml"), StepsOnSandboxTest.inventoryFile(sandbox));
        }

        @org.junit.jupiter.api.AfterEach
        void stopCluster() throws Exception {
            sandbox.close();
        }

        private Object approveAll(Map<String, Object> arguments) {
            return JenkinsfileExampleTest.approveAll(asked, arguments);
        }

        private PipelineInterpreter interpreter(Map<String, Object> params, PipelineInterpreter.InputAnswer input) {
            return new PipelineInterpreter(workspace, run, credentials, params, input);
        }

        private static String logs(PipelineInterpreter pipeline) {
            StringBuilder text = new StringBuilder();
            pipeline.contexts.forEach(c -> text.append(c.listener.text()));
            return text.toString();
        }

        private static long count(String text, String part) {
            return text.lines().filter(l -> l.contains(part)).count();
        }

        private void assertUnlocked() {
            assertTrue(!Files.exists(sandbox.hostPath("master-0", OWNER_FILE)), "the cluster lock is released");
        }

        /** Every step's agent work crossed the filtering channel with JDK types only. */
        private static void assertChannelForm(PipelineInterpreter pipeline) {
            pipeline.contexts.stream()
                    .filter(c -> c.channel.calls() > 0)
                    .forEach(c -> StepsOnSandboxTest.assertOnlyJdkTypesCrossed(c.channel));
        }

        @Test
        void theExampleRecoversTheClusterUnderOneLockWithTwoApprovals() throws Exception {
            PipelineInterpreter pipeline = interpreter(new LinkedHashMap<>(Map.of("DRY_RUN", false)), this::approveAll);
            pipeline.run(Files.readString(EXAMPLE));

            assertTrue(
                    sandbox.nodes().stream().allMatch(io.jenkins.plugins.certrecovery.sandbox.SimulatedNode::ready),
                    sandbox.nodes() + "\n" + pipeline.events);
            assertTrue(sandbox.recoveryApiserverAnswering().isEmpty(), "destroyed in post");
            assertEquals(2, asked.size(), "a client round and a serving round: " + asked);
            List<String> stages =
                    pipeline.events.stream().filter(e -> e.startsWith("stage ")).toList();
            assertEquals(
                    List.of(
                            "stage Preflight expiry check",
                            "stage Recovery API server",
                            "stage Regenerate certificates",
                            "stage Force redeploy",
                            "stage Recover kubelets",
                            "stage Approve CSRs",
                            "stage Final check"),
                    stages);
            assertEquals("step withOpenShiftCluster", pipeline.events.get(0), "the options' block wraps the stages");
            String logs = logs(pipeline);
            assertEquals(1, count(logs, "took the cluster lock"), "one lock for the whole build:\n" + logs);
            assertTrue(count(logs, "re-entered by its token") >= 6, "every changing step re-entered it:\n" + logs);
            assertEquals(1, count(logs, "released the cluster lock"), logs);
            assertUnlocked();
            assertTrue(
                    pipeline.events.contains("archiveArtifacts cert-expiry/**, cert-recovery-audit.jsonl"),
                    pipeline.events.toString());
            com.fasterxml.jackson.databind.JsonNode after = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(workspace
                            .resolve("cert-expiry/after/expiry-report.json")
                            .toFile())
                    .path("summary");
            assertEquals(
                    0,
                    after.path("expired").asInt() + after.path("critical").asInt(),
                    "the final check waited for the rollout: " + after);
            assertChannelForm(pipeline);
            StepsOnSandboxTest.assertNoSecret(sandbox, logs);
        }

        @Test
        void aJobWithoutTheDryRunParameterRehearsesAndApprovesNothing() throws Exception {
            PipelineInterpreter pipeline = interpreter(new LinkedHashMap<>(), this::approveAll);
            pipeline.run(Files.readString(EXAMPLE));

            assertTrue(pipeline.events.contains("skip Approve CSRs (when)"), pipeline.events.toString());
            assertTrue(asked.isEmpty(), "nobody is asked in a rehearsal");
            assertTrue(!sandbox.certificatesRegenerated());
            assertTrue(sandbox.forceRedeploymentReason("kubeapiserver").isEmpty());
            assertTrue(logs(pipeline).contains("Dry run: nothing is changed. The plan:"));
            assertUnlocked();
        }

        @Test
        void anAbortedApprovalFailsTheBuildAfterPostAndReleasesTheLock() throws Exception {
            PipelineInterpreter pipeline = interpreter(new LinkedHashMap<>(Map.of("DRY_RUN", false)), arguments -> {
                throw new hudson.AbortException("Aborted by bob");
            });
            hudson.AbortException failure = org.junit.jupiter.api.Assertions.assertThrows(
                    hudson.AbortException.class, () -> pipeline.run(Files.readString(EXAMPLE)));
            assertEquals("Aborted by bob", failure.getMessage());
            assertTrue(pipeline.events.contains("skip Final check (after a failure)"), pipeline.events.toString());
            assertTrue(pipeline.events.contains("post always"), pipeline.events.toString());
            assertTrue(
                    sandbox.recoveryApiserverAnswering().isEmpty(),
                    "post destroyed the recovery API server inside the block");
            assertUnlocked();
        }

        @Test
        void theRecoverClusterExampleOfTheDocsFinishesAfterTheApprovals() throws Exception {
            String doc = Files.readString(Path.of("..", "docs", "steps.md"));
            int section = doc.indexOf("## `recoverCluster`");
            int start = doc.indexOf("```groovy\n", section) + "```groovy\n".length();
            PipelineInterpreter pipeline = interpreter(new LinkedHashMap<>(), this::approveAll);
            pipeline.run(doc.substring(start, doc.indexOf("```", start)));

            assertTrue(
                    sandbox.nodes().stream().allMatch(io.jenkins.plugins.certrecovery.sandbox.SimulatedNode::ready),
                    sandbox.nodes() + "\n" + pipeline.events);
            assertTrue(!asked.isEmpty());
            assertTrue(
                    pipeline.events.stream().anyMatch(e -> e.startsWith("echo Recovered: not Ready []")),
                    pipeline.events.toString());
            assertTrue(sandbox.recoveryApiserverAnswering().isEmpty(), "the finishing recoverCluster destroyed it");
            String logs = logs(pipeline);
            assertEquals(1, count(logs, "took the cluster lock"), logs);
            assertUnlocked();
            assertChannelForm(pipeline);
        }
    }

    /**
     * Jenkinsfile.example, unchanged, on an OpenShift 4.14 sandbox: the 4.1–4.3 operations do nothing there and say why, and the
     * approval rounds bring every node back. The cluster's clock is simulated: the API answers and each kubelet has posted its
     * client CSRs before the pipeline starts, with no delays the cluster does what is due at each tool call, and the pipeline's
     * waits ({@code waitUntil}) move the clock on by what they ask; the machine's load changes nothing the approvals see.
     */
    @org.junit.jupiter.api.Nested
    class OnAnOpenShift414Sandbox {
        @org.junit.jupiter.api.io.TempDir
        Path workspace;

        private io.jenkins.plugins.certrecovery.sandbox.Sandbox sandbox;
        private final List<Map<String, Object>> asked = new ArrayList<>();

        @org.junit.jupiter.api.BeforeEach
        void startCluster() throws Exception {
            sandbox = io.jenkins.plugins.certrecovery.sandbox.Sandbox.start(
                    io.jenkins.plugins.certrecovery.sandbox.SandboxSpec.openShift4xOnManualClock("4.14"));
            sandbox.bootWithSupersededCsrs();
            Files.createDirectories(workspace.resolve("clusters"));
            Files.writeString(workspace.resolve("clusters/prod.yaml"), StepsOnSandboxTest.inventoryFile(sandbox));
        }

        @org.junit.jupiter.api.AfterEach
        void stopCluster() throws Exception {
            sandbox.close();
        }

        @Test
        void theExampleRunsUnchangedAndEveryNodeComesBack() throws Exception {
            TestCredentials credentials = new TestCredentials()
                    .add(new TestCredentials.SshKey(
                            StepsOnSandboxTest.CREDENTIALS_ID, "core", sandbox.clientPrivateKey(), null));
            PipelineInterpreter pipeline = new PipelineInterpreter(
                    workspace,
                    new TestRun(),
                    credentials,
                    new LinkedHashMap<>(Map.of("DRY_RUN", false)),
                    arguments -> approveAll(asked, arguments));
            pipeline.pausingBy(period -> sandbox.clock().advance(period)).run(Files.readString(EXAMPLE));

            assertTrue(
                    sandbox.nodes().stream().allMatch(io.jenkins.plugins.certrecovery.sandbox.SimulatedNode::ready),
                    sandbox.nodes() + "\n" + pipeline.events);
            StringBuilder logs = new StringBuilder();
            pipeline.contexts.forEach(c -> logs.append(c.listener.text()));
            for (String operation : List.of(
                    "recovery-apiserver-create",
                    "regenerate-certificates",
                    "force-redeploy",
                    "recovery-apiserver-destroy")) {
                assertTrue(
                        logs.toString().contains(operation + " is part of the recovery of OpenShift 4.1–4.3 only"),
                        operation + " says why it does nothing:\n" + logs);
            }
            assertTrue(
                    sandbox.toolEvents().stream().noneMatch(e -> e.tool().equals("podman")),
                    "no recovery API server container was started");
            assertTrue(
                    sandbox.csrs().stream()
                            .filter(c -> c.rogue() != null)
                            .allMatch(io.jenkins.plugins.certrecovery.sandbox.CsrStatus::pending),
                    "the forged CSRs stay pending: " + sandbox.csrs());
            assertEquals(2, asked.size(), "a client round and a serving round: " + asked);
        }
    }
}
