package org.karlproject.operator.sim;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock server's CRUD dispatcher with two additions: every request is recorded in the {@link RequestLog},
 * and the {@link Faults} may answer a request with an error or delay it. Watch connections are tracked so
 * that they can be dropped.
 */
final class AccountingDispatcher extends KubernetesCrudDispatcher {
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");
    private final RequestLog log;
    private final Faults faults;
    private final WatchTracker watches;
    private final Discovery discovery = new Discovery();

    AccountingDispatcher(RequestLog log, Faults faults, WatchTracker watches) {
        super(List.of());
        this.log = log;
        this.faults = faults;
        this.watches = watches;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        ApiRequest seen = ApiPaths.parse(log.nextSequence(), Instant.now(), request.getMethod(), request.getPath(),
                request.getHeader("User-Agent"));
        if (seen.verb().equals("create") && seen.name().isEmpty()) {
            // getBytes() leaves the body for the CRUD dispatcher; getUtf8Body() would consume it
            seen = seen.withName(createdName(new String(request.getBody().getBytes(), StandardCharsets.UTF_8)));
        }
        Optional<FaultRule> fault = faults.find(seen);
        Optional<String> discovered = discovery.answer(request.getPath());
        Optional<String> table = Tables.pluralIfTable(request.getMethod(), request.getPath(), request.getHeader("Accept"));
        MockResponse response;
        if (fault.isPresent() && fault.get().status() != null) {
            response = failure(fault.get().status());
        } else if (discovered.isPresent()) {
            response = new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody(discovered.get());
        } else {
            response = super.dispatch(request);
            if (table.isPresent() && response.code() == 200) {
                response.setBody(Tables.table(table.get(), response.getBody().readUtf8(), Instant.now()));
            }
        }
        if (fault.isPresent() && fault.get().delayDuration() != null) {
            response.setBodyDelay(fault.get().delayDuration());
        }
        if (response.getWebSocketListener() != null) {
            response = new MockResponse().setResponseCode(response.code()).setHeaders(response.getHeaders())
                    .withWebSocketUpgrade(watches.track(response.getWebSocketListener()));
        }
        log.record(seen.withStatus(response.code()));
        return response;
    }

    /** The name a create asks for: the first {@code "name"} key, which is metadata's (clients write it first). */
    static String createdName(String body) {
        Matcher m = NAME.matcher(body == null ? "" : body);
        return m.find() ? m.group(1) : "";
    }

    private static MockResponse failure(int code) {
        String reason = switch (code) {
            case 409 -> "Conflict";
            case 404 -> "NotFound";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> "InternalError";
        };
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"injected by the test harness: " + reason + "\",\"reason\":\"" + reason
                + "\",\"code\":" + code + "}";
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }
}
