package org.karlproject.operator.api.database;

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
 * A ZEO server with its own image and lifecycle, split from the application: its data on a volume that
 * the operator creates, snapshots, switches (after an evolve run) and never deletes unless told to.
 */
@Group(Api.GROUP)
@Version(Api.VERSION)
@ShortNames("zdb")
@Categories(Api.CATEGORY)
@AdditionalPrinterColumn(name = "Volume", jsonPath = ".status.activeVolume", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Read-Only", jsonPath = ".status.readOnly.active", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Last Backup", jsonPath = ".status.lastBackup.time", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Last Verified", jsonPath = ".status.lastVerifiedBackup.verifiedAt", type = AdditionalPrinterColumn.Type.DATE, priority = 1)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "size(self.metadata.name) <= 63 && self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
        message = "metadata.name must be a DNS label: at most 63 lowercase letters, digits and '-', starting with a"
                + " letter (it names the database's Service <name>-zeo and is a label value of every child)")
@JsonDeserialize(using = Unreadable.Deserializer.class)
public class ZeoDatabase extends CustomResource<ZeoDatabaseSpec, ZeoDatabaseStatus> implements Namespaced {

    /** Required: A database without a spec is refused by the API server, not left for every reader to trip on. */
    @Override
    @Required
    public ZeoDatabaseSpec getSpec() {
        return super.getSpec();
    }
}
