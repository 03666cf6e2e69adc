package org.karlproject.operator.train;

import java.util.List;
import java.util.Optional;
import org.karlproject.operator.api.train.ReleaseOverride;
import org.karlproject.operator.api.train.ReleaseTrainSpec;
import org.karlproject.operator.validation.Pep503;

/**
 * Which release a site moves to on a train (pure): the explicit override if the spec has one, else the one
 * Ready ReleaseIndex in the site's namespace whose basedOn chain reaches the train's karl version and that
 * carries the site's customization package (for a plain karl site: the karl release itself, the chain's root).
 * None, or two, and the site is Blocked with a message naming what is missing or both candidates: never a guess.
 */
record Resolution(String release, String problem) {

    static Resolution of(ReleaseTrainSpec spec, TrainView.Site site, List<TrainView.Release> releases) {
        List<TrainView.Release> inNamespace = releases.stream()
                .filter(r -> r.namespace().equals(site.namespace())).toList();
        Optional<ReleaseOverride> override = spec.getOverrides().stream()
                .filter(o -> site.namespace().equals(o.getNamespace()) && site.name().equals(o.getSite())).findFirst();
        if (override.isPresent()) {
            String name = override.get().getRelease();
            Optional<TrainView.Release> release = inNamespace.stream().filter(r -> r.name().equals(name)).findFirst();
            if (release.isEmpty() || !release.get().ready()) {
                return new Resolution(null, "spec.overrides names ReleaseIndex " + name + ", which "
                        + (release.isEmpty() ? "does not exist" : "is not Ready") + " in " + site.namespace());
            }
            return new Resolution(name, null);
        }
        String karl = spec.getKarlVersion();
        String customization = site.customizationPackage();
        List<TrainView.Release> matching = inNamespace.stream().filter(r -> karl.equals(r.karlVersion()))
                .filter(r -> customization == null ? r.root() : r.packages().contains(Pep503.normalize(customization)))
                .toList();
        List<TrainView.Release> ready = matching.stream().filter(TrainView.Release::ready).toList();
        String what = "a Ready ReleaseIndex in " + site.namespace() + " based on karl " + karl
                + (customization == null ? " (the karl release itself: the site has no customization package)"
                        : " that carries package " + customization);
        if (ready.size() == 1) {
            return new Resolution(ready.get(0).name(), null);
        }
        if (ready.size() > 1) {
            return new Resolution(null, "two candidates for " + what + ": "
                    + String.join(" and ", ready.stream().map(TrainView.Release::name).sorted().toList())
                    + "; name one in spec.overrides");
        }
        return new Resolution(null, "no " + what + (matching.isEmpty() ? ""
                : " (" + String.join(", ", matching.stream().map(TrainView.Release::name).sorted().toList())
                        + " not Ready yet)"));
    }

    boolean ok() {
        return problem == null;
    }
}
