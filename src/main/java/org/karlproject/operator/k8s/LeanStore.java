package org.karlproject.operator.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * The item store of every informer the operator runs (Fabric8's {@link ItemStore} hook, set through JOSDK's
 * {@code InformerEventSourceConfiguration.Builder#withItemStore} for secondary caches and
 * {@code @Informer(itemStore = LeanStore.class)} for each reconciler's primary cache). Two things happen to an
 * object before it enters a cache:
 *
 * <ol>
 * <li><b>Only the fields read are kept.</b> {@code metadata.managedFields} and the
 * {@value #LAST_APPLIED} annotation are dropped: no decision reads them, and no write is built from them (an
 * edit's JSON patch is the difference between the cached object and its change, neither of which holds them, so
 * the patch never names them; server-side apply, where used, sends only the desired object). Everything else
 * stays: the pod templates of Deployments, Jobs and CronJobs are what {@link ChildWriter#holdsOwnedFields}
 * compares to notice an edit by hand, and statuses are what the observers read. Label and annotation keys and
 * label values are interned ({@link String#intern}: the JVM's string table drops an entry nobody refers to),
 * and both maps become compact immutable ones: a cached object is never modified in place (JOSDK clones the
 * primary before a reconcile; writes start from a copy, {@link CachedWrites#edit}). The same goes for the
 * rest of a typed object ({@link #slim}): its strings are interned (a fleet's pod templates repeat the same
 * image, paths, names and settings in every site's objects), and the empty {@code additionalProperties} map
 * and empty lists every Fabric8 model object carries become the shared immutable empty ones.</li>
 * <li><b>One copy per object version.</b> The reconcilers' secondary caches of one request share one
 * informer ({@link SharedInformers}), but each reconciler's primary informer is its own, and informers with
 * different selectors hold some of the same objects: every informer that holds the same object at the same
 * {@code resourceVersion} holds the one instance of {@link #SHARED}, which refers to it weakly: it goes when
 * no cache holds it any more (also the caches of an operator that was stopped, in tests and after a lost
 * leader election).</li>
 * </ol>
 *
 * <p>A new event source uses it through {@link Caches#informer}; nothing else is needed.
 */
public final class LeanStore<R extends HasMetadata> implements ItemStore<R> {

    /** The annotation {@code kubectl apply} keeps its last input in: a copy of the whole object. */
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private static final Map<Version, Shared> SHARED = new ConcurrentHashMap<>();
    private static final ReferenceQueue<HasMetadata> GONE = new ReferenceQueue<>();

    /** Every store of this JVM, for {@link #totals} (weakly: a store of a stopped operator goes). */
    private static final Set<LeanStore<?>> STORES = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private final Map<String, R> items = new ConcurrentHashMap<>();
    private final LongAdder stored = new LongAdder();

    public LeanStore() {
        STORES.add(this);
    }

    @Override
    public String getKey(R object) {
        return Cache.metaNamespaceKeyFunc(object);
    }

    @Override
    public R put(String key, R object) {
        stored.increment();
        return items.put(key, share(lean(object)));
    }

    @Override
    public R remove(String key) {
        return items.remove(key);
    }

    /** The objects this store was given so far: its informer's list items and watch events, each decoded once. */
    public long stored() {
        return stored.sum();
    }

    /**
     * What the stores of this JVM hold: {@code entries}, one per object per informer that caches it;
     * {@code distinct}, the objects among them ({@link #share} keeps one instance of each version);
     * {@code stored}, the objects they were given (each decoded by its informer from its list or watch).
     * Entries against distinct objects is how many informers decode each object; the benchmark's cold start
     * reports all three.
     */
    public record Totals(long entries, int distinct, long stored) {
    }

    /** {@link Totals} over every store of this JVM. */
    public static Totals totals() {
        List<LeanStore<?>> stores;
        synchronized (STORES) {
            stores = new ArrayList<>(STORES);
        }
        Set<Object> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        stores.forEach(store -> store.items.values().forEach(distinct::add));
        return new Totals(stores.stream().mapToLong(LeanStore::size).sum(), distinct.size(),
                stores.stream().mapToLong(LeanStore::stored).sum());
    }

    @Override
    public Stream<String> keySet() {
        return items.keySet().stream();
    }

    @Override
    public Stream<R> values() {
        return items.values().stream();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public R get(String key) {
        return items.get(key);
    }

    /** The object with only what the operator reads (see the class comment); the same instance, changed. */
    static <T extends HasMetadata> T lean(T object) {
        ObjectMeta meta = object.getMetadata();
        if (meta == null) {
            return object;
        }
        meta.setManagedFields(List.of());
        meta.setLabels(compact(meta.getLabels(), true));
        Map<String, String> annotations = meta.getAnnotations();
        if (annotations != null && annotations.containsKey(LAST_APPLIED)) {
            annotations = new HashMap<>(annotations);
            annotations.remove(LAST_APPLIED);
        }
        meta.setAnnotations(compact(annotations, false));
        slim(object, 0);
        return object;
    }

    /** Strings no longer than this are interned; longer ones (a ConfigMap's files, say) are kept as they are. */
    private static final int INTERNED = 256;

    /** The instance fields of a model class (Fabric8's or the operator's API), readable; none for other classes. */
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && model(c); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    int mod = f.getModifiers();
                    if (!Modifier.isStatic(mod) && !Modifier.isFinal(mod) && !f.getType().isPrimitive()
                            && f.trySetAccessible()) {
                        fields.add(f);
                    }
                }
            }
            return List.copyOf(fields);
        }
    };

    private static boolean model(Class<?> type) {
        String name = type.getName();
        return !type.isEnum() && !type.isRecord()
                && (name.startsWith("io.fabric8.kubernetes.api.model.") || name.startsWith("org.karlproject.operator.api."));
    }

    /**
     * Interns the strings of a typed object's fields, recursively, and swaps its empty maps and lists for the
     * shared immutable ones, and its maps of strings (selectors, a pod template's labels, a ConfigMap's data)
 * for compact immutable ones; other maps stay as they are (a generic resource's body).
     */
    @SuppressWarnings("unchecked")
    private static void slim(Object object, int depth) {
        if (object == null || depth > 32) {
            return;
        }
        for (Field field : FIELDS.get(object.getClass())) {
            try {
                Object value = field.get(object);
                if (value instanceof String text) {
                    field.set(object, interned(text));
                } else if (value instanceof Map<?, ?> map) {
                    if (map.isEmpty()) {
                        field.set(object, Map.of());
                    } else if (textOnly(map)) {
                        field.set(object, compact((Map<String, String>) map, true));
                    }
                } else if (value instanceof List<?> list) {
                    if (list.isEmpty()) {
                        field.set(object, List.of());
                    } else {
                        slimAll(list, depth);
                    }
                } else if (value != null && model(value.getClass())) {
                    slim(value, depth + 1);
                }
            } catch (IllegalAccessException | RuntimeException e) {
                // a field that cannot be set stays as deserialized: only memory is lost
            }
        }
    }

    private static boolean textOnly(Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void slimAll(List list, int depth) {
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof String text) {
                list.set(i, interned(text));
            } else if (item != null && model(item.getClass())) {
                slim(item, depth + 1);
            }
        }
    }

    private static String interned(String text) {
        return text.length() <= INTERNED ? text.intern() : text;
    }

    /** An immutable copy with interned keys (and values, if asked); a map with a null in it stays as it is. */
    private static Map<String, String> compact(Map<String, String> map, boolean internValues) {
        // values longer than INTERNED (a ConfigMap's files) are kept as they are, see interned()
        if (map == null || map.isEmpty()) {
            return map;
        }
        if (map.containsKey(null) || map.containsValue(null)) {
            return map;
        }
        Map<String, String> interned = new HashMap<>(map.size() * 2);
        map.forEach((k, v) -> interned.put(interned(k), internValues ? interned(v) : v));
        return Map.copyOf(interned);
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> T share(T object) {
        for (Object gone = GONE.poll(); gone != null; gone = GONE.poll()) {
            Shared cleared = (Shared) gone;
            SHARED.remove(cleared.version, cleared);
        }
        Version version = Version.of(object);
        if (version == null) {
            return object;
        }
        Object[] kept = new Object[1];
        SHARED.compute(version, (v, shared) -> {
            HasMetadata held = shared == null ? null : shared.get();
            kept[0] = held == null ? object : held;
            return held == null ? new Shared(v, object) : shared;
        });
        return (T) kept[0];
    }

    /** One object at one resourceVersion, as the server sent it (the Java type matters: typed or generic). */
    private record Version(Class<?> type, String apiVersion, String kind, String namespace, String name, String uid,
            String resourceVersion) {

        static Version of(HasMetadata object) {
            ObjectMeta meta = object.getMetadata();
            if (meta == null || meta.getResourceVersion() == null || meta.getName() == null) {
                return null;
            }
            return new Version(object.getClass(), object.getApiVersion(), object.getKind(), meta.getNamespace(),
                    meta.getName(), meta.getUid(), meta.getResourceVersion());
        }
    }

    /** The weak reference to the one instance of a version, knowing its key (to remove it once cleared). */
    private static final class Shared extends WeakReference<HasMetadata> {
        final Version version;

        Shared(Version version, HasMetadata object) {
            super(object, GONE);
            this.version = version;
        }
    }
}
