package org.karlproject.operator.sim;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps the open watch connections of the embedded server so that a test can drop them all. */
final class WatchTracker {
    private final Set<WebSocket> open = ConcurrentHashMap.newKeySet();

    WebSocketListener track(WebSocketListener delegate) {
        return new WebSocketListener() {
            @Override
            public void onBeforeAccept(WebSocket webSocket, Response response) {
                delegate.onBeforeAccept(webSocket, response);
            }

            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                open.add(webSocket);
                delegate.onOpen(webSocket, response);
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
