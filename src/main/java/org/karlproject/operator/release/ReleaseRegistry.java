package org.karlproject.operator.release;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The releases the operator serves: the accepted, resolved content of every Ready ReleaseIndex, published
 * by the reconciler and read by the HTTP endpoints. A release that is not here is answered with 404.
 */
@Singleton
public class ReleaseRegistry {

    private final Map<String, EffectiveRelease> published = new ConcurrentHashMap<>();

    public void publish(EffectiveRelease release) {
        published.put(key(release.namespace(), release.name()), release);
    }

    public void withdraw(String namespace, String name) {
        published.remove(key(namespace, name));
    }

    public Optional<EffectiveRelease> find(String namespace, String name) {
        return Optional.ofNullable(published.get(key(namespace, name)));
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
