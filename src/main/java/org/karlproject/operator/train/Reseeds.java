package org.karlproject.operator.train;

import java.util.List;
import java.util.Optional;
import org.karlproject.operator.api.train.ReleaseTrainSpec;
import org.karlproject.operator.api.train.SiteState;
import org.karlproject.operator.api.train.TrainSite;
import org.karlproject.operator.k8s.Names;
import org.karlproject.operator.status.Events;

/**
 * Reseeding a staging site's database from production just before its upgrade ({@code stages.reseedStaging}),
 * pure. The train never touches a database: it records the intent in its own row (state {@code Reseeding},
 * a {@code reseed} nonce); the staging ZeoDatabase reads it from the train's status and runs its own reseed
 * path (a fresh snapshot of its {@code spec.source.database}, restored into a new volume, switched to), which
 * only reads the production database. Once the database serves the reseeded volume, the upgrade starts.
 */
final class Reseeds {

    private Reseeds() {
    }

    /**
     * Whether the staging site's database can be reseeded from production: its spec.source.database is the
     * database of the production site that requires verification in it. Otherwise the row is Blocked, saying so.
     */
    static boolean possible(TrainView view, TrainSite row) {
        TrainView.Site site = view.site(row.getNamespace(), row.getSite()).orElseThrow();
        Optional<TrainView.Site> production = view.sites().stream().filter(s -> s.production()
                && s.namespace().equals(site.namespace()) && site.name().equals(s.requireVerifiedIn())).findFirst();
        String source = site.database().source();
        if (production.isPresent() && source != null && source.equals(production.get().database().name())
                && !source.equals(site.database().name())) {
            return true;
        }
        row.setState(SiteState.Blocked);
        row.setMessage("spec.stages.reseedStaging: " + (production.isEmpty()
                ? "no production site in " + site.namespace() + " requires verification in " + site.name()
                : "ZeoDatabase " + site.database().name() + " must name " + production.get().database().name()
                        + " (the production site's database) in spec.source.database"));
        return false;
    }

    /** Records the reseed intent: the row is Reseeding with a nonce of this train, version and site. */
    static void request(ReleaseTrainSpec spec, TrainView view, TrainSite row, List<Events.Note> events) {
        TrainView.Site site = view.site(row.getNamespace(), row.getSite()).orElseThrow();
        row.setState(SiteState.Reseeding);
        row.setReseed("rt-" + Names.hash(view.namespace() + "/" + view.name() + "/" + spec.getKarlVersion() + "/"
                + row.key()).substring(0, 16));
        row.setStarted(view.now().toString());
        row.setFinished(null);
        row.setMessage("reseeding ZeoDatabase " + site.database().name() + " from " + site.database().source()
                + " before the upgrade");
        events.add(Events.Note.normal("ReseedRequested", row.key() + ": reseed " + row.getReseed() + " of "
                + site.database().name() + " from " + site.database().source()));
    }

    /** A Reseeding row whose database now serves the reseeded volume starts its upgrade. */
    static void reseeded(TrainView view, TrainSite row, List<Events.Note> events) {
        TrainView.Site site = view.site(row.getNamespace(), row.getSite()).orElseThrow();
        if (row.getReseed() != null && row.getReseed().equals(site.database().reseeded())) {
            row.setState(SiteState.InProgress);
            row.setMessage(null);
            events.add(Events.Note.normal("SiteStarted", row.key() + ": " + row.getFrom() + " -> " + row.getTo()
                    + " (staging, reseeded from " + site.database().source() + ")"));
        }
    }
}
