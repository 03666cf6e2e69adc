package org.karlproject.operator.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Objects of our kinds that this operator version cannot read, and how they are read anyway.
 *
 * <p>A real cluster admits objects the model cannot deserialize: a field of the wrong type (a CRD older
 * than the model, or none), or an enum value written by a newer operator version before a downgrade. With
 * the default Jackson bean deserializer one such object fails the informer's list or watch, the informer
 * stops, and JOSDK's default handler exits the operator: one bad object would take down every site. So
 * every kind is read by {@link Deserializer}: when the spec or the status cannot be read, that part is
 * left out (null) and the object carries the reason in the in-memory annotation {@link #SPEC} or
 * {@link #STATUS}. Readers treat such objects as malformed (null spec: skipped); a reconcile of one is
 * refused by the validator, and the status writer never writes over a status it could not read.
 *
 * <p>The marks survive a copy made through JSON (JOSDK clones every primary that way), which is why they
 * are annotations; the status writer removes them from what it sends, so they never reach the server.
 */
public final class Unreadable {

    /** The annotation (in memory only) that says why the spec could not be read. */
    public static final String SPEC = Api.GROUP + "/unreadable-spec";
    /** The annotation (in memory only) that says why the status could not be read. */
    public static final String STATUS = Api.GROUP + "/unreadable-status";

    private Unreadable() {
    }

    /** Why the spec of {@code resource} could not be read, if it could not. */
    public static Optional<String> spec(HasMetadata resource) {
        return annotation(resource, SPEC);
    }

    /** Why the status of {@code resource} could not be read, if it could not. */
    public static Optional<String> status(HasMetadata resource) {
        return annotation(resource, STATUS);
    }

    private static Optional<String> annotation(HasMetadata resource, String key) {
        Map<String, String> annotations = resource.getMetadata() == null ? null : resource.getMetadata().getAnnotations();
        return annotations == null ? Optional.empty() : Optional.ofNullable(annotations.get(key));
    }

    /**
     * Reads an object with the plain bean deserializer; if that fails, reads it again without its status,
     * then without its spec too, and marks what was left out. Metadata that cannot be read (an API server
     * never serves such) still fails.
     */
    public static final class Deserializer extends JsonDeserializer<Object>
            implements ContextualDeserializer, ResolvableDeserializer {
        private final JavaType type;
        private JsonDeserializer<Object> plain;

        public Deserializer() {
            this(null, null);
        }

        private Deserializer(JavaType type, JsonDeserializer<Object> plain) {
            this.type = type;
            this.plain = plain;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws JsonMappingException {
            JavaType target = ctxt.getContextualType() != null ? ctxt.getContextualType()
                    : property != null ? property.getType() : type;
            if (target == null || plain != null && target.equals(type)) {
                return this;
            }
            // the factory's bean deserializer, not the annotated one (that would be this class again)
            @SuppressWarnings("unchecked")
            JsonDeserializer<Object> bean = (JsonDeserializer<Object>) ctxt.getFactory()
                    .createBeanDeserializer(ctxt, target, ctxt.getConfig().introspect(target));
            Deserializer contextual = new Deserializer(target, bean);
            contextual.resolve(ctxt);
            return contextual;
        }

        @Override
        public void resolve(DeserializationContext ctxt) throws JsonMappingException {
            if (plain instanceof ResolvableDeserializer resolvable) {
                resolvable.resolve(ctxt);
            }
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
            if (plain == null) {
                throw JsonMappingException.from(parser, "no contextual type for " + getClass().getName());
            }
            ObjectNode tree = ctxt.readTree(parser) instanceof ObjectNode o ? o : null;
            if (tree == null) {
                return ctxt.handleUnexpectedToken(type, parser);
            }
            try {
                return read(tree, ctxt);
            } catch (JacksonException | IllegalArgumentException whole) {
                ObjectNode withoutStatus = tree.deepCopy();
                withoutStatus.remove("status");
                try {
                    HasMetadata read = (HasMetadata) read(withoutStatus, ctxt);
                    return mark(read, STATUS, whole);
                } catch (JacksonException | IllegalArgumentException spec) {
                    ObjectNode withoutSpec = tree.deepCopy();
                    withoutSpec.remove("spec");
                    try {
                        return mark((HasMetadata) read(withoutSpec, ctxt), SPEC, spec);
                    } catch (JacksonException | IllegalArgumentException status) {
                        withoutSpec.remove("status");
                        HasMetadata bare = mark((HasMetadata) read(withoutSpec, ctxt), SPEC, spec);
                        return mark(bare, STATUS, status);
                    }
                }
            }
        }

        private Object read(ObjectNode tree, DeserializationContext ctxt) throws IOException {
            try (JsonParser copy = tree.traverse(ctxt.getParser().getCodec())) {
                copy.nextToken();
                return plain.deserialize(copy, ctxt);
            }
        }

        private static HasMetadata mark(HasMetadata read, String key, Exception why) {
            String reason = why instanceof JacksonException j && j.getOriginalMessage() != null
                    ? j.getOriginalMessage() : String.valueOf(why.getMessage());
            if (why instanceof JsonMappingException m && !m.getPath().isEmpty()) {
                String path = m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(java.util.stream.Collectors.joining()).substring(1);
                reason = path + ": " + firstLine(reason);
            }
            if (read.getMetadata().getAnnotations() == null) {
                read.getMetadata().setAnnotations(new java.util.HashMap<>());
            }
            read.getMetadata().getAnnotations().put(key, firstLine(reason));
            return read;
        }

        private static String firstLine(String text) {
            int newline = text.indexOf('\n');
            String line = newline < 0 ? text : text.substring(0, newline);
            return line.length() > 300 ? line.substring(0, 300) + "..." : line;
        }
    }
}
