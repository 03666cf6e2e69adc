package org.karlproject.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.Api;
import org.karlproject.operator.api.Unreadable;

/**
 * The one validator of karl-operator's resources, shared by the offline {@code validate} command and the
 * reconcilers. It returns every violation at once, each with its Kubernetes-style field path, from three
 * layers driven by the committed CRDs (read from the classpath) and this package:
 * <ol>
 *   <li>the CRD's OpenAPI schema (networknt), plus unknown fields, which the API server would prune;</li>
 *   <li>the CRD's CEL rules (CEL-Java), at their schema location; transition rules only with an old object;</li>
 *   <li>semantic rules per kind ({@link ReleaseIndexRules}, {@link ZeoDatabaseRules}, {@link KarlSiteRules},
 *       {@link EvolveRunRules}).</li>
 * </ol>
 * Rules across documents (the {@code basedOn} chain) are in {@link BasedOnCycles}.
 *
 * <p>Schemas and CEL programs are compiled once, in {@link #shared()}; a validation is then a few tree
 * walks, cheap enough for every reconcile of a new generation. Thread-safe.
 */
public final class Validator {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static volatile Validator shared;

    private final Map<Kind, KindValidator> kinds = new EnumMap<>(Kind.class);

    private Validator() {
        for (Kind kind : Kind.values()) {
            kinds.put(kind, new KindValidator(kind));
        }
    }

    /** The process-wide validator, built on first use. */
    public static Validator shared() {
        Validator instance = shared;
        if (instance == null) {
            synchronized (Validator.class) {
                instance = shared;
                if (instance == null) {
                    instance = new Validator();
                    shared = instance;
                }
            }
        }
        return instance;
    }

    /** Whether a document is one of the four kinds of {@value Api#API_VERSION} (the ones this validates). */
    public static boolean isKarlResource(JsonNode document) {
        return document != null && Api.API_VERSION.equals(document.path("apiVersion").asText())
                && Kind.byName(document.path("kind").asText()).isPresent();
    }

    /** All violations of a new object (a document as parsed from YAML or JSON). */
    public List<Violation> validate(JsonNode document) {
        return validate(document, null);
    }

    /**
     * All violations of an object; with the old object of an update, the transition rules
     * ({@code self == oldSelf}) are checked too.
     *
     * @param oldDocument the stored object this one replaces, or null for a new object
     */
    public List<Violation> validate(JsonNode document, JsonNode oldDocument) {
        if (!Api.API_VERSION.equals(document.path("apiVersion").asText())) {
            return List.of(new Violation("apiVersion", "must be " + Api.API_VERSION + "; got \""
                    + document.path("apiVersion").asText() + "\"", Violation.Layer.SCHEMA));
        }
        Optional<Kind> kind = Kind.byName(document.path("kind").asText());
        if (kind.isEmpty()) {
            return List.of(new Violation("kind", "\"" + document.path("kind").asText() + "\" is not a kind of "
                    + Api.API_VERSION + "; use ReleaseIndex, ZeoDatabase, KarlSite or EvolveRun",
                    Violation.Layer.SCHEMA));
        }
        return kinds.get(kind.get()).validate(document, oldDocument);
    }

    /**
     * All violations of a typed resource (a {@code KarlSite}, {@code ReleaseIndex}, ...): of its spec and
     * name, which are all its rules read; its status is the operator's own record and is not judged. A
     * resource whose spec or status this version could not read ({@link Unreadable}) has exactly that
     * violation: what was read of it is not what is stored.
     */
    public List<Violation> validate(HasMetadata resource) {
        List<Violation> unreadable = unreadable(resource);
        return unreadable.isEmpty() ? validateSpec(resource) : unreadable;
    }

    /**
     * The violations of a typed resource's spec and name, without the check of {@link #unreadable}: an
     * answer that stays true for as long as the spec's generation does.
     */
    public List<Violation> validateSpec(HasMetadata resource) {
        JsonNode tree = toTree(resource);
        if (tree instanceof ObjectNode object) {
            object.remove("status");
        }
        return validate(tree, null);
    }

    /** The violation of a resource whose spec or status this version could not read, or none. */
    public static List<Violation> unreadable(HasMetadata resource) {
        List<Violation> found = new java.util.ArrayList<>();
        Unreadable.spec(resource).ifPresent(why -> found.add(new Violation("spec", "cannot be read by this "
                + "operator version (" + why + "); fix the field, or run the operator version that wrote it",
                Violation.Layer.SCHEMA)));
        Unreadable.status(resource).ifPresent(why -> found.add(new Violation("status", "cannot be read by this "
                + "operator version (" + why + "); the object is left alone, its status untouched, until an operator "
                + "version that can read it (the one that wrote it) runs", Violation.Layer.SCHEMA)));
        return found;
    }

    /** All violations of an update of a typed resource, the transition rules included. */
    public List<Violation> validate(HasMetadata resource, HasMetadata old) {
        return validate(toTree(resource), old == null ? null : toTree(old));
    }

    /** How many CEL rules the CRDs hold in total (every one compiled). */
    public int celRuleCount() {
        return kinds.values().stream().mapToInt(KindValidator::celRuleCount).sum();
    }

    private static JsonNode toTree(HasMetadata resource) {
        return SERIALIZATION.convertValue(resource, JsonNode.class);
    }
}
