package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.Caches;

/**
 * HorizontalPodAutoscalers of the user's: when one targets a site's release Deployment, that Deployment's
 * {@code spec.replicas} belongs to the autoscaler and the site leaves it alone (it would otherwise reset
 * it to {@code spec.replicas} on every reconcile, fighting the autoscaler). Scaling a kept release down to
 * zero after a switch is still the site's: an autoscaler does not act on a Deployment at zero.
 */
final class Autoscaling {

    private Autoscaling() {
    }

    /** The HPAs of the namespace; one that appears or changes wakes the sites whose Deployment it may target. */
    static EventSource<HorizontalPodAutoscaler, KarlSite> eventSource(EventSourceContext<KarlSite> context) {
        var config = InformerEventSourceConfiguration.from(HorizontalPodAutoscaler.class, KarlSite.class)
                .withName(HorizontalPodAutoscaler.class.getSimpleName())
                .withSecondaryToPrimaryMapper(hpa -> context.getPrimaryCache()
                        .list(hpa.getMetadata().getNamespace(), site -> target(hpa)
                                .startsWith(site.getMetadata().getName() + "-"))
                        .map(ResourceID::fromResource).collect(Collectors.toSet()));
        return Caches.informer(config, context);
    }

    /** The Deployments these HPAs scale, by name. */
    static Set<String> targets(Stream<HorizontalPodAutoscaler> hpas) {
        return hpas.filter(hpa -> hpa.getSpec() != null && hpa.getSpec().getScaleTargetRef() != null
                && "Deployment".equals(hpa.getSpec().getScaleTargetRef().getKind()))
                .map(Autoscaling::target).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
    }

    private static String target(HorizontalPodAutoscaler hpa) {
        return hpa.getSpec() == null || hpa.getSpec().getScaleTargetRef() == null
                || hpa.getSpec().getScaleTargetRef().getName() == null ? "" : hpa.getSpec().getScaleTargetRef().getName();
    }
}
