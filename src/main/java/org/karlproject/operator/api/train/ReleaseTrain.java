package org.karlproject.operator.api.train;

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
 * One karl version through every customer: the selected KarlSites (in any namespace the operator watches)
 * move to their customer release on that version, staging first, then production as a canary and waves with a
 * bake, halted when more sites fail than the budget allows. Namespaced (it lives with the fleet's operators,
 * not with any customer) so that the same Role the operator has in each watched namespace covers it.
 */
@Group(Api.GROUP)
@Version(Api.VERSION)
@ShortNames("rt")
@Categories(Api.CATEGORY)
@AdditionalPrinterColumn(name = "Karl", jsonPath = ".spec.karlVersion", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Stage", jsonPath = ".status.stage", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Done", jsonPath = ".status.progress", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Failed", jsonPath = ".status.counts.Failed", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "size(self.metadata.name) <= 63",
        message = "metadata.name must be at most 63 characters (sites name it in spec.releaseTrain)")
@ValidationRule(value = "!has(self.spec.overrides) || self.spec.overrides.all(o, "
        + "self.spec.overrides.exists_one(p, p.namespace == o.namespace && p.site == o.site))",
        message = "spec.overrides must name each site (namespace and site) at most once", fieldPath = ".spec.overrides")
@JsonDeserialize(using = Unreadable.Deserializer.class)
public class ReleaseTrain extends CustomResource<ReleaseTrainSpec, ReleaseTrainStatus> implements Namespaced {

    /**
     * Whether a KarlSite's {@code spec.releaseTrain} ({@code NAME}, in the site's namespace, or
     * {@code NAMESPACE/NAME}), written in {@code siteNamespace}, names the train {@code namespace/name}.
     */
    public static boolean named(String reference, String siteNamespace, String namespace, String name) {
        int slash = reference.indexOf('/');
        String trainNamespace = slash < 0 ? siteNamespace : reference.substring(0, slash);
        return trainNamespace.equals(namespace) && reference.substring(slash + 1).equals(name);
    }

    /** Required: a train without a spec is refused by the API server. */
    @Override
    @Required
    public ReleaseTrainSpec getSpec() {
        return super.getSpec();
    }
}
