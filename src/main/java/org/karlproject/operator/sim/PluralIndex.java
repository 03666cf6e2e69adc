package org.karlproject.operator.sim;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The mock server's object store, indexed by resource (the {@code plural} attribute every stored key
 * carries) and, within it, by name. The Fabric8 mock server finds objects by matching a request's attributes
 * against every stored key: at fleet scale (500 sites: some 30,000 objects, half of them Events) that scan
 * took most of the benchmark's CPU on the server's one event-loop thread, so the server, not the operator,
 * set the pace. A real API server reads one resource's key range, or one key. So does this store: while a
 * request runs ({@link #scoped}), {@link #entrySet()} holds only the objects of the resource it names, or
 * only those of the one name it names; since every query asks for one {@code plural} (and a named one for
 * one {@code name}) exactly, the matching finds what a scan of everything would, in the same order. Outside
 * a request, or for a request that names no resource (discovery), it holds everything.
 *
 * <p>Writes go through {@link #put} and {@link #remove}, which keep the index; nothing in the mock server
 * removes through an entry-set iterator (a view of a bucket would not remove from the whole).
 */
final class PluralIndex extends AbstractMap<AttributeSet, String> {
    static final String PLURAL = "plural";
    static final String NAME = "name";
    private static final String ANY = "*"; // the mock server's wildcard value
    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

    /** What a request reads: one resource, and one name of it if {@code name} is not null. */
    record Scope(String plural, String name) {
    }

    // as the mock server's own store: insertion-ordered (lists come back in that order), synchronized (and its
    // read-write lock around every request)
    private final Map<AttributeSet, String> all = ordered();
    private final Map<String, Map<AttributeSet, String>> byPlural = new ConcurrentHashMap<>();
    private final Map<Scope, Map<AttributeSet, String>> byName = new ConcurrentHashMap<>();

    private static Map<AttributeSet, String> ordered() {
        return Collections.synchronizedMap(new LinkedHashMap<>());
    }

    /** Runs {@code request} with this thread's view narrowed to {@code scope} (null: everything). */
    static <T> T scoped(Scope scope, Supplier<T> request) {
        Scope outer = SCOPE.get();
        SCOPE.set(scope);
        try {
            return request.get();
        } finally {
            if (outer == null) {
                SCOPE.remove();
            } else {
                SCOPE.set(outer);
            }
        }
    }

    /**
     * The scope of a query: its exact {@code plural} and, if it asks for one exactly, its {@code name}; null
     * when it names no resource exactly (then everything is read).
     */
    static Scope scopeOf(AttributeSet query) {
        String plural = exact(query, PLURAL);
        return plural == null ? null : new Scope(plural, exact(query, NAME));
    }

    /** The one value {@code key} must equal in {@code attributes}, or null (absent, a wildcard, not equality). */
    static String exact(AttributeSet attributes, String key) {
        Attribute attribute = attributes == null ? null : attributes.getAttribute(key);
        if (attribute == null || attribute.getType() != AttributeType.WITH || attribute.getValues().size() != 1) {
            return null;
        }
        String value = attribute.getValues().get(0).toString();
        return value == null || value.equals(ANY) ? null : value;
    }

    @Override
    public String put(AttributeSet key, String value) {
        String previous = all.put(key, value);
        Scope scope = scopeOf(key);
        if (scope != null) {
            byPlural.computeIfAbsent(scope.plural(), p -> ordered()).put(key, value);
            if (scope.name() != null) {
                byName.computeIfAbsent(scope, s -> ordered()).put(key, value);
            }
        }
        return previous;
    }

    @Override
    public String remove(Object key) {
        String previous = all.remove(key);
        if (key instanceof AttributeSet attributes) {
            Scope scope = scopeOf(attributes);
            if (scope != null) {
                removeFrom(byPlural, scope.plural(), attributes);
                if (scope.name() != null) {
                    removeFrom(byName, scope, attributes);
                }
            }
        }
        return previous;
    }

    private static <K> void removeFrom(Map<K, Map<AttributeSet, String>> index, K bucket, AttributeSet key) {
        index.computeIfPresent(bucket, (b, objects) -> {
            objects.remove(key);
            return objects.isEmpty() ? null : objects;
        });
    }

    @Override
    public String get(Object key) {
        return all.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return all.containsKey(key);
    }

    @Override
    public int size() {
        return all.size();
    }

    @Override
    public void clear() {
        all.clear();
        byPlural.clear();
        byName.clear();
    }

    /** This thread's view: what the running request can match, else every object. */
    @Override
    public Set<Entry<AttributeSet, String>> entrySet() {
        return entries(SCOPE.get());
    }

    /** The objects a query of {@code scope} can match (null: every object). */
    Set<Entry<AttributeSet, String>> entries(Scope scope) {
        if (scope == null) {
            return all.entrySet();
        }
        Map<AttributeSet, String> bucket = scope.name() == null ? byPlural.get(scope.plural()) : byName.get(scope);
        return bucket == null ? Set.of() : bucket.entrySet();
    }

    /** How many stored objects a full scan finds of {@code plural} (tests: the index agrees with the whole). */
    int count(String plural) {
        synchronized (all) {
            return (int) all.keySet().stream().filter(k -> plural.equals(exact(k, PLURAL))).count();
        }
    }

    /** How many objects the index holds under {@code plural}. */
    int indexed(String plural) {
        Map<AttributeSet, String> bucket = byPlural.get(plural);
        return bucket == null ? 0 : bucket.size();
    }
}
