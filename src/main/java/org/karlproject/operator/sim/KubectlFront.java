package org.karlproject.operator.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What kubectl talks to in the sandbox: a plain HTTP front on loopback that forwards every request to the
 * embedded {@link ApiServer} and adds the two things a real API server does that the mock server does not.
 * <ul>
 * <li>Watches over plain HTTP ({@code GET ...?watch=true} or {@code watch=1}): the mock serves watches over
 * WebSocket only (a plain GET gets a 500, {@code watch=1} a list). The front opens the WebSocket watch and
 * streams its events chunked, one JSON event per line, as a real server does. The mock replays every stored
 * object as {@code ADDED} whatever the {@code resourceVersion}; the front drops the replayed ones at or below
 * the asked version, so {@code kubectl get -w} (a list, then a watch from its version) shows no duplicates.
 * When kubectl asks for a Table, each event's object of the four kinds becomes a one-row Table.</li>
 * <li>Field selectors other than {@code metadata.name} (the mock answers {@code involvedObject.name=...}, what
 * {@code kubectl describe} asks for Events, with nothing): the front removes them from the forwarded request
 * and filters the list, or the watch's events, itself.</li>
 * </ul>
 * It does not upgrade to WebSocket: a WebSocket watch is answered 503, on which a Fabric8 client (the
 * plugin) watches over plain HTTP. The operator and the tests' clients keep talking to the mock server directly.
 */
