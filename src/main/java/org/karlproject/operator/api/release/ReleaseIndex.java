package org.karlproject.operator.api.release;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import org.karlproject.operator.api.Api;
import org.karlproject.operator.api.Unreadable;

/**
 * One immutable, pinned release of KARL (or of a customer's customization package on top of one):
 * the exact distributions, the image built from them, and the evolve generations its code expects.
 */
@Group(Api.GROUP)
@Version(Api.VERSION)
@ShortNames("ri")
@Categories(Api.CATEGORY)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".spec.version", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Based On", jsonPath = ".spec.basedOn", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Image", jsonPath = ".spec.image", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "size(self.metadata.name) <= 63",
        message = "metadata.name must be at most 63 characters (it is the value of the deploy.karlproject.org/release"
                + " label)")
@ValidationRule(value = "!has(self.spec.basedOn) || self.spec.basedOn != self.metadata.name",
        message = "spec.basedOn must name another ReleaseIndex, not this one", fieldPath = ".spec.basedOn")
@JsonDeserialize(using = Unreadable.Deserializer.class)
public class ReleaseIndex extends CustomResource<ReleaseIndexSpec, ReleaseIndexStatus> implements Namespaced {

    /** Required: A release without a spec is refused by the API server, not left for every reader to trip on. */
    @Override
    @Required
    public ReleaseIndexSpec getSpec() {
        return super.getSpec();
    }
}
