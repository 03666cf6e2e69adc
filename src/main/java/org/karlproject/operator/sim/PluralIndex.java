package org.karlproject.operator.sim;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The mock server's object store, indexed by resource (the {@code plural} attribute every stored key
 * carries). The Fabric8 mock server finds objects by matching a request's attributes against every stored
 * key: at fleet scale (500 sites: some 30,000 objects, half of them Events) that scan took most of the
 * benchmark's CPU on the server's one event-loop thread, so the server, not the operator, set the pace.
 * A real API server reads one resource's key range. So does this store: while a request runs
 * ({@link #scoped}), {@link #entrySet()} holds only the requested resource's objects, and since every query
 * asks for one {@code plural} exactly, the matching finds what a scan of everything would. Outside a
 * request, or for a request that names no resource (discovery), it holds everything.
 *
 * <p>Writes go through {@link #put} and {@link #remove}, which keep the index; nothing in the mock server
 * removes through an entry-set iterator (a view of a bucket would not remove from the whole).
 */
final class PluralIndex extends AbstractMap<AttributeSet, String> {
    static final String PLURAL = "plural";
    private static final ThreadLocal<String> SCOPE = new ThreadLocal<>();

    // as the mock server's own store: insertion-ordered (lists come back in that order), synchronized (and its
    // read-write lock around every request)
    private final Map<AttributeSet, String> all = ordered();
    private final Map<String, Map<AttributeSet, String>> byPlural = new ConcurrentHashMap<>();

    private static Map<AttributeSet, String> ordered() {
        return Collections.synchronizedMap(new LinkedHashMap<>());
    }

    /** Runs {@code request} with this thread's view narrowed to {@code plural} (null: everything). */
    static <T> T scoped(String plural, Supplier<T> request) {
        String outer = SCOPE.get();
        SCOPE.set(plural);
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

    /** The exact {@code plural} an attribute set asks for or carries, or null. */
    static String plural(AttributeSet attributes) {
        Attribute plural = attributes == null ? null : attributes.getAttribute(PLURAL);
        return plural == null || plural.getValues().size() != 1 ? null : plural.getValues().get(0).toString();
    }

    @Override
    public String put(AttributeSet key, String value) {
        String previous = all.put(key, value);
        String plural = plural(key);
        if (plural != null) {
            byPlural.computeIfAbsent(plural, p -> ordered()).put(key, value);
        }
        return previous;
    }

    @Override
    public String remove(Object key) {
        String previous = all.remove(key);
        if (key instanceof AttributeSet attributes) {
            String plural = plural(attributes);
            Map<AttributeSet, String> bucket = plural == null ? null : byPlural.get(plural);
            if (bucket != null) {
                bucket.remove(attributes);
            }
        }
        return previous;
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
    }

    /** This thread's view: the requested resource's objects during a request, else every object. */
    @Override
    public Set<Entry<AttributeSet, String>> entrySet() {
        String scope = SCOPE.get();
        if (scope == null) {
            return all.entrySet();
        }
        Map<AttributeSet, String> bucket = byPlural.get(scope);
        return bucket == null ? Set.of() : bucket.entrySet();
    }

    /** Objects of one resource (tests: the index agrees with the whole). */
    int count(String plural) {
        return (int) all.keySet().stream().filter(k -> plural.equals(plural(k))).count();
    }

    int indexed(String plural) {
        Map<AttributeSet, String> bucket = byPlural.get(plural);
        return bucket == null ? 0 : bucket.size();
    }
}
