package org.karlproject.operator.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the open watch connections of the embedded server so that a test can drop them all, and makes a
 * watch that names a resourceVersion start from it, as a real API server's does.
 *
 * <p>The Fabric8 mock server opens every watch by sending an ADDED event for each stored object that
 * matches, whatever resourceVersion the watch asks to start from. An informer lists, then watches from the
 * list's resourceVersion: against the mock server it received every object twice, and a new operator
 * process at 1,000 sites decoded and handled some 10,000 such replays while it started (a real API server
 * sends only what changed after that version). So an ADDED event of an object whose resourceVersion is not
 * newer than the watch's is dropped; newer ones pass (an object changed while a dropped watch was away:
 * the mock server keeps no history, so this replay is the only news of it, as a real server's events
 * would be). A watch with no resourceVersion, or {@code 0}, gets every object, as from a real server.
 */
final class WatchTracker {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESOURCE_VERSION = Pattern.compile("[?&]resourceVersion=(\\d+)");
    private final Set<WebSocket> open = ConcurrentHashMap.newKeySet();

    /** The resourceVersion a watch request starts from; 0 when it names none (every object is news). */
    static long startsFrom(String path) {
        Matcher m = RESOURCE_VERSION.matcher(path == null ? "" : path);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** Whether a watch that started from {@code from} sends {@code event} (a watch event's JSON). */
    static boolean news(String event, long from) {
        if (from <= 0 || !event.contains("\"ADDED\"")) {
            return true;
        }
        try {
            JsonNode tree = JSON.readTree(event);
            String version = tree.path("object").path("metadata").path("resourceVersion").asText("");
            return !"ADDED".equals(tree.path("type").asText()) || version.isEmpty() || Long.parseLong(version) > from;
        } catch (IOException | NumberFormatException unreadable) {
            return true;
        }
    }

    /** A socket that sends only the events newer than {@code from}. */
    private static WebSocket from(WebSocket socket, long from) {
        return from <= 0 ? socket : new WebSocket() {
            @Override
            public RecordedRequest request() {
                return socket.request();
            }

            @Override
            public boolean send(String text) {
                return !news(text, from) || socket.send(text);
            }

            @Override
            public boolean send(byte[] bytes) {
                return socket.send(bytes);
            }

            @Override
            public boolean close(int code, String reason) {
                return socket.close(code, reason);
            }
        };
    }

    WebSocketListener track(WebSocketListener delegate, long from) {
        return new WebSocketListener() {
            @Override
            public void onBeforeAccept(WebSocket webSocket, Response response) {
                delegate.onBeforeAccept(webSocket, response);
            }

            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                open.add(webSocket);
                delegate.onOpen(from(webSocket, from), response);
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                delegate.onMessage(webSocket, text);
            }

            @Override
            public void onMessage(WebSocket webSocket, ByteString bytes) {
                delegate.onMessage(webSocket, bytes);
            }

            @Override
            public void onMessage(WebSocket webSocket, byte[] bytes) {
                delegate.onMessage(webSocket, bytes);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                open.remove(webSocket);
                delegate.onClosing(webSocket, code, reason);
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                open.remove(webSocket);
                delegate.onClosed(webSocket, code, reason);
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                open.remove(webSocket);
                delegate.onFailure(webSocket, t, response);
            }
        };
    }

    int closeAll() {
        int closed = 0;
        for (WebSocket webSocket : Set.copyOf(open)) {
            open.remove(webSocket);
            if (webSocket.close(1000, "dropped by the test harness")) {
                closed++;
            }
        }
        return closed;
    }

    int open() {
        return open.size();
    }
}
