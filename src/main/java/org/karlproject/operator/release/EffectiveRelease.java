package org.karlproject.operator.release;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.karlproject.operator.api.release.EvolveManager;
import org.karlproject.operator.api.release.PackagePin;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.validation.Pep503;

/**
 * What a release is once its {@code basedOn} chain is resolved: the union of the chain's pins (each linked
 * to the pool of the release that declares it) and the evolve generations per manager (the nearest
 * release's declaration wins). Immutable; built only from accepted specs.
 */
public record EffectiveRelease(String namespace, String name, String version, List<String> chain,
        List<ResolvedPackage> packages, Map<String, Long> generations, List<EvolveManager> evolve) {

    /** One pin of the effective set, with its download URL. */
    public record ResolvedPackage(String name, String project, String version, String file, String sha256,
            String url, String declaredIn) {
    }

    /** Why a chain cannot be resolved. {@code field} is the path the user should look at. */
    public record Problem(Kind kind, String field, String message) {
        public enum Kind { PARENT_MISSING, PARENT_NOT_READY, CYCLE, CONFLICT }
    }

    /** Either a release or the first problem found. */
    public record Resolution(EffectiveRelease release, Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** The state of another ReleaseIndex as seen by a child: absent, not accepted yet, or its accepted spec. */
    public record Parent(boolean exists, ReleaseIndexSpec acceptedSpec) {
        public static final Parent MISSING = new Parent(false, null);
        public static final Parent NOT_READY = new Parent(true, null);
    }

    /**
     * Resolves {@code spec} (of {@code name}) against its chain. {@code parents} looks up the accepted spec
     * of another ReleaseIndex in the same namespace.
     */
    public static Resolution resolve(String namespace, String name, ReleaseIndexSpec spec,
            Function<String, Parent> parents) {
        List<String> chain = new ArrayList<>();
        List<ReleaseIndexSpec> specs = new ArrayList<>();
        chain.add(name);
        specs.add(spec);
        String next = spec.getBasedOn();
        while (next != null) {
            if (chain.contains(next)) {
                chain.add(next);
                return problem(Problem.Kind.CYCLE, "spec.basedOn", "basedOn forms a cycle: " + String.join(" -> ", chain));
            }
            Parent parent = parents.apply(next);
            if (!parent.exists()) {
                return problem(Problem.Kind.PARENT_MISSING, "spec.basedOn",
                        "ReleaseIndex " + next + " (in the basedOn chain) does not exist; create it or fix spec.basedOn");
            }
            if (parent.acceptedSpec() == null) {
                return problem(Problem.Kind.PARENT_NOT_READY, "spec.basedOn",
                        "waiting for ReleaseIndex " + next + " (in the basedOn chain) to become Ready");
            }
            chain.add(next);
            specs.add(parent.acceptedSpec());
            next = parent.acceptedSpec().getBasedOn();
        }
        return merge(namespace, name, spec.getVersion(), chain, specs);
    }

    private static Resolution merge(String namespace, String name, String version, List<String> chain,
            List<ReleaseIndexSpec> specs) {
        Map<String, ResolvedPackage> byProject = new TreeMap<>();
        Map<String, Long> generations = new TreeMap<>();
        Map<String, EvolveManager> managers = new TreeMap<>();
        // Nearest release first: a manager's generation comes from the nearest release that declares it;
        // a package pinned in two releases of the chain must be pinned identically.
        for (int i = 0; i < specs.size(); i++) {
            ReleaseIndexSpec s = specs.get(i);
            String declaredIn = chain.get(i);
            for (PackagePin pin : s.getPackages()) {
                String project = Pep503.normalize(pin.getName());
                ResolvedPackage resolved = new ResolvedPackage(pin.getName(), project, pin.getVersion(),
                        pin.getFile(), pin.getSha256(), s.getPool() + pin.getFile(), declaredIn);
                ResolvedPackage other = byProject.putIfAbsent(project, resolved);
                if (other != null && !(other.version().equals(resolved.version())
                        && other.sha256().equals(resolved.sha256()))) {
                    return problem(Problem.Kind.CONFLICT, "spec.packages", "package " + project + " is pinned to "
                            + other.version() + " (sha256 " + abbreviate(other.sha256()) + ") in " + other.declaredIn()
                            + " and to " + resolved.version() + " (sha256 " + abbreviate(resolved.sha256()) + ") in "
                            + declaredIn + "; pin one version in both or drop the pin from " + chain.get(0));
                }
            }
            for (EvolveManager m : s.getEvolve()) {
                if (managers.putIfAbsent(m.getManager(), m) == null) {
                    generations.put(m.getManager(), m.getGeneration());
                }
            }
        }
        List<ResolvedPackage> packages = new ArrayList<>(byProject.values());
        packages.sort(Comparator.comparing(ResolvedPackage::project));
        return new Resolution(new EffectiveRelease(namespace, name, version, List.copyOf(chain),
                Collections.unmodifiableList(packages), Collections.unmodifiableMap(generations),
                List.copyOf(managers.values())), null);
    }

    /** The pin of {@code project} (normalised or not). */
    public Optional<ResolvedPackage> find(String project) {
        String normalized = Pep503.normalize(project);
        return packages.stream().filter(p -> p.project().equals(normalized)).findFirst();
    }

    private static Resolution problem(Problem.Kind kind, String field, String message) {
        return new Resolution(null, new Problem(kind, field, message));
    }

    private static String abbreviate(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) + "..." : sha256;
    }
}
