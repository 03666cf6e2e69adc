package org.karlproject.operator.api.evolve;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import org.karlproject.operator.api.Api;
import org.karlproject.operator.api.Unreadable;

/**
 * One database migration, never on live data: snapshot, read-only, second snapshot, restore into a copy,
 * evolve the copy, switch the database to it, writable again.
 */
@Group(Api.GROUP)
@Version(Api.VERSION)
@ShortNames("evr")
@Categories(Api.CATEGORY)
@AdditionalPrinterColumn(name = "Site", jsonPath = ".spec.site", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Release", jsonPath = ".spec.release", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "From", jsonPath = ".status.from", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "To", jsonPath = ".status.to", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@JsonDeserialize(using = Unreadable.Deserializer.class)
public class EvolveRun extends CustomResource<EvolveRunSpec, EvolveRunStatus> implements Namespaced {

    /** Required: A run without a spec is refused by the API server, not left for every reader to trip on. */
    @Override
    @Required
    public EvolveRunSpec getSpec() {
        return super.getSpec();
    }
}
