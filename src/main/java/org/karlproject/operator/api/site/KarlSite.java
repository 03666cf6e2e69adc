package org.karlproject.operator.api.site;

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
 * One customer site in one environment: which release it runs, on which database, and how releases roll
 * out (one immutable Deployment per release, an atomic switch of the stable Service, rollback kept).
 */
@Group(Api.GROUP)
@Version(Api.VERSION)
@ShortNames("ks")
@Categories(Api.CATEGORY)
@AdditionalPrinterColumn(name = "Active", jsonPath = ".status.activeRelease", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Target", jsonPath = ".status.targetRelease", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".status.mode", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "size(self.metadata.name) <= 63 && self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
        message = "metadata.name must be a DNS label: at most 63 lowercase letters, digits and '-', starting with a"
                + " letter (it names the site's Service and is a label value of every child)")
@ValidationRule(value = "!has(self.spec.routing) || !has(self.spec.routing.previewHostname) || !has(self.spec.hostnames) "
        + "|| !(self.spec.routing.previewHostname in self.spec.hostnames)",
        message = "spec.routing.previewHostname must not be one of spec.hostnames (it reaches the candidate only)",
        fieldPath = ".spec.routing.previewHostname")
@ValidationRule(value = "!has(self.spec.promotion) || !has(self.spec.promotion.requireVerifiedIn) "
        + "|| self.spec.promotion.requireVerifiedIn != self.metadata.name",
        message = "spec.promotion.requireVerifiedIn must name another KarlSite (the staging site), not this one",
        fieldPath = ".spec.promotion.requireVerifiedIn")
@JsonDeserialize(using = Unreadable.Deserializer.class)
public class KarlSite extends CustomResource<KarlSiteSpec, KarlSiteStatus> implements Namespaced {

    /** Required: a site without a spec is refused by the API server, not left for every reader to trip on. */
    @Override
    @Required
    public KarlSiteSpec getSpec() {
        return super.getSpec();
    }
}
