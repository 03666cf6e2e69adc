package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Map;
import java.util.TreeMap;
import org.karlproject.operator.api.site.KarlSite;

/** A site's ClusterIP Service (stable or preview), port 80 to the pods' {@code http} port. */
public final class SiteService {

    private SiteService() {
    }

    public static Service of(KarlSite site, String name, String component, Map<String, String> selector) {
        return new ServiceBuilder().withMetadata(SiteMeta.of(site, name, SiteMeta.labels(site, component)))
                .withNewSpec().withType("ClusterIP").withSelector(selector)
                .addNewPort().withName("http").withPort(80).withNewTargetPort("http").withProtocol("TCP").endPort()
                .endSpec().build();
    }

    /**
     * The switch: the same Service selecting {@code selector}, replaced whole (no key of the old one
     * survives); sent as one patch of the difference.
     */
    static Service selecting(Service service, Map<String, String> selector) {
        service.getSpec().setSelector(new TreeMap<>(selector));
        return service;
    }
}
