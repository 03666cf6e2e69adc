package org.karlproject.operator.train;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.api.train.ReleaseTrainSpec;
import org.karlproject.operator.api.train.TrainSites;

/**
 * Which sites ride a train (pure): every site whose {@code spec.releaseTrain} names it ({@code NAME} in the
 * train's namespace, or {@code NAMESPACE/NAME}), and every site without a {@code spec.releaseTrain} whose
 * labels hold all of {@code spec.sites.matchLabels} (not empty) in the listed namespaces (none: all). Staging
 * sites first, then production, each by namespace and name.
 */
final class Selection {

    private Selection() {
    }

    static List<TrainView.Site> of(ReleaseTrainSpec spec, TrainView view) {
        return of(spec, view.namespace(), view.name(), view.sites());
    }

    /** The sites the train {@code namespace/name} with {@code spec} selects among {@code sites}. */
    static List<TrainView.Site> of(ReleaseTrainSpec spec, String namespace, String name, List<TrainView.Site> sites) {
        return sites.stream().filter(site -> selects(spec, namespace, name, site))
                .sorted(Comparator.comparing(TrainView.Site::production).thenComparing(TrainView.Site::key))
                .toList();
    }

    private static boolean selects(ReleaseTrainSpec spec, String namespace, String name, TrainView.Site site) {
        if (site.releaseTrain() != null) {
            return ReleaseTrain.named(site.releaseTrain(), site.namespace(), namespace, name);
        }
        TrainSites sites = spec.getSites();
        if (sites == null || sites.getMatchLabels() == null || sites.getMatchLabels().isEmpty()) {
            return false;
        }
        boolean inNamespace = sites.getNamespaces() == null || sites.getNamespaces().isEmpty()
                || sites.getNamespaces().contains(site.namespace());
        return inNamespace && matches(sites.getMatchLabels(), site.labels());
    }

    private static boolean matches(Map<String, String> wanted, Map<String, String> labels) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
