/**
 * The custom resources of karl-operator, API group {@code deploy.karlproject.org}, version {@code v1alpha1}.
 *
 * <p>Only data classes live here: each kind, its spec and status, one class per spec block, and the
 * phase enums. Field descriptions are {@code @JsonPropertyDescription} annotations because that is what
 * the Fabric8 CRD generator copies into the CRD schema (and so into {@code kubectl explain} and
 * {@code docs/reference}); Javadoc would not reach the CRD. Schema rules (patterns, bounds, defaults,
 * CEL) sit beside the field they guard; the rules a schema cannot express live in
 * {@code org.karlproject.operator.validation}.
 */
package org.karlproject.operator.api;
