package org.karlproject.operator.site;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.karlproject.operator.api.site.KarlSite;

/** The real reconciler, counting its reconciles so that tests can wait for "a few more" without sleeping. */
@ControllerConfiguration(name = "karlsite")
class CountingSiteReconciler extends KarlSiteReconciler {
    static final AtomicInteger RECONCILES = new AtomicInteger();

    CountingSiteReconciler() {
        super(Clock.systemUTC());
    }

    @Override
    public UpdateControl<KarlSite> reconcile(KarlSite site, Context<KarlSite> context) {
        try {
            return super.reconcile(site, context);
        } finally {
            RECONCILES.incrementAndGet();
        }
    }
}
