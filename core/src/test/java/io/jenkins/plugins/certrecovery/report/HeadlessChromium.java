package io.jenkins.plugins.certrecovery.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * One page in a real headless Chromium, driven over the DevTools protocol (a WebSocket from {@code java.net.http}): it opens a
 * URL at a viewport size, reads the DOM, computed styles and boxes through the DOM and CSS domains (no script runs in the page),
 * clicks, takes a screenshot, and keeps every console message the page caused: console calls, uncaught exceptions and the
 * browser's own entries (a Content-Security-Policy violation, a script blocked by a sandbox, a resource that failed to load).
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    /** A bound on every wait for the browser; reaching it fails the test with the browser's log, it is never an assertion. */
    private static final long WAIT_SECONDS = 90;

    private static final Pattern DEVTOOLS_ENDPOINT = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final ObjectMapper json = new ObjectMapper();
    private final Path profile;
    private final Process process;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<URI> endpoint = new CompletableFuture<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> awaitedEvents = new ConcurrentHashMap<>();
    private final List<String> console = Collections.synchronizedList(new ArrayList<>());
    private WebSocket socket;
    private String session;

    /** Skips the calling test, saying why, where Chromium is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(
                Files.isExecutable(BINARY),
                "skipped: " + BINARY + " is not installed (apt-get install chromium; .ci/run installs it)");
    }

    /** Starts Chromium, opens {@code url} in a viewport of {@code width} x {@code height} CSS pixels and waits for its load event. */
    public static HeadlessChromium open(URI url, int width, int height) throws IOException {
        HeadlessChromium chromium = new HeadlessChromium();
        try {
            chromium.connect();
            chromium.load(url, width, height);
            return chromium;
        } catch (RuntimeException | Error e) {
            chromium.close();
            throw e;
        }
    }

    private HeadlessChromium() throws IOException {
        profile = Files.createTempDirectory("chromium-profile-");
        process = new ProcessBuilder(
                        BINARY.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--hide-scrollbars",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--remote-debugging-port=0",
                        "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Thread reader = new Thread(this::readLog, "chromium-log");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLog() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                log.add(line);
                Matcher devtools = DEVTOOLS_ENDPOINT.matcher(line);
                if (devtools.find()) {
                    endpoint.complete(URI.create(devtools.group(1)));
                }
            }
        } catch (IOException e) {
            log.add("(reading the log failed: " + e + ")");
        }
        endpoint.completeExceptionally(
                new AssertionError("chromium exited before its DevTools endpoint was open:\n" + log()));
    }

    private void connect() {
        URI browser = await(endpoint, "the DevTools endpoint");
        socket = await(
                HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(browser, new Listener()),
                "the DevTools socket");
        String target = call("Target.createTarget", Map.of("url", "about:blank"))
                .path("targetId")
                .asText();
        session = call("Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .path("sessionId")
                .asText();
        for (String domain : List.of("Log", "Runtime", "Page", "DOM", "CSS")) {
            call(domain + ".enable", Map.of());
        }
    }

    private void load(URI url, int width, int height) {
        call(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
        awaitedEvents.put("Page.loadEventFired", loaded);
        JsonNode navigation = call("Page.navigate", Map.of("url", url.toString()));
        if (navigation.has("errorText")) {
            throw new AssertionError("chromium could not open " + url + ": "
                    + navigation.path("errorText").asText());
        }
        await(loaded, "the load event of " + url);
    }

    /** Every console message the page caused, in order; empty for a page that is quiet. */
    public List<String> consoleMessages() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    /** How many elements match {@code selector}. */
    public int count(String selector) {
        return nodes(selector).size();
    }

    /** The value of an attribute of each element matching {@code selector}, in document order ("" where it is absent). */
    public List<String> attribute(String selector, String name) {
        List<String> values = new ArrayList<>();
        for (int node : nodes(selector)) {
            JsonNode attributes =
                    call("DOM.getAttributes", Map.of("nodeId", node)).path("attributes");
            String value = "";
            for (int i = 0; i + 1 < attributes.size(); i += 2) {
                if (attributes.get(i).asText().equals(name)) {
                    value = attributes.get(i + 1).asText();
                }
            }
            values.add(value);
        }
        return values;
    }

    /** The text content of each element matching {@code selector}, in document order (its text nodes joined, as the DOM holds them). */
    public List<String> text(String selector) {
        List<String> texts = new ArrayList<>();
        for (int node : nodes(selector)) {
            StringBuilder text = new StringBuilder();
            appendText(
                    call("DOM.describeNode", Map.of("nodeId", node, "depth", -1))
                            .path("node"),
                    text);
            texts.add(text.toString());
        }
        return texts;
    }

    private static void appendText(JsonNode node, StringBuilder text) {
        if (node.path("nodeType").asInt() == 3) {
            text.append(node.path("nodeValue").asText());
        }
        node.path("children").forEach(child -> appendText(child, text));
    }

    /** Moves the keyboard focus to the first element matching {@code selector}, as tabbing to it would. */
    public void focus(String selector) {
        call("DOM.focus", Map.of("nodeId", first(selector)));
    }

    /** Presses and releases a key that types no character, by its DOM name and Windows key code: {@code ArrowRight}, 39. */
    public void press(String key, int keyCode) {
        for (String type : List.of("rawKeyDown", "keyUp")) {
            call(
                    "Input.dispatchKeyEvent",
                    Map.of("type", type, "key", key, "code", key, "windowsVirtualKeyCode", keyCode));
        }
    }

    /** The computed value of a CSS property of each element matching {@code selector}, in document order, e.g. {@code rgb(207, 34, 46)}. */
    public List<String> computedStyle(String selector, String property) {
        List<String> values = new ArrayList<>();
        for (int node : nodes(selector)) {
            JsonNode style =
                    call("CSS.getComputedStyleForNode", Map.of("nodeId", node)).path("computedStyle");
            values.add(StreamSupport.stream(style.spliterator(), false)
                    .filter(entry -> entry.path("name").asText().equals(property))
                    .map(entry -> entry.path("value").asText())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no computed " + property + " for " + selector)));
        }
        return values;
    }

    /**
     * The border box of the first element matching {@code selector} in CSS pixels relative to the viewport (the page's own pixels
     * while it is not scrolled), or empty when it is not rendered.
     */
    public Optional<Rectangle> box(String selector) {
        JsonNode reply = send("DOM.getBoxModel", Map.of("nodeId", first(selector)));
        if (reply.has("error")) {
            return Optional.empty();
        }
        JsonNode quad = reply.path("result").path("model").path("border");
        int left = (int) Math.round(quad.get(0).asDouble());
        int top = (int) Math.round(quad.get(1).asDouble());
        return Optional.of(new Rectangle(
                left,
                top,
                (int) Math.round(quad.get(4).asDouble()) - left,
                (int) Math.round(quad.get(5).asDouble()) - top));
    }

    /**
     * A left click in the middle of the first element matching {@code selector}, scrolled into the viewport first if it is not
     * (boxes are relative to the viewport: after such a scroll they no longer match a screenshot's pixels).
     */
    public void click(String selector) {
        call("DOM.scrollIntoViewIfNeeded", Map.of("nodeId", first(selector)));
        Rectangle box = box(selector)
                .orElseThrow(() -> new AssertionError(selector + " is not rendered, so it cannot be clicked"));
        for (String type : List.of("mousePressed", "mouseReleased")) {
            call(
                    "Input.dispatchMouseEvent",
                    Map.of(
                            "type",
                            type,
                            "x",
                            box.getCenterX(),
                            "y",
                            box.getCenterY(),
                            "button",
                            "left",
                            "clickCount",
                            1));
        }
    }

    /** A screenshot of the whole page (beyond the viewport) at one image pixel per CSS pixel, written to {@code png}. */
    public BufferedImage screenshot(Path png) throws IOException {
        JsonNode size = call("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
        Map<String, Object> clip = Map.of(
                "x",
                0,
                "y",
                0,
                "width",
                size.path("width").asDouble(),
                "height",
                size.path("height").asDouble(),
                "scale",
                1);
        byte[] image = Base64.getDecoder()
                .decode(call(
                                "Page.captureScreenshot",
                                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip))
                        .path("data")
                        .asText());
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, image);
        return ImageIO.read(new ByteArrayInputStream(image));
    }

    private int first(String selector) {
        List<Integer> nodes = nodes(selector);
        if (nodes.isEmpty()) {
            throw new AssertionError("no element matches " + selector);
        }
        return nodes.get(0);
    }

    private List<Integer> nodes(String selector) {
        int document = call("DOM.getDocument", Map.of("depth", 0))
                .path("root")
                .path("nodeId")
                .asInt();
        List<Integer> nodes = new ArrayList<>();
        call("DOM.querySelectorAll", Map.of("nodeId", document, "selector", selector))
                .path("nodeIds")
                .forEach(node -> nodes.add(node.asInt()));
        return nodes;
    }

    private JsonNode call(String method, Map<String, Object> params) {
        JsonNode reply = send(method, params);
        if (reply.has("error")) {
            throw new AssertionError(method + " " + params + " failed: " + reply.path("error"));
        }
        return reply.path("result");
    }

    private JsonNode send(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        try {
            await(socket.sendText(json.writeValueAsString(message), true), "sending " + method);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return await(reply, "the reply to " + method);
    }

    private void receive(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("DevTools sent no JSON: " + text, e);
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply =
                    replies.remove(message.path("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        switch (method) {
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                console.add(entry.path("level").asText() + " ("
                        + entry.path("source").asText() + "): "
                        + entry.path("text").asText()
                        + (entry.has("url") ? " [" + entry.path("url").asText() + "]" : ""));
            }
            case "Runtime.consoleAPICalled" -> {
                StringBuilder call =
                        new StringBuilder("console." + params.path("type").asText() + ":");
                params.path("args")
                        .forEach(arg -> call.append(' ')
                                .append(
                                        arg.has("value")
                                                ? arg.path("value").asText()
                                                : arg.path("description").asText()));
                console.add(call.toString());
            }
            case "Runtime.exceptionThrown" ->
                console.add("uncaught: "
                        + params.path("exceptionDetails").path("text").asText() + " "
                        + params.path("exceptionDetails")
                                .path("exception")
                                .path("description")
                                .asText());
            default -> {
                // other events are not kept
            }
        }
        CompletableFuture<JsonNode> awaited = awaitedEvents.remove(method);
        if (awaited != null) {
            awaited.complete(params);
        }
    }

    private <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new AssertionError(
                    "waiting for " + what + ": " + e.getCause() + "\nchromium log:\n" + log(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "no " + what + " from chromium within " + WAIT_SECONDS + " s; its log:\n" + log(), e);
        }
    }

    private String log() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            // Not awaited: the browser may close the socket before it replies.
            socket.sendText("{\"id\":0,\"method\":\"Browser.close\"}", true);
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            if (socket != null) {
                socket.abort();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the chromium profile " + profile, e);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                receive(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            AssertionError lost = new AssertionError("the DevTools socket failed", error);
            replies.values().forEach(reply -> reply.completeExceptionally(lost));
            awaitedEvents.values().forEach(event -> event.completeExceptionally(lost));
        }
    }
}
