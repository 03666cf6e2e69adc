package org.karlproject.operator.validation;

/**
 * One reason a document is invalid.
 *
 * @param path the Kubernetes-style field path, e.g. {@code spec.packages[1].sha256}
 * @param message what is wrong and how to fix it
 * @param layer which check found it (schema, CEL rule, or semantic rule)
 */
public record Violation(String path, String message, Layer layer) {

    /** Which of the validator's layers found a violation. */
    public enum Layer {
        /** The CRD's OpenAPI schema, unknown fields included (Kubernetes enforces these too). */
        SCHEMA,
        /** A CEL rule ({@code x-kubernetes-validations}) in the CRD (Kubernetes enforces these too). */
        CEL,
        /** A rule no schema can express; only the operator (and {@code validate}) enforces these. */
        SEMANTIC
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