public final class KubectlFront implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers java.net.http refuses to set, and hop-by-hop headers. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding", "keep-alive", "te", "http2-settings");
    private static final String CLOSED = "\u0000closed";

    private final URI backend;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kubectl-front");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private KubectlFront(URI backend, int port) {
        this.backend = backend;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Starts a front of {@code backendUrl} (an {@link ApiServer#url()}) on this loopback port (0: any free one). */
    public static KubectlFront start(String backendUrl, int port) {
        return new KubectlFront(URI.create(backendUrl.replaceAll("/$", "")), port);
    }

    /** The front's URL, what a kubeconfig names. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String rawQuery = exchange.getRequestURI().getRawQuery();
            Query query = Query.parse(rawQuery);
            String target = backend + exchange.getRequestURI().getRawPath() + query.forwarded();
            if ("websocket".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Upgrade"))) {
                // no WebSocket here: a 503 makes a Fabric8 client watch over plain HTTP instead (kubectl never asks)
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
            } else if ("GET".equals(exchange.getRequestMethod()) && query.watch()) {
                watch(exchange, target, query);
            } else {
                forward(exchange, target, query);
            }
        } catch (IOException | RuntimeException e) {
            exchange.close();
            if (e instanceof IOException io) {
                throw io;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private void forward(HttpExchange exchange, String target, Query query) throws IOException, InterruptedException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.toLowerCase(Locale.ROOT).startsWith("sec-websocket")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] answer = response.body();
        if (response.statusCode() == 200 && !query.localSelector().isEmpty()) {
            answer = query.filterList(answer, exchange.getRequestURI().getRawPath());
        }
        response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
        exchange.close();
    }

    private void watch(HttpExchange exchange, String target, Query query) throws IOException, InterruptedException {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        WebSocket socket;
        try {
            WebSocket.Builder builder = http.newWebSocketBuilder();
            exchange.getRequestHeaders().getOrDefault("User-Agent", List.of()).forEach(v -> builder.header("User-Agent", v));
            socket = builder.buildAsync(URI.create(target.replaceFirst("^http", "ws")), new Relay(events))
                    .get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        Optional<String> table = Tables.pluralIfTable("GET", exchange.getRequestURI().getRawPath(),
                exchange.getRequestHeaders().getFirst("Accept"));
        long deadline = query.timeoutSeconds() > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(query.timeoutSeconds())
                : Long.MAX_VALUE;
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache, private");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.flush();
            while (System.nanoTime() < deadline) {
                String text = events.poll(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                        TimeUnit.MILLISECONDS);
                if (text == CLOSED) {
                    break;
                }
                if (text == null) {
                    continue;
                }
                Optional<String> line = query.event(text, table);
                if (line.isPresent()) {
                    out.write((line.get() + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } finally {
            socket.abort();
            exchange.close();
        }
    }

    /** Collects the WebSocket's text messages (whole, across fragments); {@link #CLOSED} when it ends. */
    private static final class Relay implements WebSocket.Listener {
        private final BlockingQueue<String> events;
        private final StringBuilder partial = new StringBuilder();

        Relay(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                events.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.add(CLOSED);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add(CLOSED);
        }
    }

    /** A request's query: the watch flags, the version to watch from, and the field selector split in two. */
    record Query(String forwarded, boolean watch, long fromVersion, long timeoutSeconds, List<String[]> localSelector) {

        static Query parse(String rawQuery) {
            List<String> kept = new ArrayList<>();
            boolean watch = false;
            long from = 0;
            long timeout = 0;
            List<String[]> local = new ArrayList<>();
            for (String pair : rawQuery == null || rawQuery.isEmpty() ? new String[0] : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                switch (key) {
                    case "watch" -> {
                        watch = value.equals("true") || value.equals("1");
                        // the mock server recognises only watch=true
                        kept.add(watch ? "watch=true" : pair);
                    }
                    case "resourceVersion" -> {
                        from = version(value);
                        kept.add(pair);
                    }
                    case "timeoutSeconds" -> {
                        timeout = version(value);
                        kept.add(pair);
                    }
                    case "fieldSelector" -> {
                        List<String> forwarded = new ArrayList<>();
                        for (String term : value.split(",")) {
                            if (term.isBlank()) {
                                continue;
                            }
                            local.add(term(term));
                            if (term.startsWith("metadata.name=") && !term.startsWith("metadata.name==")) {
                                forwarded.add(term);
                            }
                        }
                        if (!forwarded.isEmpty()) {
                            kept.add("fieldSelector=" + URLEncoder.encode(String.join(",", forwarded), StandardCharsets.UTF_8));
                        }
                    }
                    default -> kept.add(pair);
                }
            }
            return new Query(kept.isEmpty() ? "" : "?" + String.join("&", kept), watch, from, timeout, local);
        }

        /** {@code path=value}, {@code path==value} or {@code path!=value}: path, operator, value. */
        private static String[] term(String term) {
            int not = term.indexOf("!=");
            if (not > 0) {
                return new String[] {term.substring(0, not), "!=", term.substring(not + 2)};
            }
            int eq = term.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not a field selector term: " + term);
            }
            String value = term.substring(eq + 1);
            return new String[] {term.substring(0, eq), "=", value.startsWith("=") ? value.substring(1) : value};
        }

        private static long version(String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        boolean selects(JsonNode object) {
            for (String[] term : localSelector) {
                JsonNode node = object;
                for (String part : term[0].split("\\.")) {
                    node = node.path(part);
                }
                String actual = node.isValueNode() ? node.asText() : "";
                if (term[1].equals("=") != actual.equals(term[2])) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The list without the items the selector leaves out. Its kind becomes {@code <Kind>List} (the mock
         * answers {@code List}, which kubectl's typed clients, e.g. describe's Events, do not decode).
         */
        byte[] filterList(byte[] body, String path) throws IOException {
            JsonNode list = JSON.readTree(body);
            if (!(list instanceof ObjectNode object) || !list.path("items").isArray()) {
                return body;
            }
            if ("List".equals(list.path("kind").asText())) {
                String kind = path.endsWith("/events") ? "Event" : list.path("items").path(0).path("kind").asText("");
                if (!kind.isEmpty()) {
                    object.put("kind", kind + "List");
                }
            }
            ArrayNode items = JSON.createArrayNode();
            list.get("items").forEach(item -> {
                if (selects(item)) {
                    items.add(item);
                }
            });
            object.set("items", items);
            return JSON.writeValueAsBytes(object);
        }

        /** The line to stream for one WebSocket event, if the watcher should see it. */
        Optional<String> event(String text, Optional<String> tablePlural) throws IOException {
            JsonNode event = JSON.readTree(text);
            JsonNode object = event.path("object");
            if (!selects(object)) {
                return Optional.empty();
            }
            boolean replayed = "ADDED".equals(event.path("type").asText())
                    && version(object.path("metadata").path("resourceVersion").asText()) <= fromVersion;
            if (fromVersion > 0 && replayed) {
                return Optional.empty();
            }
            if (tablePlural.isPresent() && event instanceof ObjectNode e) {
                e.set("object", JSON.readTree(Tables.table(tablePlural.get(), object.toString(), Instant.now())));
            }
            return Optional.of(JSON.writeValueAsString(event));
        }
    }
}
