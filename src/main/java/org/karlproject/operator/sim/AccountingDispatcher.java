package org.karlproject.operator.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import java.lang.reflect.Field;
import java.util.Map;
import java.io.IOException;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock server's CRUD dispatcher with these additions: every request is recorded in the {@link RequestLog};
 * the {@link Faults} may answer a request with an error or delay it; a create or update that a real API
 * server rejects (an invalid name or label, see {@link ObjectValidation}) gets its 422, a delete or an update
 * from a stale copy its 409 ({@link DeletePreconditions}, {@link StaleUpdates}). (The mock server
 * already assigns a fresh uid to every create, as a real one does: {@code ApiServerValidationTest}.) Watch connections are tracked so
 * that they can be dropped. Its store is indexed by resource ({@link PluralIndex}): a request reads only its
 * resource's objects, as a real API server reads one key range.
 */
final class AccountingDispatcher extends KubernetesCrudDispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern POD_LOG = Pattern.compile("/api/v1/namespaces/[^/]+/pods/[^/?]+/log(\\?.*)?");
    private final RequestLog log;
    private final Faults faults;
    private final WatchTracker watches;
    private final Discovery discovery = new Discovery();
    private final PluralIndex index = new PluralIndex();

    Discovery discovery() {
        return discovery;
    }

    AccountingDispatcher(RequestLog log, Faults faults, WatchTracker watches) {
        super(List.of());
        this.log = log;
        this.faults = faults;
        this.watches = watches;
        indexStore();
    }

    /** Puts the {@link PluralIndex} in place of the CRUD dispatcher's store (a final field: set once, now). */
    private void indexStore() {
        try {
            Field store = CrudDispatcher.class.getDeclaredField("map");
            store.setAccessible(true);
            if (!((Map<?, ?>) store.get(this)).isEmpty()) {
                throw new IllegalStateException("the mock server's store is not empty");
            }
            store.set(this, index);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Fabric8 mock server's CrudDispatcher has no field 'map' any more: "
                    + "PluralIndex needs updating", e);
        }
    }

    /** What a request path names (a resource, and one name of it), or null (discovery, a path naming none). */
    private PluralIndex.Scope scopeOf(String path) {
        try {
            return PluralIndex.scopeOf(getAttributeExtractor().fromPath(path));
        } catch (RuntimeException unparsable) {
            return null;
        }
    }

    /** Every request sees only what it names in the store ({@link PluralIndex}). */
    @Override
    public MockResponse dispatch(RecordedRequest request) {
        return PluralIndex.scoped(scopeOf(request.getPath()), () -> dispatchScoped(request));
    }

    /** A write's look-up of its object (a create names it in the body, not the path): one name's objects. */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        return index.entries(PluralIndex.scopeOf(attributes)).stream().filter(e -> e.getKey().matches(attributes))
                .findFirst().orElse(null);
    }

    private MockResponse dispatchScoped(RecordedRequest request) {
        ApiRequest seen = ApiPaths.parse(log.nextSequence(), Instant.now(), request.getMethod(), request.getPath(),
                request.getHeader("User-Agent"));
        if (seen.verb().equals("create") && seen.name().isEmpty()) {
            // getBytes() leaves the body for the CRUD dispatcher; getUtf8Body() would consume it
            seen = seen.withName(createdName(new String(request.getBody().getBytes(), StandardCharsets.UTF_8)));
        }
        Optional<FaultRule> fault = faults.find(seen);
        Optional<MockResponse> invalid = Optional.empty();
        if (fault.isEmpty() || fault.get().status() == null) {
            JsonNode body = writtenObject(seen, request);
            if (body != null) {
                ApiRequest asked = seen;
                invalid = ObjectValidation.check(seen.resource(), body).map(i -> invalid(body, asked, i));
            }
        }
        Optional<String> precondition = request.getBody() == null ? Optional.empty()
                : "DELETE".equals(request.getMethod())
                        ? DeletePreconditions.violated(request.getBody().getBytes(), this::stored, request.getPath())
                : "PUT".equals(request.getMethod()) ? StaleUpdates.violated(request.getBody().getBytes(), this::stored,
                        request.getPath(), seen.resource())
                : Optional.empty();
        Optional<String> discovered = discovery.answer(request.getPath());
        Optional<String> table = Tables.pluralIfTable(request.getMethod(), request.getPath(), request.getHeader("Accept"));
        MockResponse response;
        if (fault.isPresent() && fault.get().status() != null) {
            response = failure(fault.get().status());
        } else if (invalid.isPresent()) {
            response = invalid.get();
        } else if (precondition.isPresent()) {
            response = failure(409, precondition.get());
        } else if (discovered.isPresent()) {
            response = new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody(discovered.get());
        } else {
            response = super.dispatch(request);
            if (POD_LOG.matcher(request.getPath()).matches()) {
                response = noLogs(); // the CRUD dispatcher answers with every stored object, Secrets too
            }
            if (table.isPresent() && response.code() == 200) {
                response.setBody(Tables.table(table.get(), response.getBody().readUtf8(), Instant.now()));
            }
        }
        if (fault.isPresent() && fault.get().delayDuration() != null) {
            response.setBodyDelay(fault.get().delayDuration());
        }
        if (response.getWebSocketListener() != null) {
            response = new MockResponse().setResponseCode(response.code()).setHeaders(response.getHeaders())
                    .withWebSocketUpgrade(watches.track(response.getWebSocketListener(), WatchTracker.startsFrom(request.getPath())));
        }
        log.record(seen.withStatus(response.code()));
        return response;
    }

    /** No container runs in the simulated cluster: a pod's log is not found. */
    private static MockResponse noLogs() {
        return new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json").setBody(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                + "\"the simulated cluster runs no containers: no logs\",\"reason\":\"NotFound\",\"code\":404}");
    }

    /** The name a create asks for: the first {@code "name"} key, which is metadata's (clients write it first). */
    static String createdName(String body) {
        Matcher m = NAME.matcher(body == null ? "" : body);
        return m.find() ? m.group(1) : "";
    }

    /** The object a create or an update (PUT) of a resource (not a subresource) sends, if it is JSON. */
    private static JsonNode writtenObject(ApiRequest seen, RecordedRequest request) {
        boolean write = seen.verb().equals("create") || seen.verb().equals("update");
        if (!write || !seen.subresource().isEmpty() || request.getBody() == null || request.getBody().size() == 0) {
            return null;
        }
        try {
            JsonNode body = JSON.readTree(request.getBody().getBytes());
            return body != null && body.isObject() ? body : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /** The 422 a real API server answers for an invalid field. */
    private static MockResponse invalid(JsonNode body, ApiRequest seen, ObjectValidation.Invalid invalid) {
        String kind = body.path("kind").asText(seen.resource());
        String name = body.path("metadata").path("name").asText("");
        ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", invalid.message(kind, name)).put("reason", "Invalid");
        ObjectNode details = status.putObject("details").put("name", name).put("kind", seen.resource());
        details.putArray("causes").addObject().put("reason", "FieldValueInvalid")
                .put("message", "Invalid value: \"" + invalid.value() + "\": " + invalid.reason())
                .put("field", invalid.field());
        status.put("code", 422);
        return new MockResponse().setResponseCode(422).setHeader("Content-Type", "application/json")
                .setBody(status.toString());
    }

    private static String quoted(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }

    /** The object stored at {@code path} as JSON, or null. */
    private String stored(String path) {
        MockResponse found = handleGet(path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
        return found.code() == 200 ? found.getBody().readUtf8() : null;
    }

    private static MockResponse failure(int code) {
        return failure(code, null);
    }

    private static MockResponse failure(int code, String message) {
        String reason = switch (code) {
            case 409 -> "Conflict";
            case 404 -> "NotFound";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> "InternalError";
        };
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":" + quoted(message == null ? "injected by the test harness: " + reason : message)
                + ",\"reason\":\"" + reason
                + "\",\"code\":" + code + "}";
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }
}
