package org.karlproject.operator.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One Fabric8 informer per kind, namespace and selector for all the reconcilers' secondary caches, where JOSDK
 * 5.3 gives every event source its own (each listing and watching for itself, each decoding its own copy of
 * every object: a new process at 1,000 sites held 27,021 cache entries for 16,006 objects, each KarlSite in
 * six informers and each ZeoDatabase in five; 19,009 with this, bench M3). {@link Caches#informer} hands JOSDK {@link #client a client} whose
 * informers for the same request (the same resource, namespace, label and field selectors and list limit) are
 * one underlying informer; what stays each event source's own is what JOSDK keeps per event source: its
 * event handler (its secondary-to-primary mapping, filters, and the recognition of its own writes), its
 * temporary cache of what it just wrote, and its index names.
 *
 * <p>How: JOSDK builds an informer as {@code client.resources(type).inNamespace(ns).withLabelSelector(s)
 * ...runnableInformer(0)}; the client's chain records that request and its last step returns a view of the
 * shared informer for the request. A view passes handlers through (Fabric8 replays the cache to a handler
 * added to a running informer, as an initial list would), sets the item store and exception handler only while
 * the informer has not started (all of them are the operator's {@link LeanStore} and JOSDK's one handler),
 * starts the informer once and stops it when the last started view stops (then the next request makes a new
 * one: a stopped informer cannot restart), removing its own handlers on stop. Its index names get a prefix of
 * its own, so two event sources that each add an index of the same name keep both.
 *
 * <p>Not shared: each reconciler's primary cache (JOSDK's controller event source, built from the
 * configuration service's client). Every other call on the client, and on the chain, goes to the real client
 * unchanged.
 */
public final class SharedInformers {

    /** The registry of each real client (weakly: the informers of a client that is gone go with it). */
    private static final Map<KubernetesClient, Registry> REGISTRIES = Collections.synchronizedMap(new WeakHashMap<>());

    /** The steps of an informer's request, recorded; any other call leaves the chain for the real client. */
    private static final Set<String> CHAIN = Set.of("inNamespace", "inAnyNamespace", "withLabelSelector", "withLabel",
            "withLabels", "withLabelIn", "withLabelNotIn", "withoutLabel", "withoutLabels", "withField", "withFields",
            "withoutField", "withoutFields", "withLimit", "withShardSelector");

    private SharedInformers() {
    }

    /** A client whose informers are shared as the class comment says; the same for the same real client. */
    public static KubernetesClient client(KubernetesClient real) {
        Registry registry = REGISTRIES.computeIfAbsent(real, r -> new Registry());
        return (KubernetesClient) Proxy.newProxyInstance(SharedInformers.class.getClassLoader(),
                new Class<?>[] {KubernetesClient.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if ((name.equals("resources") && args != null && args.length == 1)
                            || (name.equals("genericKubernetesResources") && args != null && args.length == 2)) {
                        return chain(registry, invoke(method, real, args), key(List.of(), method, args),
                                method.getReturnType());
                    }
                    return invoke(method, real, args);
                });
    }

    /** How many informers are running for the requests made through {@code client(real)} (for tests). */
    static int running(KubernetesClient real) {
        Registry registry = REGISTRIES.get(real);
        if (registry == null) {
            return 0;
        }
        synchronized (registry) {
            return (int) registry.shared.values().stream().filter(s -> s.users > 0).count();
        }
    }

    private static Object chain(Registry registry, Object real, List<Object> key, Class<?> type) {
        if (!type.isInterface()) {
            return real;
        }
        return Proxy.newProxyInstance(SharedInformers.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (CHAIN.contains(name)) {
                        Object next = invoke(method, real, args);
                        Class<?> step = returned(type, method);
                        return step != null && step.isInstance(next) ? chain(registry, next, key(key, method, args), step)
                                : next; // a step this cannot type stays the real client's: correct, just not shared
                    }
                    if (name.equals("runnableInformer") && args != null && args.length == 1) {
                        List<Object> request = key(key, method, args);
                        return registry.view(request, () -> {
                            try {
                                return (SharedIndexInformer<?>) invoke(method, real, args);
                            } catch (RuntimeException | Error e) {
                                throw e;
                            } catch (Throwable e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    }
                    return invoke(method, real, args);
                });
    }

    /**
     * The interface a step of the chain returns, seen from {@code type}: Fabric8 declares the selector steps on
     * {@code Filterable<T>} returning {@code T}, which erases to {@code Object}; {@code T} is read from
     * {@code type}'s declaration ({@code FilterWatchListDeletable extends Filterable<FilterWatchListDeletable<..>>}).
     */
    static Class<?> returned(Class<?> type, Method method) {
        Type result = method.getGenericReturnType();
        if (result instanceof TypeVariable<?> variable && variable.getGenericDeclaration() instanceof Class<?> declaring) {
            int index = Arrays.asList(declaring.getTypeParameters()).indexOf(variable);
            result = argument(type, declaring, index);
        }
        Class<?> raw = raw(result);
        return raw != null && raw.isInterface() ? raw : null;
    }

    private static Class<?> raw(Type type) {
        return type instanceof Class<?> c ? c
                : type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
    }

    /** The {@code index}th type argument {@code type} gives {@code declaring} somewhere up its interfaces. */
    private static Type argument(Class<?> type, Class<?> declaring, int index) {
        for (Type parent : type.getGenericInterfaces()) {
            Class<?> raw = raw(parent);
            if (raw == null) {
                continue;
            }
            if (raw == declaring) {
                return parent instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : null;
            }
            Type found = argument(raw, declaring, index);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static List<Object> key(List<Object> key, Method method, Object[] args) {
        List<Object> next = new ArrayList<>(key);
        next.add(method.getName());
        next.add(args == null ? List.of() : Arrays.asList(args));
        return next;
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The shared informers of one real client, by request. */
    private static final class Registry {
        final Map<List<Object>, Shared> shared = new HashMap<>(); // under this registry's lock
        final AtomicInteger views = new AtomicInteger();

        SharedIndexInformer<?> view(List<Object> request, java.util.function.Supplier<SharedIndexInformer<?>> make) {
            Shared informer;
            synchronized (this) {
                informer = shared.get(request);
                if (informer == null || informer.stopped) {
                    informer = new Shared(this, request, make.get());
                    shared.put(request, informer);
                }
            }
            return informer.view("v" + views.incrementAndGet() + ":");
        }
    }

    /** One informer and how many started views use it. */
    private static final class Shared {
        final Registry registry;
        final List<Object> request;
        final SharedIndexInformer<HasMetadata> informer;
        /** Set, under the registry's lock, when the last started view stopped it: it cannot start again. */
        volatile boolean stopped;
        int users;

        @SuppressWarnings("unchecked")
        Shared(Registry registry, List<Object> request, SharedIndexInformer<?> informer) {
            this.registry = registry;
            this.request = request;
            this.informer = (SharedIndexInformer<HasMetadata>) informer;
        }

        /** Started once: Fabric8 takes no item store or exception handler after that. */
        boolean started() {
            return users > 0 || stopped;
        }

        SharedIndexInformer<?> view(String prefix) {
            View view = new View(this, prefix);
            return (SharedIndexInformer<?>) Proxy.newProxyInstance(SharedInformers.class.getClassLoader(),
                    new Class<?>[] {SharedIndexInformer.class}, view);
        }
    }

    /** One event source's view of a shared informer. */
    private static final class View implements InvocationHandler {
        private final Shared shared;
        private final String prefix;
        private final List<ResourceEventHandler<? super HasMetadata>> handlers = new ArrayList<>();
        private boolean started;

        View(Shared shared, String prefix) {
            this.shared = shared;
            this.prefix = prefix;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            SharedIndexInformer<HasMetadata> informer = shared.informer;
            switch (method.getName()) {
                case "itemStore" -> {
                    synchronized (shared) {
                        if (!shared.started()) { // every event source gives a LeanStore: any one will do
                            informer.itemStore((io.fabric8.kubernetes.client.informers.cache.ItemStore<HasMetadata>) args[0]);
                        }
                    }
                    return proxy;
                }
                case "exceptionHandler" -> {
                    synchronized (shared) {
                        if (!shared.started()) {
                            SharedInformers.invoke(method, informer, args);
                        }
                    }
                    return proxy;
                }
                case "addEventHandler", "addEventHandlerWithResyncPeriod" -> {
                    synchronized (shared) {
                        handlers.add((ResourceEventHandler<? super HasMetadata>) args[0]);
                    }
                    SharedInformers.invoke(method, informer, args);
                    return proxy;
                }
                case "removeEventHandler" -> {
                    synchronized (shared) {
                        handlers.remove(args[0]);
                    }
                    SharedInformers.invoke(method, informer, args);
                    return proxy;
                }
                case "start" -> {
                    return start();
                }
                case "run" -> {
                    start().toCompletableFuture().join();
                    return proxy;
                }
                case "stop" -> {
                    stop();
                    return null;
                }
                case "getIndexer" -> {
                    return indexer(informer.getIndexer());
                }
                case "addIndexers" -> {
                    informer.addIndexers(prefixed((Map<String, Function<HasMetadata, List<String>>>) args[0]));
                    return proxy;
                }
                case "removeIndexer" -> {
                    informer.removeIndexer(prefix + args[0]);
                    return proxy;
                }
                default -> {
                    Object result = SharedInformers.invoke(method, informer, args);
                    return result == informer ? proxy : result;
                }
            }
        }

        private java.util.concurrent.CompletionStage<Void> start() {
            synchronized (shared) {
                if (shared.stopped) {
                    throw new IllegalStateException("the shared informer for " + shared.request
                            + " was stopped by its last user; ask the client for a new one");
                }
                if (!started) {
                    started = true;
                    shared.users++;
                }
                return shared.informer.start();
            }
        }

        private void stop() {
            synchronized (shared) {
                if (!started) {
                    return;
                }
                started = false;
                handlers.forEach(shared.informer::removeEventHandler);
                handlers.clear();
                if (--shared.users == 0) {
                    synchronized (shared.registry) { // so that no new view is handed this one from now on
                        shared.stopped = true;
                        shared.registry.shared.remove(shared.request, shared);
                    }
                    shared.informer.stop();
                }
            }
        }

        private Map<String, Function<HasMetadata, List<String>>> prefixed(Map<String, Function<HasMetadata, List<String>>> indexers) {
            Map<String, Function<HasMetadata, List<String>>> named = new HashMap<>();
            indexers.forEach((name, indexer) -> named.put(prefix + name, indexer));
            return named;
        }

        /** The shared cache's indexer, with this view's index names. */
        @SuppressWarnings("unchecked")
        private Indexer<HasMetadata> indexer(Indexer<HasMetadata> real) {
            return (Indexer<HasMetadata>) Proxy.newProxyInstance(SharedInformers.class.getClassLoader(),
                    new Class<?>[] {Indexer.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "addIndexers" -> {
                                real.addIndexers(prefixed((Map<String, Function<HasMetadata, List<String>>>) args[0]));
                                return null;
                            }
                            case "getIndexers" -> {
                                Map<String, Function<HasMetadata, List<String>>> mine = new HashMap<>();
                                real.getIndexers().forEach((name, f) -> {
                                    if (name.startsWith(prefix)) {
                                        mine.put(name.substring(prefix.length()), f);
                                    }
                                });
                                return mine;
                            }
                            case "index", "indexKeys", "byIndex", "addIndexFunc", "removeIndexer" -> {
                                Object[] renamed = args.clone();
                                renamed[0] = prefix + args[0];
                                Object result = SharedInformers.invoke(method, real, renamed);
                                return result == real ? proxy : result;
                            }
                            default -> {
                                return SharedInformers.invoke(method, real, args);
                            }
                        }
                    });
        }
    }
}
